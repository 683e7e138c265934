"""Many provincial consolidations at once, in a fixed number of queries.

`consolidation_build` reads one reporting year (about eight queries, plus one per target for
the baseline); a national dashboard needs every province of a year, or every year of a
province. `consolidations_build` is the same computation over a set of reporting years: it
loads reports, figures, activities, targets, indicators and baselines with one query each and
then runs consolidation.py's own arithmetic (`_indicator_figures`, `_choose_target`,
`expected_value`, `progress_status`, `_unit_row`, `_discrepancies`) year by year, so the
figures are the consolidation's figures. tests/reporting/test_dashboards.py checks that the two
agree, row for row, for every province of a world.

`consolidations_get` mirrors `consolidation_get`: a sent report is read from its frozen
snapshot (what the DOIT sent is what the Ministry reads), anything else is computed now.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from strategies.models import Indicator, Target

from ..consolidation import (
    TWO_PLACES,
    WEIGHTED_PAIR,
    Consolidation,
    FigureTotal,
    IndicatorRow,
    _activity_value,
    _choose_target,
    _discrepancies,
    _indicator_figures,
    _unit_row,
    expected_value,
    progress_status,
)
from ..figures import AVERAGED_FIGURES, FORMULAS, Figure
from ..models import ConsolidatedReport, ReportingYear, UnitReport


def reporting_years_loaded(queryset) -> list[ReportingYear]:
    """Reporting years with what every dashboard reads of them, in one query."""
    return list(
        queryset.select_related("plan", "plan__province", "consolidated_report").order_by(
            "year", "plan__province__name", "plan_id"
        )
    )


def sent_report(reporting_year: ReportingYear) -> ConsolidatedReport | None:
    """The year's consolidated report if the DOIT sent it (select_related, no query)."""
    try:
        consolidated = reporting_year.consolidated_report
    except ConsolidatedReport.DoesNotExist:
        return None
    return consolidated if consolidated.is_submitted else None


def _baselines(years: list[ReportingYear]) -> dict[tuple[int, str], Decimal]:
    """(plan, indicator) → the actual sent for the plan's first year (consolidation's rule)."""
    starts = {ry.plan_id: ry.plan.period_start for ry in years if ry.plan.period_start}
    if not starts:
        return {}
    condition = Q(pk__in=[])
    for plan_id, start in starts.items():
        condition |= Q(reporting_year__plan_id=plan_id, reporting_year__year=start)
    found: dict[tuple[int, str], Decimal] = {}
    for plan_id, snapshot in ConsolidatedReport.objects.filter(
        condition, state=ConsolidatedReport.State.SUBMITTED
    ).values_list("reporting_year__plan_id", "snapshot"):
        for row in snapshot.get("indicators", []):
            if row.get("actual") not in (None, ""):
                found.setdefault((plan_id, row["code"]), Decimal(row["actual"]))
    return found


def _baseline(
    reporting_year: ReportingYear, code: str, baselines: dict
) -> tuple[Decimal, int | None]:
    start = reporting_year.plan.period_start
    if start is not None and reporting_year.year > start:
        value = baselines.get((reporting_year.plan_id, code))
        if value is not None:
            return value, start
    return Decimal(0), start


def _indicator_row(indicator, formula, ry, received, reported_rows, registry_rows, targets, bases):
    row = IndicatorRow(code=indicator.code, name=indicator.name, unit=indicator.unit)
    if formula is not None and formula.kind == "activities":
        activities = [activity for report in received for activity in report.activities.all()]
        row.actual = _activity_value(formula, activities) if received else None
    elif formula is not None:
        row.numerator, row.denominator, row.actual = _indicator_figures(formula, reported_rows)
        _n, _d, row.registry_actual = _indicator_figures(formula, registry_rows)
    target = _choose_target(targets, ry.year)
    if target is not None:
        row.target_label = target.value_label
        row.target_value = target.value_min
        row.target_year = target.year
        if target.localises is not None:
            row.national_target_label = target.localises.value_label
            row.national_target_year = target.localises.year
    if row.target_value is not None:
        row.baseline, row.baseline_year = _baseline(ry, indicator.code, bases)
        start = row.baseline_year if row.baseline_year is not None else ry.year
        row.expected = expected_value(
            target=row.target_value,
            target_year=row.target_year,
            baseline=row.baseline,
            baseline_year=start,
            year=ry.year,
        ).quantize(TWO_PLACES)
    row.status = progress_status(
        actual=row.actual,
        target=row.target_value,
        target_year=row.target_year,
        year=ry.year,
        baseline=row.baseline or Decimal(0),
        baseline_year=row.baseline_year,
    )
    return row


def _figure_totals(reported_rows, registry_rows, labels) -> list[FigureTotal]:
    figures = []
    for figure in Figure:
        totals = []
        for source in (reported_rows, registry_rows):
            present = [row[figure.value] for row in source if row.get(figure.value) is not None]
            weight = AVERAGED_FIGURES.get(figure)
            if not present:
                totals.append(None)
            elif weight is not None:
                pairs = [{"v": row.get(figure.value), "w": row.get(weight)} for row in source]
                totals.append(_indicator_figures(WEIGHTED_PAIR, pairs)[2])
            else:
                totals.append(sum(present, Decimal(0)))
        figures.append(FigureTotal(figure.value, labels[figure.value], totals[0], totals[1]))
    return figures


def consolidations_build(
    reporting_years: Iterable[ReportingYear], *, today: datetime.date | None = None
) -> dict[int, Consolidation]:
    """consolidation_build for each reporting year (loaded with `reporting_years_loaded`),
    by reporting year id, in six queries whatever the number of years."""
    years = list(reporting_years)
    if not years:
        return {}
    today = today or timezone.localdate()
    reports_by_year: dict[int, list[UnitReport]] = defaultdict(list)
    for report in (
        UnitReport.objects.filter(reporting_year_id__in=[ry.pk for ry in years])
        .select_related("agency")
        .prefetch_related("values", "activities")
        .order_by("agency__name", "pk")
    ):
        reports_by_year[report.reporting_year_id].append(report)
    targets: dict[int, dict[str, list[Target]]] = defaultdict(lambda: defaultdict(list))
    for target in Target.objects.filter(plan_id__in={ry.plan_id for ry in years}).select_related(
        "indicator", "localises", "localises__indicator"
    ):
        targets[target.plan_id][target.indicator.code].append(target)
    codes = set(FORMULAS) | {code for by_code in targets.values() for code in by_code}
    indicators = list(Indicator.objects.filter(code__in=codes).order_by("pk"))
    bases = _baselines(years)
    labels = {figure.value: str(figure.label) for figure in Figure}

    built = {}
    for ry in years:
        reports = reports_by_year.get(ry.pk, [])
        received = [report for report in reports if report.is_received]
        reported_rows = [{v.figure: v.value for v in r.values.all()} for r in received]
        registry_rows = [{v.figure: v.computed_value for v in r.values.all()} for r in received]
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
                bases,
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
            units=[_unit_row(report, today) for report in reports],
            discrepancies=[
                found for report in received for found in _discrepancies(report, tolerance, labels)
            ],
        )
    return built


def consolidations_get(reporting_years: Iterable[ReportingYear]) -> dict[int, Consolidation]:
    """consolidation_get for each reporting year: the snapshot once sent, else built now."""
    years = list(reporting_years)
    result: dict[int, Consolidation] = {}
    unsent = []
    for ry in years:
        consolidated = sent_report(ry)
        if consolidated is not None and consolidated.snapshot:
            result[ry.pk] = Consolidation.from_json(consolidated.snapshot)
        else:
            unsent.append(ry)
    result.update(consolidations_build(unsent))
    return result
