"""Building consolidations: `consolidations_build` over any set of reporting years in a fixed
number of queries, and `consolidation_build`, the same for one year. There is one copy of
the computation; the single-year page and the national dashboards go through it alike.

`consolidations_get` / `consolidation_get` read a sent report from its frozen snapshot (what
the DOIT sent is what the Ministry reads) and compute anything else now; `indicators_get`
does the same for a few indicators only, reading sent reports' rows from `SentIndicator`, and
`unit_report_counts` counts the reports by standing, by the consolidation's own rule.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Case, Count, When
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from strategies.models import Target
from strategies.selectors import indicators_of, targets_of_plans

from ..figures import FORMULAS, Figure
from ..models import (
    Activity,
    ConsolidatedReport,
    ReportingYear,
    SentIndicator,
    UnitReport,
    UnitReportValue,
)
from .arithmetic import (
    _discrepancies,
    _figure_totals,
    activity_value,
    indicator_figures,
    state_labels_now,
    target_for_year,
    unit_row,
)
from .progress import expected_value, progress_status, year_is_closed
from .rows import Consolidation, IndicatorRow, report_counts, report_standing

# What the dashboards and consolidations read of a reporting year, its plan, province and
# consolidated report: at national size a thousand years are loaded per page, and a model's
# every other field (the plan's texts above all) costs time for nothing. Reading another
# field is a query per year: tests/reporting/dashboards/test_queries.py would see it.
LOADED_FIELDS = (
    "plan_id",
    "year",
    "discrepancy_tolerance_percent",
    "plan__title",
    "plan__period_start",
    "plan__province_id",
    "plan__province__code",
    "plan__province__name",
    "plan__province__name_en",
    "plan__province__level",
    "consolidated_report__reporting_year_id",
    "consolidated_report__state",
    "consolidated_report__submitted_at",
)


def reporting_years_loaded(queryset) -> list[ReportingYear]:
    """Reporting years with what every dashboard reads of them, in one query. Without the
    consolidated report's snapshot: at national size those are megabytes that only
    `consolidations_get` needs, and it reads them itself."""
    return list(
        queryset.select_related("plan", "plan__province", "consolidated_report")
        .only(*LOADED_FIELDS)
        .order_by("year", "plan__province__name", "plan_id")
    )


def sent_report(reporting_year: ReportingYear) -> ConsolidatedReport | None:
    """The year's consolidated report if the DOIT sent it (select_related, no query)."""
    try:
        consolidated = reporting_year.consolidated_report
    except ConsolidatedReport.DoesNotExist:
        return None
    return consolidated if consolidated.is_submitted else None


def _indicator_row(indicator, formula, ry, received, reported_rows, registry_rows, targets, closed):
    row = IndicatorRow(code=indicator.code, name=indicator.name, unit=indicator.measure_unit)
    if formula is not None and formula.kind == "activities":
        activities = [activity for report in received for activity in report.loaded_activities]
        row.actual = activity_value(formula, activities) if received else None
    elif formula is not None:
        row.numerator, row.denominator, row.actual = indicator_figures(formula, reported_rows)
        _n, _d, row.registry_actual = indicator_figures(formula, registry_rows)
    target = target_for_year(targets, ry.year)
    if target is not None:
        row.target_label = target.value_label
        row.target_value = target.value_min
        row.target_year = target.year
        # Only the baseline the plan states; none is ever assumed.
        row.baseline, row.baseline_year = target.baseline_value, target.baseline_year
        row.baseline_given = target.baseline_value is not None
        if target.localises is not None:
            row.national_target_label = target.localises.value_label
            row.national_target_year = target.localises.year
    row.expected = expected_value(
        target=row.target_value,
        target_year=row.target_year,
        baseline=row.baseline,
        baseline_year=row.baseline_year,
        year=ry.year,
    )
    row.status = progress_status(
        actual=row.actual,
        target=row.target_value,
        target_year=row.target_year,
        year=ry.year,
        closed=closed,
        baseline=row.baseline,
        baseline_year=row.baseline_year,
    )
    return row


class LoadedValue:
    """A unit report's figure as a consolidation reads it: its three columns, not a model
    instance (a province's year is two thousand of them); `value` is the model's own rule."""

    __slots__ = ("figure", "reported_value", "computed_value")
    value = property(UnitReportValue.value.fget)

    def __init__(self, figure, reported_value, computed_value):
        self.figure = figure
        self.reported_value = reported_value
        self.computed_value = computed_value


def unit_reports_loaded(reporting_year_ids, *, agency_id: int | None = None) -> list[UnitReport]:
    """The unit reports of these years with what a consolidation reads of them (their agency,
    year, figures and activities), by year, then agency name: three queries. The figures as
    `report.loaded_values` (LoadedValue), the activities as `report.loaded_activities`: plain
    lists filled here, where prefetch_related built a queryset per report and relation and a
    model instance per figure, half the provincial dashboard's time."""
    reports = UnitReport.objects.filter(reporting_year_id__in=list(reporting_year_ids))
    if agency_id is not None:
        reports = reports.filter(agency_id=agency_id)
    reports = list(
        reports.select_related("agency", "reporting_year").order_by(
            "reporting_year__year", "agency__name", "pk"
        )
    )
    ids = [report.pk for report in reports]
    values: dict[int, list[LoadedValue]] = defaultdict(list)
    activities: dict[int, list[Activity]] = defaultdict(list)
    if ids:
        for report_id, *columns in UnitReportValue.objects.filter(report_id__in=ids).values_list(
            "report_id", "figure", "reported_value", "computed_value"
        ):
            values[report_id].append(LoadedValue(*columns))
        for activity in Activity.objects.filter(report_id__in=ids):
            activities[activity.report_id].append(activity)
    for report in reports:
        report.loaded_values = values.get(report.pk, [])
        report.loaded_activities = activities.get(report.pk, [])
    return reports


def consolidations_build(
    reporting_years: Iterable[ReportingYear],
    *,
    today: datetime.date | None = None,
    agency_id: int | None = None,
    reports: list[UnitReport] | None = None,
    closing: bool = False,
) -> dict[int, Consolidation]:
    """Sum and recompute the received unit reports of each year against its plan's targets,
    by reporting year id, in at most six queries whatever the number of years (plus the
    plans and provinces of years not loaded with `reporting_years_loaded`). With `agency_id`,
    of that unit's reports alone: its own figures against the plan's targets (the unit
    dashboard), without loading every other unit's. `reports`: the years' reports from
    `unit_reports_loaded`, where the caller has them already. `closing`: the years are
    being closed (the DOIT sends them), so a shortfall in a target year is missed."""
    years = list(reporting_years)
    if not years:
        return {}
    today = today or timezone.localdate()
    if reports is None:
        reports = unit_reports_loaded([ry.pk for ry in years], agency_id=agency_id)
    reports_by_year: dict[int, list[UnitReport]] = defaultdict(list)
    for report in reports:
        reports_by_year[report.reporting_year_id].append(report)
    targets: dict[int, dict[str, list[Target]]] = defaultdict(lambda: defaultdict(list))
    for target in targets_of_plans({ry.plan_id for ry in years}):
        targets[target.plan_id][target.indicator.code].append(target)
    codes = set(FORMULAS) | {code for by_code in targets.values() for code in by_code}
    indicators = list(indicators_of(codes).order_by("pk"))
    labels = {figure.value: str(figure.label) for figure in Figure}
    state_labels = state_labels_now()

    built = {}
    for ry in years:
        reports = reports_by_year.get(ry.pk, [])
        received = [report for report in reports if report.is_received]
        reported_rows = [{v.figure: v.value for v in r.loaded_values} for r in received]
        registry_rows = [{v.figure: v.computed_value for v in r.loaded_values} for r in received]
        plan_targets = targets.get(ry.plan_id, {})
        rows = [
            _indicator_row(
                indicator,
                FORMULAS.get(indicator.code),
                ry,
                received,
                reported_rows,
                registry_rows,
                plan_targets.get(indicator.code, []),
                closing or year_is_closed(ry.year, sent=sent_report(ry) is not None, today=today),
            )
            for indicator in indicators
            if indicator.code in FORMULAS or indicator.code in plan_targets
        ]
        tolerance = ry.discrepancy_tolerance_percent
        built[ry.pk] = Consolidation(
            reporting_year_id=ry.pk,
            year=ry.year,
            plan_title=ry.plan.title,
            province=ry.plan.province_label,
            built_at=timezone.now(),
            tolerance_percent=tolerance,
            indicators=rows,
            figures=_figure_totals(reported_rows, registry_rows, labels),
            units=[unit_row(report, today, state_labels) for report in reports],
            discrepancies=[
                found for report in received for found in _discrepancies(report, tolerance, labels)
            ],
        )
    return built


def consolidation_build(
    *, reporting_year: ReportingYear, today: datetime.date | None = None, closing: bool = False
) -> Consolidation:
    """Sum and recompute the received unit reports of a year against the plan's targets."""
    built = consolidations_build([reporting_year], today=today, closing=closing)
    return built[reporting_year.pk]


def _frozen(consolidated: ConsolidatedReport | None) -> Consolidation | None:
    """What a sent consolidated report froze, if it was sent."""
    if consolidated is not None and consolidated.is_submitted and consolidated.snapshot:
        return Consolidation.from_json(consolidated.snapshot)
    return None


def consolidations_get(reporting_years: Iterable[ReportingYear]) -> dict[int, Consolidation]:
    """consolidation_get for each reporting year: the snapshot once sent, else built now."""
    years = list(reporting_years)
    sent_ids = [ry.pk for ry in years if sent_report(ry) is not None]
    snapshots = dict(
        ConsolidatedReport.objects.filter(reporting_year_id__in=sent_ids).values_list(
            "reporting_year_id", "snapshot"
        )
        if sent_ids
        else ()
    )
    result: dict[int, Consolidation] = {}
    unsent = []
    for ry in years:
        snapshot = snapshots.get(ry.pk)
        if snapshot:
            result[ry.pk] = Consolidation.from_json(snapshot)
        else:
            unsent.append(ry)
    result.update(consolidations_build(unsent))
    return result


def indicators_get(
    reporting_years: Iterable[ReportingYear],
    codes: Iterable[str],
    *,
    built: dict[int, Consolidation] | None = None,
) -> dict[int, dict[str, IndicatorRow]]:
    """`consolidations_get(years)[pk].indicator(code)` for a few indicator codes, by year and
    code, without decoding sent snapshots: a sent year's rows come from `SentIndicator`
    (one query), the others are built now, or taken from `built` (live consolidations the
    caller has already). A sent year without its copied rows (sent before they existed)
    falls back to its snapshot."""
    years = list(reporting_years)
    codes = list(codes)
    sent_ids = {ry.pk for ry in years if sent_report(ry) is not None}
    found: dict[int, dict[str, IndicatorRow]] = {}
    if sent_ids and codes:
        for reporting_year_id, row in SentIndicator.objects.filter(
            code__in=codes, reporting_year_id__in=sent_ids
        ).values_list("reporting_year_id", "row"):
            found.setdefault(reporting_year_id, {})[row["code"]] = IndicatorRow.from_dict(row)
    asked = {ry.pk for ry in years}
    rest = {pk: c for pk, c in (built or {}).items() if pk in asked and pk not in sent_ids}
    have = found.keys() | rest.keys()
    rest.update(consolidations_get([ry for ry in years if ry.pk not in have]))
    for reporting_year_id, consolidation in rest.items():
        found[reporting_year_id] = {
            code: row for code in codes if (row := consolidation.indicator(code)) is not None
        }
    return found


def sent_indicators_of(consolidated: ConsolidatedReport) -> list[SentIndicator]:
    """The rows a sent report's snapshot copies out for the dashboards (not saved)."""
    return [
        SentIndicator(
            report=consolidated,
            reporting_year_id=consolidated.reporting_year_id,
            code=row["code"],
            row=row,
        )
        for row in consolidated.snapshot.get("indicators", [])
    ]


def unit_report_counts(reporting_years, *, by: str = "reporting_year_id") -> dict:
    """By reporting year (or by `by`, e.g. "reporting_year__year"): the reports' counts by
    standing (`ReportCounts.as_dict`), counted by `report_standing` and `report_counts`, the
    very functions of the consolidation's own rows, so the dashboards cannot disagree with
    the page. One query, grouped by what the rule reads: the national dashboard counts every
    report of every year (tens of thousands), so each distinct (state, first submission's
    local day, due date, not-yet-saved) is judged once and counted by its number of reports,
    not a row and a local date per report."""
    standings: dict = defaultdict(list)
    rows = (
        UnitReport.objects.filter(reporting_year__in=reporting_years)
        .annotate(
            # The local day, as timezone.localdate gives it (the current time zone).
            submitted_on=TruncDate(Coalesce("first_submitted_at", "submitted_at")),
            # Unsaved or saved, not the version itself (a group per save otherwise).
            saved=Case(
                When(version__lte=UnitReport.UNSAVED_VERSION, then=UnitReport.UNSAVED_VERSION),
                default=UnitReport.UNSAVED_VERSION + 1,
            ),
        )
        .values_list(by, "state", "submitted_on", "due_date", "saved")
        .annotate(reports=Count("pk"))
        .order_by()
    )
    for key, state, submitted_on, due_date, version, reports in rows:
        standing = report_standing(
            state=state, submitted_on=submitted_on, due_date=due_date, version=version
        )
        standings[key].extend([standing] * reports)
    return {key: report_counts(found).as_dict() for key, found in standings.items()}


def consolidation_get(*, reporting_year: ReportingYear) -> Consolidation:
    """What the consolidated report says: frozen once sent, else computed now."""
    # Queried afresh rather than through `sent_report`: a caller's reporting year may carry a
    # cached consolidated report from before it was sent.
    consolidated = ConsolidatedReport.objects.filter(reporting_year=reporting_year).first()
    frozen = _frozen(consolidated)
    return frozen if frozen is not None else consolidation_build(reporting_year=reporting_year)
