"""The plain dataclasses a consolidation is made of, and their JSON form for the frozen
snapshot of a sent consolidated report."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from strategies.models import Indicator

from .progress import HUNDRED, TWO_PLACES, Progress, status_counts


class Timeliness:
    """A unit report's standing, the one vocabulary every count uses: received on time or
    late (received = on time + late), returned, draft, not started. Every report has exactly
    one, so the counts always add up to the reports expected."""

    ON_TIME = "on_time"
    LATE = "late"
    RETURNED = "returned"
    DRAFT = "draft"
    NOT_STARTED = "not_started"
    # Snapshots sent before the split read "missing" for draft and not started alike.
    MISSING = "missing"
    LABELS = {
        ON_TIME: _("Đúng hạn"),
        LATE: _("Trễ hạn"),
        RETURNED: _("Bị trả lại"),
        DRAFT: _("Đang soạn, chưa gửi"),
        NOT_STARTED: _("Chưa bắt đầu"),
        MISSING: _("Chưa gửi"),
    }
    RECEIVED = (ON_TIME, LATE)


def report_standing(
    *, state: str, submitted_on: datetime.date | None, due_date: datetime.date, version: int
) -> str:
    """THE rule: a received report is on time or late by its first submission (a report
    returned and sent again is judged by the first); a returned one is neither; a draft never
    saved since the year opened (version 1) is not started."""
    from ..models import UnitReport

    if state in UnitReport.RECEIVED_STATES:
        if submitted_on is not None and submitted_on > due_date:
            return Timeliness.LATE
        return Timeliness.ON_TIME
    if state == UnitReport.State.RETURNED:
        return Timeliness.RETURNED
    return Timeliness.NOT_STARTED if version <= UnitReport.UNSAVED_VERSION else Timeliness.DRAFT


@dataclass
class ReportCounts:
    """Counts of unit reports by standing; `received` and `expected` are their sums."""

    on_time: int = 0
    late: int = 0
    returned: int = 0
    draft: int = 0
    not_started: int = 0
    legacy_missing: int = 0  # "missing" rows of old snapshots

    @property
    def received(self) -> int:
        return self.on_time + self.late

    @property
    def not_sent(self) -> int:
        return self.draft + self.not_started + self.legacy_missing

    @property
    def missing(self) -> int:
        """Not received: returned, draft or not started."""
        return self.returned + self.not_sent

    @property
    def expected(self) -> int:
        return self.received + self.missing

    def add(self, other: ReportCounts) -> ReportCounts:
        return ReportCounts(*(getattr(self, name) + getattr(other, name) for name in COUNT_FIELDS))

    def as_dict(self) -> dict[str, int]:
        data = {name: getattr(self, name) for name in COUNT_FIELDS}
        data.update(
            received=self.received,
            missing=self.missing,
            not_sent=self.not_sent,
            expected=self.expected,
        )
        return data


COUNT_FIELDS = ("on_time", "late", "returned", "draft", "not_started", "legacy_missing")
STANDING_FIELD = {
    Timeliness.ON_TIME: "on_time",
    Timeliness.LATE: "late",
    Timeliness.RETURNED: "returned",
    Timeliness.DRAFT: "draft",
    Timeliness.NOT_STARTED: "not_started",
    Timeliness.MISSING: "legacy_missing",
}


def report_counts(standings) -> ReportCounts:
    """THE counting function: the page, the PDF and the dashboards all count through it."""
    counts = ReportCounts()
    for standing in standings:
        name = STANDING_FIELD[standing]
        setattr(counts, name, getattr(counts, name) + 1)
    return counts


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
    # True where the baseline (and so the trajectory) comes from the plan; snapshots sent
    # before issue 15 carry an assumed "0 at the plan's start" that is never shown again.
    baseline_given: bool = False

    @property
    def shown_baseline(self) -> Decimal | None:
        return self.baseline if self.baseline_given else None

    @property
    def shown_expected(self) -> Decimal | None:
        return self.expected if self.baseline_given else None

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
        if data.get("state") == "returned":
            # Sent before returned reports had a standing of their own (they read on time).
            data = {**data, "timeliness": Timeliness.RETURNED}
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
    year: int | None = None  # of the report; None in snapshots sent before it was kept

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
    def counts(self) -> ReportCounts:
        return report_counts(unit.timeliness for unit in self.units)

    @property
    def expected_count(self) -> int:
        return len(self.units)

    @property
    def received_count(self) -> int:
        return self.counts.received

    @property
    def on_time_count(self) -> int:
        return self.counts.on_time

    @property
    def late_count(self) -> int:
        return self.counts.late

    @property
    def missing_count(self) -> int:
        return self.counts.missing

    @property
    def completeness_percent(self) -> Decimal | None:
        if not self.units:
            return None
        return (HUNDRED * self.received_count / self.expected_count).quantize(TWO_PLACES)

    @property
    def status_counts(self) -> dict[str, int]:
        return status_counts(row.status for row in self.indicators)

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
