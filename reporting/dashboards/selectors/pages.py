"""Everything one dashboard shows, built once and read by its page, its .xlsx and its PDF,
so the three cannot disagree. Each builder runs a fixed number of queries whatever the
number of provinces, units, reports or facilities (tests/reporting/dashboards/test_queries.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from facilities.selectors import (
    FacilityCounts,
    Savings,
    Showcase,
    facilities_verified_count,
    facility_counts_by_area,
    facility_totals,
    measures_awaiting_count,
    measures_counted,
    measures_public,
    registry_fragment_key,
    savings_by_sector_and_year,
    showcase_top,
)
from reporting.access import reporting_years_with_figures
from reporting.consolidation import (
    Discrepancy,
    Progress,
    consolidations_build,
    indicators_get,
    reporting_years_loaded,
    unit_reports_loaded,
)
from reporting.figures import FORMULAS
from reporting.models import ReportingYear
from strategies.models import Indicator
from strategies.selectors import indicators_of, national_targets
from sxsh_portal.accounts.access import Scope
from sxsh_portal.numbers import decimal_text
from sxsh_portal.territory.models import AdministrativeUnit, Agency

from .health import HealthRow, YearHealth, health_provinces, reporting_health
from .indicators import (
    REFORM_YEAR,
    IndicatorTable,
    ProvinceIndicatorRow,
    TrendRow,
    combine,
    indicator_trend_rows,
    indicator_years,
    national_target_for,
    province_indicator_rows,
)
from .units import UnitIndicatorRow, unit_indicator_rows

DEFAULT_INDICATOR = "facilities-applying"


@dataclass
class Choices:
    """What the filter form offers and what it chose."""

    years: list[int]
    year: int
    indicators: list[Indicator]
    indicator: Indicator
    roll_up: bool = False

    @property
    def can_roll_up(self) -> bool:
        return self.year < REFORM_YEAR


def indicator_options() -> list[Indicator]:
    """Indicators a dashboard can show a value for: those the consolidation computes."""
    return list(indicators_of(FORMULAS).order_by("name"))


_NO_INDICATOR = Indicator(
    code=DEFAULT_INDICATOR,
    name="",
    measure_unit=Indicator.Unit.PERCENT,
    source=Indicator.Source.REPORTED,
)


def choose(
    *, years: list[int], indicators: list[Indicator], year=None, code=None, roll_up=False
) -> Choices:
    years = sorted(set(years), reverse=True) or [timezone.localdate().year]
    chosen_year = year if year in years else years[0]
    by_code = {indicator.code: indicator for indicator in indicators}
    # An empty catalogue (a database without the seed documents) shows empty tables, not 500.
    indicator = (
        by_code.get(code)
        or by_code.get(DEFAULT_INDICATOR)
        or (indicators[0] if indicators else _NO_INDICATOR)
    )
    return Choices(years, chosen_year, indicators, indicator, bool(roll_up))


# ---------------------------------------------------------------------------- national


@dataclass
class NationalDashboard:
    choices: Choices
    table: IndicatorTable
    map_rows: list[ProvinceIndicatorRow]
    trend: list[TrendRow]
    trend_province: AdministrativeUnit | None
    province_trend: list[TrendRow]
    province_options: list[tuple[int, str]]
    health_rows: list[HealthRow]
    health_years: list[YearHealth]
    savings: Savings
    registry_key: str  # for the cached fragments of registry figures
    showcase: list[Showcase]


def national_dashboard(
    *, scope: Scope, year=None, code=None, roll_up=False, trend_province_id=None
) -> NationalDashboard:
    years = list(reporting_years_with_figures(scope).values_list("year", flat=True).distinct())
    choices = choose(
        years=years, indicators=indicator_options(), year=year, code=code, roll_up=roll_up
    )
    # The year's figures read once for the table and, rolled up, the map.
    read = indicator_years(year=choices.year, code=choices.indicator.code, scope=scope)
    table = province_indicator_rows(
        year=choices.year,
        indicator=choices.indicator,
        scope=scope,
        roll_up=choices.roll_up,
        read=read,
    )
    map_rows = table.rows
    if not table.roll_up:
        map_rows = province_indicator_rows(
            year=choices.year, indicator=choices.indicator, scope=scope, roll_up=True, read=read
        ).rows
    # The health table shows the chosen year's provinces, its chart every year's totals.
    health = reporting_health(scope=scope, year=choices.year)
    options = health_provinces(scope=scope)
    trend_province = None
    province_trend: list[TrendRow] = []
    if trend_province_id in {pk for pk, _name in options}:
        trend_province = AdministrativeUnit.objects.get(pk=trend_province_id)
        province_trend = indicator_trend_rows(
            indicator=choices.indicator, scope=scope, province_ids=[trend_province_id]
        )
    return NationalDashboard(
        choices=choices,
        table=table,
        map_rows=map_rows,
        trend=indicator_trend_rows(indicator=choices.indicator, scope=scope),
        trend_province=trend_province,
        province_trend=province_trend,
        province_options=options,
        health_rows=health.rows_of(choices.year),
        health_years=health.years,
        savings=savings_by_sector_and_year(measures_counted()),
        registry_key=registry_fragment_key("national"),
        showcase=showcase_top(),
    )


# ---------------------------------------------------------------------------- province


@dataclass
class Alert:
    level: str  # a Bootstrap colour: danger, warning, info
    text: str
    href: str = ""


@dataclass
class ProvinceDashboard:
    province: AdministrativeUnit
    lineage_ids: list[int]
    choices: Choices
    province_row: ProvinceIndicatorRow | None
    unit_rows: list[UnitIndicatorRow]
    trend: list[TrendRow]
    health_rows: list[HealthRow]
    health_years: list[YearHealth]
    units: list  # UnitRow of the chosen year (live)
    discrepancies: list[Discrepancy]
    facilities: list[FacilityCounts]
    facility_total: FacilityCounts
    awaiting_publication: int
    savings: Savings
    registry_key: str  # for the cached fragments of registry figures
    showcase: list[Showcase]
    alerts: list[Alert] = field(default_factory=list)


def province_dashboard(
    *, scope: Scope, province: AdministrativeUnit, lineage_ids: list[int], year=None, code=None
) -> ProvinceDashboard:
    health = reporting_health(scope=scope, province_ids=lineage_ids)
    choices = choose(
        years=[row.year for row in health.rows],
        indicators=indicator_options(),
        year=year,
        code=code,
    )
    health_rows = health.rows_of(choices.year)
    year_ids = [row.reporting_year_id for row in health_rows]
    # The chosen year's cycle as it stands now: its units and discrepancies, and the figures
    # of the years not sent yet (built once for the table, the trend and the unit rows).
    reports = unit_reports_loaded(year_ids)
    live = consolidations_build([ry for ry in health.loaded if ry.pk in year_ids], reports=reports)
    table = province_indicator_rows(
        year=choices.year,
        indicator=choices.indicator,
        scope=scope,
        roll_up=True,
        province_ids=lineage_ids,
        all_provinces=False,
        built=live,
    )
    code = choices.indicator.code
    # The province's figure (as sent, where the user reads it so) gives the units their target.
    province_rows = {pk: c.indicator(code) for pk, c in live.items()}
    visible = {pk for row in table.rows for pk in row.reporting_year_ids}
    sent = indicators_get([ry for ry in health.loaded if ry.pk in visible], [code], built=live)
    province_rows.update({pk: rows.get(code) for pk, rows in sent.items()})
    units = [unit for pk in year_ids for unit in live[pk].units]
    discrepancies = [d for pk in year_ids for d in live[pk].discrepancies]
    facilities = facility_counts_by_area(province_ids=lineage_ids)
    total = facility_totals(facilities)
    awaiting = measures_awaiting_count(lineage_ids)
    dashboard = ProvinceDashboard(
        province=province,
        lineage_ids=lineage_ids,
        choices=choices,
        province_row=table.rows[0] if table.rows else None,
        unit_rows=unit_indicator_rows(
            reporting_year_ids=year_ids,
            indicator_code=code,
            province_rows=province_rows,
            reports=reports,
        ),
        trend=indicator_trend_rows(
            indicator=choices.indicator, scope=scope, province_ids=lineage_ids, built=live
        ),
        health_rows=health_rows,
        health_years=health.years,
        units=units,
        discrepancies=discrepancies,
        facilities=facilities,
        facility_total=total,
        awaiting_publication=awaiting,
        savings=savings_by_sector_and_year(measures_counted(province_ids=lineage_ids)),
        registry_key=registry_fragment_key("province", *lineage_ids),
        showcase=showcase_top(province_ids=lineage_ids),
    )
    dashboard.alerts = _province_alerts(dashboard)
    return dashboard


def _province_alerts(dashboard: ProvinceDashboard) -> list[Alert]:
    from django.urls import reverse
    from django.utils.translation import gettext as _

    alerts = []
    if dashboard.discrepancies:
        alerts.append(
            Alert(
                "warning",
                _("%(count)s số liệu báo cáo chênh lệch với CSDL cơ sở sản xuất quá ngưỡng.")
                % {"count": len(dashboard.discrepancies)},
            )
        )
    not_sent = ("draft", "not_started", "returned", "missing")
    missing = [unit for unit in dashboard.units if unit.timeliness in not_sent and unit.days_late]
    if missing:
        alerts.append(
            Alert(
                "danger",
                _("%(count)s đơn vị đã quá hạn mà chưa gửi báo cáo.") % {"count": len(missing)},
            )
        )
    if dashboard.facility_total.pending:
        alerts.append(
            Alert(
                "info",
                _("%(count)s cơ sở đăng ký đang chờ xác minh.")
                % {"count": dashboard.facility_total.pending},
                reverse("facilities:facility_list") + "?status=pending",
            )
        )
    if dashboard.facility_total.unverified_changes:
        alerts.append(
            Alert(
                "info",
                _("%(count)s cơ sở có thay đổi chưa được Sở xem xét.")
                % {"count": dashboard.facility_total.unverified_changes},
                reverse("facilities:facility_list") + "?unverified_changes=1",
            )
        )
    if dashboard.awaiting_publication:
        alerts.append(
            Alert(
                "info",
                _("%(count)s giải pháp chờ duyệt công bố vào thư viện điển hình.")
                % {"count": dashboard.awaiting_publication},
                reverse("facilities:measure_approval_list"),
            )
        )
    return alerts


# ---------------------------------------------------------------------------- unit


@dataclass
class UnitDashboard:
    agency: Agency
    choices: Choices
    rows: list[UnitIndicatorRow]  # one per year: the unit's report and its value
    discrepancies: list[Discrepancy]
    facilities: list[FacilityCounts]
    facility_total: FacilityCounts
    savings: Savings
    registry_key: str  # for the cached fragments of registry figures


def unit_dashboard(*, agency: Agency, code=None) -> UnitDashboard:
    loaded = reporting_years_loaded(
        ReportingYear.objects.filter(unit_reports__agency=agency).distinct()
    )
    # Live: the unit sees its own reports as they stand, with the plan's target of the year.
    reports = unit_reports_loaded([ry.pk for ry in loaded], agency_id=agency.pk)
    built = consolidations_build(loaded, agency_id=agency.pk, reports=reports)
    choices = choose(years=[ry.year for ry in loaded], indicators=indicator_options(), code=code)
    rows = unit_indicator_rows(
        reporting_year_ids=[ry.pk for ry in loaded],
        indicator_code=choices.indicator.code,
        province_rows={pk: c.indicator(choices.indicator.code) for pk, c in built.items()},
        agency_id=agency.pk,
        reports=reports,
    )
    own = {row.report_id for row in rows}
    discrepancies = [
        found for c in built.values() for found in c.discrepancies if found.report_id in own
    ]
    facilities = facility_counts_by_area(agency=agency)
    return UnitDashboard(
        agency=agency,
        choices=choices,
        rows=rows,
        discrepancies=discrepancies,
        facilities=facilities,
        facility_total=facility_totals(facilities),
        savings=savings_by_sector_and_year(measures_counted(agency=agency)),
        registry_key=registry_fragment_key("unit", agency.pk),
    )


# ---------------------------------------------------------------------------- public


@dataclass
class PublicFigure:
    code: str
    name: str
    measure_unit: str
    actual: object
    target_label: str
    status: str
    status_label: str
    provinces: int

    @property
    def is_percent(self) -> bool:
        return self.measure_unit == Indicator.Unit.PERCENT

    def as_json(self) -> dict:
        return {"code": self.code, "name": self.name, "actual": decimal_text(self.actual)}


@dataclass
class PublicDashboard:
    choices: Choices
    figures: list[PublicFigure]
    trend: list[TrendRow]
    provinces_sent: int
    facilities_verified: int
    savings: Savings
    registry_key: str  # for the cached fragments of registry figures
    showcase: list[Showcase]


def public_dashboard(*, year=None, code=None) -> PublicDashboard:
    """National figures from the consolidated reports the provinces sent, and the public
    case library; no names of people, no facility outside the published case studies."""
    years = list(reporting_years_with_figures(None).values_list("year", flat=True).distinct())
    indicators = indicator_options()
    choices = choose(years=years, indicators=indicators, year=year, code=code)
    loaded = reporting_years_loaded(reporting_years_with_figures(None).filter(year=choices.year))
    sent = indicators_get(loaded, [indicator.code for indicator in indicators])
    targets = national_targets()
    figures = []
    for indicator in indicators:
        rows = [sent.get(ry.pk, {}).get(indicator.code) for ry in loaded]
        rows = [row for row in rows if row is not None]
        combined = combine(indicator.code, rows) if rows else None
        national = national_target_for(targets.get(indicator.code, []), choices.year)
        status = national.status(combined.actual if combined else None, choices.year)
        figures.append(
            PublicFigure(
                code=indicator.code,
                name=indicator.name,
                measure_unit=indicator.measure_unit,
                actual=combined.actual if combined else None,
                target_label=f"{national.label} ({national.year})" if national.label else "",
                status=status,
                status_label=str(Progress.LABELS[status]),
                provinces=len({ry.plan.province_id for ry in loaded}),
            )
        )
    return PublicDashboard(
        choices=choices,
        figures=figures,
        trend=indicator_trend_rows(indicator=choices.indicator, scope=None),
        provinces_sent=len({ry.plan.province_id for ry in loaded}),
        facilities_verified=facilities_verified_count(),
        savings=savings_by_sector_and_year(measures_public().order_by()),
        registry_key=registry_fragment_key("public"),
        showcase=showcase_top(),
    )
