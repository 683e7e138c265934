"""The plain dataclasses a consolidation is made of, and their JSON form for the frozen
snapshot of a sent consolidated report."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from strategies.models import Indicator

from .progress import HUNDRED, TWO_PLACES, Progress


class Timeliness:
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    LABELS = {ON_TIME: _("Đúng hạn"), LATE: _("Trễ hạn"), MISSING: _("Chưa gửi")}


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
