"""An indicator by province (the national table, its map and chart, its .xlsx) and over the
years (the trend charts), from the provinces' consolidations.

The figure of a province in a year is its consolidation's row for that year (`indicators_get`:
as sent once the DOIT sent it, else computed now). The Ministry sees only sent ones; a
DOIT also its own drafts. Provinces are the ones of the year (63 before the 2025 reform, 34
after) or, rolled up, today's 34 through the successor mapping; where several old provinces
(or several plans of one province) meet, numerators and denominators are summed and the share
recomputed, as the consolidation itself does with units.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from reporting.access import reporting_years_with_figures
from reporting.consolidation import (
    HUNDRED,
    TWO_PLACES,
    IndicatorRow,
    Progress,
    expected_value,
    indicators_get,
    progress_status,
    reporting_years_loaded,
    sent_report,
    target_for_year,
    year_is_closed,
)
from reporting.figures import FORMULAS
from reporting.models import ReportingYear, SentIndicator
from strategies.models import Indicator, Target
from strategies.selectors import national_targets
from sxsh_portal.accounts.access import Scope
from sxsh_portal.collation import sort_key
from sxsh_portal.numbers import decimal_text
from sxsh_portal.territory.models import REFORM_2025_FROM, AdministrativeUnit
from sxsh_portal.territory.selectors import (
    current_province_ids_by_province_id,
    current_provinces,
    units_valid_on,
)

from .links import link_maker

REFORM_YEAR = REFORM_2025_FROM.year


class SendState:
    SENT = "sent"
    DRAFT = "draft"
    NONE = "none"
    LABELS = {
        SENT: _("Đã gửi Bộ"),
        DRAFT: _("Chưa gửi Bộ (bản đang tổng hợp)"),
        NONE: _("Chưa có báo cáo tổng hợp"),
    }


@dataclass
class NationalTarget:
    label: str = ""
    value: Decimal | None = None
    year: int | None = None
    baseline: Decimal | None = None
    baseline_year: int | None = None

    def expected(self, year: int) -> Decimal | None:
        return expected_value(
            target=self.value,
            target_year=self.year,
            baseline=self.baseline,
            baseline_year=self.baseline_year,
            year=year,
        )

    def status(self, actual: Decimal | None, year: int) -> str:
        return progress_status(
            actual=actual,
            target=self.value,
            target_year=self.year,
            year=year,
            closed=year_is_closed(year),
            baseline=self.baseline,
            baseline_year=self.baseline_year,
        )


def national_target_for(targets: list[Target], year: int) -> NationalTarget:
    """The strategy's target for a year, with the baseline the strategy states (if any):
    neither an earlier phase's target nor 0 is taken for one."""
    chosen = target_for_year(targets, year)
    if chosen is None:
        return NationalTarget()
    return NationalTarget(
        chosen.value_label,
        chosen.value_min,
        chosen.year,
        chosen.baseline_value,
        chosen.baseline_year,
    )


@dataclass
class Combined:
    """Several consolidations' rows of one indicator, summed the consolidation's way."""

    numerator: Decimal | None = None
    denominator: Decimal | None = None
    actual: Decimal | None = None


def combine(code: str, rows: list[IndicatorRow]) -> Combined:
    if len(rows) == 1:
        row = rows[0]
        return Combined(row.numerator, row.denominator, row.actual)
    formula = FORMULAS.get(code)
    if formula is None:
        return Combined()
    if formula.kind == "activities":
        actuals = [row.actual for row in rows if row.actual is not None]
        return Combined(actual=sum(actuals, Decimal(0)) if actuals else None)
    pairs = [(r.numerator, r.denominator) for r in rows if r.numerator is not None]
    pairs = [(n, d) for n, d in pairs if d is not None]
    if not pairs:
        return Combined()
    numerator = sum((n for n, _d in pairs), Decimal(0))
    denominator = sum((d for _n, d in pairs), Decimal(0))
    if not denominator:
        return Combined(numerator, denominator, None)
    ratio = numerator / denominator * (HUNDRED if formula.kind == "share" else 1)
    return Combined(numerator, denominator, ratio.quantize(TWO_PLACES))


@dataclass
class ProvinceIndicatorRow:
    province_id: int
    province_code: str
    province_name: str
    year: int
    indicator_unit: str
    send_state: str = SendState.NONE
    sources: list[str] = field(default_factory=list)
    reporting_year_ids: list[int] = field(default_factory=list)
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    actual: Decimal | None = None
    target_label: str = ""
    target_value: Decimal | None = None
    target_year: int | None = None
    expected: Decimal | None = None
    national_target_label: str = ""
    national_expected: Decimal | None = None
    status: str = Progress.NO_DATA
    national_status: str = Progress.NO_DATA
    href: str = ""  # the province's dashboard, for the table's and the map's links

    @property
    def status_label(self) -> str:
        return str(Progress.LABELS[self.status])

    @property
    def national_status_label(self) -> str:
        return str(Progress.LABELS[self.national_status])

    @property
    def send_state_label(self) -> str:
        return str(SendState.LABELS[self.send_state])

    @property
    def is_percent(self) -> bool:
        return self.indicator_unit == Indicator.Unit.PERCENT

    def as_json(self) -> dict:
        return {
            "province_id": self.province_id,
            "province": self.province_name,
            "code": self.province_code,
            "actual": decimal_text(self.actual),
            "numerator": decimal_text(self.numerator),
            "denominator": decimal_text(self.denominator),
            "target": decimal_text(self.target_value),
            "expected": decimal_text(self.expected),
            "national_expected": decimal_text(self.national_expected),
            "status": self.status,
            "status_label": self.status_label,
            "national_status": self.national_status,
        }


def provinces_of(year: int, *, roll_up: bool) -> list[AdministrativeUnit]:
    """The provinces a table lists: those of the year, or today's when rolled up."""
    if roll_up or year >= REFORM_YEAR:
        return list(current_provinces().order_by("name"))
    day = datetime.date(year, 12, 31)
    return list(units_valid_on(day, level=AdministrativeUnit.Level.PROVINCE).order_by("name"))


def _row_for(
    province: AdministrativeUnit,
    year: int,
    indicator: Indicator,
    members: list[tuple[ReportingYear, IndicatorRow | None]],
    national: NationalTarget,
) -> ProvinceIndicatorRow:
    row = ProvinceIndicatorRow(
        province_id=province.pk,
        province_code=province.code,
        province_name=province.name,
        year=year,
        indicator_unit=indicator.measure_unit,
        national_target_label=national.label,
        national_expected=national.expected(year),
    )
    if not members:
        return row
    row.reporting_year_ids = [ry.pk for ry, _c in members]
    row.sources = sorted({ry.plan.province_label for ry, _c in members}, key=sort_key)
    sent = [sent_report(ry) is not None for ry, _c in members]
    row.send_state = SendState.SENT if all(sent) else SendState.DRAFT
    found = [(ry, r) for ry, r in members if r is not None]
    if not found:
        return row
    combined = combine(indicator.code, [r for _ry, r in found])
    row.numerator, row.denominator, row.actual = (
        combined.numerator,
        combined.denominator,
        combined.actual,
    )
    if len(found) == 1:
        only = found[0][1]
        row.target_label, row.target_value, row.target_year = (
            only.target_label,
            only.target_value,
            only.target_year,
        )
        row.expected, row.status = only.shown_expected, only.status
        if only.national_target_label:
            row.national_target_label = only.national_target_label
    else:
        targets = {(r.target_value, r.target_year, r.target_label) for _ry, r in found}
        if len(targets) == 1:
            value, target_year, label = targets.pop()
            # A trajectory only where every constituent plan states the same baseline.
            bases = {(r.shown_baseline, r.baseline_year) for _ry, r in found}
            baseline, baseline_year = bases.pop() if len(bases) == 1 else (None, None)
            row.target_label, row.target_value, row.target_year = label, value, target_year
            row.expected = expected_value(
                target=value,
                target_year=target_year,
                baseline=baseline,
                baseline_year=baseline_year,
                year=year,
            )
            row.status = progress_status(
                actual=row.actual,
                target=value,
                target_year=target_year,
                year=year,
                closed=year_is_closed(year, sent=row.send_state == SendState.SENT),
                baseline=baseline,
                baseline_year=baseline_year,
            )
        else:
            # Constituents with different targets: judge the merged province nationally.
            row.target_label = national.label
            row.target_value, row.target_year = national.value, national.year
            row.expected = national.expected(year)
            row.status = national.status(row.actual, year)
    row.national_status = national.status(row.actual, year)
    return row


@dataclass
class IndicatorTable:
    year: int
    indicator: Indicator
    roll_up: bool
    rows: list[ProvinceIndicatorRow]
    national: ProvinceIndicatorRow


@dataclass
class IndicatorYears:
    """A year's reporting years and their row of one indicator, by reporting year id."""

    loaded: list[ReportingYear]
    figures: dict[int, IndicatorRow | None]


def indicator_years(
    *, year: int, code: str, scope: Scope | None, province_ids=None, built: dict | None = None
) -> IndicatorYears:
    loaded = reporting_years_loaded(
        reporting_years_with_figures(scope, province_ids=province_ids).filter(year=year)
    )
    return IndicatorYears(loaded, _indicator_of(loaded, code, built))


def province_indicator_rows(
    *,
    year: int,
    indicator: Indicator,
    scope: Scope | None,
    roll_up: bool,
    province_ids=None,
    all_provinces: bool = True,
    built: dict | None = None,
    read: IndicatorYears | None = None,
) -> IndicatorTable:
    """THE selector of an indicator by province: table, map, chart and .xlsx all read it.
    `read`: the same year's `indicator_years`, where the caller builds the table twice
    (the national page: as the provinces were, and rolled up for the map)."""
    if read is None:
        read = indicator_years(
            year=year, code=indicator.code, scope=scope, province_ids=province_ids, built=built
        )
    loaded, figures = read.loaded, read.figures
    rolled = roll_up or year >= REFORM_YEAR
    mapping = current_province_ids_by_province_id() if rolled else {}
    provinces = provinces_of(year, roll_up=roll_up)
    by_id = {province.pk: province for province in provinces}
    members: dict[int, list] = {}
    extra = []
    for ry in loaded:
        key = mapping.get(ry.plan.province_id) if rolled else ry.plan.province_id
        if key is None:
            continue
        if key not in by_id:
            extra.append(key)
            by_id[key] = ry.plan.province
        members.setdefault(key, []).append((ry, figures[ry.pk]))
    national = national_target_for(national_targets(indicator.code).get(indicator.code, []), year)
    listed = [p for p in provinces if all_provinces or p.pk in members]
    listed += [by_id[key] for key in extra if key in members and by_id[key] not in listed]
    rows = [_row_for(p, year, indicator, members.get(p.pk, []), national) for p in listed]
    # Provinces that reported first; the page sorts the rest on demand.
    rows.sort(key=lambda row: not row.reporting_year_ids)
    href = link_maker("dashboards:province")  # one reverse() for the table's links
    for row in rows:
        row.href = href(row.province_id)
    return IndicatorTable(
        year=year,
        indicator=indicator,
        roll_up=rolled,
        rows=rows,
        national=national_row(year, indicator, rows, figures, national),
    )


def _indicator_of(
    loaded: list[ReportingYear], code: str, built: dict | None = None
) -> dict[int, IndicatorRow | None]:
    """Each reporting year's row of one indicator (None where it has none)."""
    found = indicators_get(loaded, [code], built=built)
    return {ry.pk: found.get(ry.pk, {}).get(code) for ry in loaded}


def national_row(year, indicator, rows, figures, national) -> ProvinceIndicatorRow:
    """The sum over every province's consolidation, judged against the national target."""
    found = [row for row in figures.values() if row is not None]
    total = ProvinceIndicatorRow(
        province_id=0,
        province_code="",
        province_name=str(_("Cả nước")),
        year=year,
        indicator_unit=indicator.measure_unit,
        national_target_label=national.label,
        national_expected=national.expected(year),
    )
    if found:
        combined = combine(indicator.code, found)
        total.numerator, total.denominator, total.actual = (
            combined.numerator,
            combined.denominator,
            combined.actual,
        )
        total.send_state = SendState.SENT
    total.target_label, total.target_value, total.target_year = (
        national.label,
        national.value,
        national.year,
    )
    total.expected = total.national_expected
    total.status = total.national_status = national.status(total.actual, year)
    total.sources = [row.province_name for row in rows if row.reporting_year_ids]
    return total


# ---------------------------------------------------------------------------- trends


@dataclass
class TrendRow:
    year: int
    actual: Decimal | None
    expected: Decimal | None
    target_label: str
    status: str
    provinces: int

    @property
    def status_label(self) -> str:
        return str(Progress.LABELS[self.status])

    def as_json(self) -> dict:
        return {
            "year": self.year,
            "actual": decimal_text(self.actual),
            "expected": decimal_text(self.expected),
            "status": self.status,
        }


def indicator_trend_rows(
    *,
    indicator: Indicator,
    scope: Scope | None,
    province_ids=None,
    loaded=None,
    built: dict | None = None,
) -> list[TrendRow]:
    """Year by year: the indicator (nationally, or over the given provinces) against the
    target trajectory — the national one nationally, the plan's for one province. `loaded`:
    the reporting years in scope, and `built`, live consolidations, where the caller has them
    already."""
    by_year: dict[int, list[IndicatorRow]] = {}
    provinces: dict[int, set] = {}

    def add(year: int, province_id: int, row: IndicatorRow | None) -> None:
        by_year.setdefault(year, [])
        provinces.setdefault(year, set()).add(province_id)
        if row is not None:
            by_year[year].append(row)

    if loaded is None:
        in_scope = reporting_years_with_figures(scope, province_ids=province_ids)
        # Sent years' rows straight from SentIndicator with their year and province, without
        # loading a thousand reporting years; the rest (drafts, or sent before rows were
        # copied) through indicators_get.
        copied = SentIndicator.objects.filter(
            code=indicator.code,
            reporting_year__in=in_scope.filter(consolidated_report__state="submitted"),
        )
        for year, province_id, row in copied.values_list(
            "reporting_year__year", "reporting_year__plan__province_id", "row"
        ):
            add(year, province_id, IndicatorRow.from_dict(row))
        loaded = reporting_years_loaded(in_scope.exclude(pk__in=copied.values("reporting_year_id")))
    figures = _indicator_of(loaded, indicator.code, built)
    for ry in loaded:
        add(ry.year, ry.plan.province_id, figures[ry.pk])
    targets = national_targets(indicator.code).get(indicator.code, [])
    trend = []
    for year in sorted(by_year):
        rows = by_year[year]
        combined = combine(indicator.code, rows) if rows else Combined()
        national = national_target_for(targets, year)
        if province_ids is not None and len(rows) == 1:
            only = rows[0]
            expected, label, status = only.shown_expected, only.target_label, only.status
            if only.target_year:
                label = f"{label} ({only.target_year})"
        else:
            expected = national.expected(year)
            label = f"{national.label} ({national.year})" if national.label else ""
            status = national.status(combined.actual, year)
        trend.append(TrendRow(year, combined.actual, expected, label, status, len(provinces[year])))
    return trend
