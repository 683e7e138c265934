"""The provincial consolidation of a reporting year: ONE function, `consolidation_build`,
returning plain dataclasses that the page, the .xlsx export, the PDF (issue 6) and the
dashboards (issue 7) all use; and `progress_status`, the on-track rule.

Shares are recomputed from the sums of the units' counts (Σ numerators / Σ denominators),
never averaged; the saving per unit product is weighted by the number of facilities it
covers. Only received reports (submitted or accepted) count.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from strategies.models import Indicator, Target

from .figures import AVERAGED_FIGURES, FORMULAS, Figure, Formula
from .models import Activity, ConsolidatedReport, ReportingYear, UnitReport

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")
WEIGHTED_PAIR = Formula("weighted", "v", "w")


class Progress:
    MET = "met"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    NO_DATA = "no_data"
    LABELS = {
        MET: _("Đã đạt"),
        ON_TRACK: _("Đúng lộ trình"),
        AT_RISK: _("Có nguy cơ không đạt"),
        NO_DATA: _("Chưa có số liệu"),
    }


class Timeliness:
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    LABELS = {ON_TIME: _("Đúng hạn"), LATE: _("Trễ hạn"), MISSING: _("Chưa gửi")}


def expected_value(
    *, target: Decimal, target_year: int, baseline: Decimal, baseline_year: int, year: int
) -> Decimal:
    """Where a linear trajectory from the baseline to the target stands in `year`."""
    if target_year <= baseline_year or year >= target_year:
        return target
    if year <= baseline_year:
        return baseline
    share = Decimal(year - baseline_year) / Decimal(target_year - baseline_year)
    return baseline + (target - baseline) * share


def progress_status(
    *,
    actual: Decimal | None,
    target: Decimal | None,
    target_year: int | None,
    year: int,
    baseline: Decimal = Decimal(0),
    baseline_year: int | None = None,
) -> str:
    """Met if the actual reaches the target (the lower end of a range), on track if it
    reaches the linear trajectory from the baseline to the target year, at risk otherwise;
    no data without an actual or a target."""
    if actual is None or target is None or target_year is None:
        return Progress.NO_DATA
    if actual >= target:
        return Progress.MET
    expected = expected_value(
        target=target,
        target_year=target_year,
        baseline=baseline,
        baseline_year=baseline_year if baseline_year is not None else year,
        year=year,
    )
    return Progress.ON_TRACK if actual >= expected else Progress.AT_RISK


# ---------------------------------------------------------------------------- the data


def _dec(value) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def _day(value) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


@dataclass
class IndicatorRow:
    code: str
    name: str
    unit: str
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    actual: Decimal | None = None
    registry_actual: Decimal | None = None
    target_label: str = ""
    target_value: Decimal | None = None
    target_year: int | None = None
    expected: Decimal | None = None
    baseline: Decimal | None = None
    baseline_year: int | None = None
    national_target_label: str = ""
    national_target_year: int | None = None
    status: str = Progress.NO_DATA

    @property
    def status_label(self) -> str:
        return str(Progress.LABELS[self.status])

    @property
    def is_percent(self) -> bool:
        return self.unit == Indicator.Unit.PERCENT

    @classmethod
    def from_dict(cls, data: dict) -> IndicatorRow:
        decimals = ("numerator", "denominator", "actual", "registry_actual", "target_value")
        decimals += ("expected", "baseline")
        return cls(**{**data, **{name: _dec(data.get(name)) for name in decimals}})


@dataclass
class FigureTotal:
    figure: str
    label: str
    total: Decimal | None
    registry_total: Decimal | None

    @classmethod
    def from_dict(cls, data: dict) -> FigureTotal:
        return cls(
            figure=data["figure"],
            label=data["label"],
            total=_dec(data["total"]),
            registry_total=_dec(data["registry_total"]),
        )


@dataclass
class UnitRow:
    report_id: int
    agency: str
    state: str
    state_label: str
    due_date: datetime.date
    submitted_on: datetime.date | None
    days_late: int
    timeliness: str
    is_received: bool

    @property
    def timeliness_label(self) -> str:
        return str(Timeliness.LABELS[self.timeliness])

    @classmethod
    def from_dict(cls, data: dict) -> UnitRow:
        return cls(
            **{
                **data,
                "due_date": _day(data["due_date"]),
                "submitted_on": _day(data["submitted_on"]),
            }
        )


@dataclass
class Discrepancy:
    report_id: int
    agency: str
    figure: str
    label: str
    reported: Decimal
    computed: Decimal
    difference_percent: Decimal | None  # None when the registry says 0

    @classmethod
    def from_dict(cls, data: dict) -> Discrepancy:
        return cls(
            **{
                **data,
                "reported": _dec(data["reported"]),
                "computed": _dec(data["computed"]),
                "difference_percent": _dec(data["difference_percent"]),
            }
        )


@dataclass
class Consolidation:
    reporting_year_id: int
    year: int
    plan_title: str
    province: str
    built_at: datetime.datetime
    tolerance_percent: Decimal
    indicators: list[IndicatorRow] = field(default_factory=list)
    figures: list[FigureTotal] = field(default_factory=list)
    units: list[UnitRow] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)

    @property
    def expected_count(self) -> int:
        return len(self.units)

    @property
    def received_count(self) -> int:
        return sum(1 for unit in self.units if unit.is_received)

    @property
    def on_time_count(self) -> int:
        return sum(1 for unit in self.units if unit.timeliness == Timeliness.ON_TIME)

    @property
    def late_count(self) -> int:
        return sum(1 for unit in self.units if unit.timeliness == Timeliness.LATE)

    @property
    def missing_count(self) -> int:
        return sum(1 for unit in self.units if unit.timeliness == Timeliness.MISSING)

    @property
    def completeness_percent(self) -> Decimal | None:
        if not self.units:
            return None
        return (HUNDRED * self.received_count / self.expected_count).quantize(TWO_PLACES)

    def indicator(self, code: str) -> IndicatorRow | None:
        return next((row for row in self.indicators if row.code == code), None)

    def to_json(self) -> dict:
        """Plain JSON-able data (decimals and dates as strings) for the frozen snapshot."""
        data = asdict(self)
        return _jsonable(data)

    @classmethod
    def from_json(cls, data: dict) -> Consolidation:
        return cls(
            reporting_year_id=data["reporting_year_id"],
            year=data["year"],
            plan_title=data["plan_title"],
            province=data["province"],
            built_at=datetime.datetime.fromisoformat(data["built_at"]),
            tolerance_percent=Decimal(data["tolerance_percent"]),
            indicators=[IndicatorRow.from_dict(row) for row in data["indicators"]],
            figures=[FigureTotal.from_dict(row) for row in data["figures"]],
            units=[UnitRow.from_dict(row) for row in data["units"]],
            discrepancies=[Discrepancy.from_dict(row) for row in data["discrepancies"]],
        )


def _jsonable(value):
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


# ---------------------------------------------------------------------------- building


def _share(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return (HUNDRED * numerator / denominator).quantize(TWO_PLACES)


def _indicator_figures(formula, figure_rows: list[dict[str, Decimal | None]]):
    """Σ numerator, Σ denominator and the value over the units that give both figures."""
    numerator = denominator = None
    for figures in figure_rows:
        top, bottom = figures.get(formula.numerator), figures.get(formula.denominator)
        if top is None or bottom is None:
            continue
        if formula.kind == "weighted":
            top = top * bottom
        numerator = (numerator or 0) + top
        denominator = (denominator or 0) + bottom
    if formula.kind == "share":
        return numerator, denominator, _share(numerator, denominator)
    if numerator is None or not denominator:
        return numerator, denominator, None
    return numerator, denominator, (numerator / denominator).quantize(TWO_PLACES)


def _activity_value(formula, activities: list[Activity]) -> Decimal:
    chosen = [activity for activity in activities if activity.kind == formula.activity_kind]
    if formula.activity_sum:
        return Decimal(sum(getattr(activity, formula.activity_sum) for activity in chosen))
    return Decimal(len(chosen))


def _choose_target(targets: list[Target], year: int) -> Target | None:
    """The target that applies to a year: the nearest one not before it, else the last."""
    ahead = [target for target in targets if target.year >= year]
    if ahead:
        return min(ahead, key=lambda target: (target.year, target.position, target.pk))
    return max(targets, key=lambda target: target.year) if targets else None


def _baseline(reporting_year: ReportingYear, code: str) -> tuple[Decimal, int | None]:
    """The plan's first year as consolidated and sent, else 0 at the plan's start."""
    plan = reporting_year.plan
    start = plan.period_start
    if start is not None and reporting_year.year > start:
        first = (
            ConsolidatedReport.objects.filter(
                reporting_year__plan=plan,
                reporting_year__year=start,
                state=ConsolidatedReport.State.SUBMITTED,
            )
            .only("snapshot")
            .first()
        )
        if first is not None:
            for row in first.snapshot.get("indicators", []):
                if row["code"] == code and row.get("actual") not in (None, ""):
                    return Decimal(row["actual"]), start
    return Decimal(0), start


def _unit_row(report: UnitReport, today: datetime.date) -> UnitRow:
    if report.first_submitted_at is None:
        timeliness = Timeliness.MISSING
        submitted_on = None
    else:
        submitted_on = timezone.localdate(report.first_submitted_at)
        timeliness = Timeliness.LATE if submitted_on > report.due_date else Timeliness.ON_TIME
    return UnitRow(
        report_id=report.pk,
        agency=report.agency.name,
        state=report.state,
        state_label=str(report.get_state_display()),
        due_date=report.due_date,
        submitted_on=submitted_on,
        days_late=report.days_late(today),
        timeliness=timeliness,
        is_received=report.is_received,
    )


def _discrepancies(
    report: UnitReport, tolerance: Decimal, labels: dict[str, str]
) -> list[Discrepancy]:
    found = []
    for value in report.values.all():
        reported, computed = value.reported_value, value.computed_value
        if reported is None or computed is None:
            continue
        if computed == 0:
            if reported == 0:
                continue
            difference = None
        else:
            difference = (HUNDRED * abs(reported - computed) / computed).quantize(TWO_PLACES)
            if difference <= tolerance:
                continue
        found.append(
            Discrepancy(
                report_id=report.pk,
                agency=report.agency.name,
                figure=value.figure,
                label=labels[value.figure],
                reported=reported,
                computed=computed,
                difference_percent=difference,
            )
        )
    return found


def consolidation_build(
    *, reporting_year: ReportingYear, today: datetime.date | None = None
) -> Consolidation:
    """Sum and recompute the received unit reports of a year against the plan's targets."""
    today = today or timezone.localdate()
    plan = reporting_year.plan
    reports = list(
        UnitReport.objects.filter(reporting_year=reporting_year)
        .select_related("agency")
        .prefetch_related("values", Prefetch("activities", queryset=Activity.objects.all()))
        .order_by("agency__name", "pk")
    )
    received = [report for report in reports if report.is_received]
    reported_rows = [{v.figure: v.value for v in r.values.all()} for r in received]
    registry_rows = [{v.figure: v.computed_value for v in r.values.all()} for r in received]
    activities = [activity for report in received for activity in report.activities.all()]
    labels = {figure.value: str(figure.label) for figure in Figure}

    targets_by_code: dict[str, list[Target]] = {}
    for target in Target.objects.filter(plan=plan).select_related(
        "indicator", "localises", "localises__indicator"
    ):
        targets_by_code.setdefault(target.indicator.code, []).append(target)
    codes = set(FORMULAS) | set(targets_by_code)
    indicators = Indicator.objects.filter(code__in=codes).order_by("pk")

    rows = []
    for indicator in indicators:
        row = IndicatorRow(code=indicator.code, name=indicator.name, unit=indicator.unit)
        formula = FORMULAS.get(indicator.code)
        if formula is not None and formula.kind == "activities":
            row.actual = _activity_value(formula, activities) if received else None
        elif formula is not None:
            row.numerator, row.denominator, row.actual = _indicator_figures(formula, reported_rows)
            _n, _d, row.registry_actual = _indicator_figures(formula, registry_rows)
        target = _choose_target(targets_by_code.get(indicator.code, []), reporting_year.year)
        if target is not None:
            row.target_label = target.value_label
            row.target_value = target.value_min
            row.target_year = target.year
            if target.localises is not None:
                row.national_target_label = target.localises.value_label
                row.national_target_year = target.localises.year
        if row.target_value is not None:
            row.baseline, row.baseline_year = _baseline(reporting_year, indicator.code)
            start = row.baseline_year if row.baseline_year is not None else reporting_year.year
            row.expected = expected_value(
                target=row.target_value,
                target_year=row.target_year,
                baseline=row.baseline,
                baseline_year=start,
                year=reporting_year.year,
            ).quantize(TWO_PLACES)
        row.status = progress_status(
            actual=row.actual,
            target=row.target_value,
            target_year=row.target_year,
            year=reporting_year.year,
            baseline=row.baseline or Decimal(0),
            baseline_year=row.baseline_year,
        )
        rows.append(row)

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

    tolerance = reporting_year.discrepancy_tolerance_percent
    return Consolidation(
        reporting_year_id=reporting_year.pk,
        year=reporting_year.year,
        plan_title=plan.title,
        province=plan.province_label,
        built_at=timezone.now(),
        tolerance_percent=tolerance,
        indicators=rows,
        figures=figures,
        units=[_unit_row(report, today) for report in reports],
        discrepancies=[
            found for report in received for found in _discrepancies(report, tolerance, labels)
        ],
    )


def consolidation_get(*, reporting_year: ReportingYear) -> Consolidation:
    """What the consolidated report says: frozen once sent, else computed now."""
    consolidated = ConsolidatedReport.objects.filter(reporting_year=reporting_year).first()
    if consolidated is not None and consolidated.is_submitted and consolidated.snapshot:
        return Consolidation.from_json(consolidated.snapshot)
    return consolidation_build(reporting_year=reporting_year)
