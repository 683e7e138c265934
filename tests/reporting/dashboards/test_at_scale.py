"""What keeps the dashboards fast at national size without changing a figure: sent reports'
indicator rows copied out of their snapshots (SentIndicator), reporting health counted in
SQL, and registry figures cached under the registry's revision.

The world is test_dashboards.py's: Thanh Hóa 2019 sent, Hà Giang 2019 a draft.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import asdict

from django.apps import apps
from django.urls import reverse

from reporting import services
from reporting.access import reporting_years_with_figures
from reporting.consolidation import (
    consolidation_build,
    consolidations_get,
    indicators_get,
    reporting_years_loaded,
    unit_report_counts,
)
from reporting.dashboards.selectors import indicator_trend_rows, reporting_health
from reporting.figures import FORMULAS
from reporting.models import ConsolidatedReport, ReportingYear, SentIndicator, UnitReport
from strategies.models import Indicator
from sxsh_portal.accounts.access import scope_for
from tests.facilities.factories import FacilityFactory
from tests.reporting.conftest import at
from tests.reporting.dashboards.test_dashboards import report_figures, world  # noqa: F401

copy_sent_indicators = importlib.import_module(
    "reporting.migrations.0004_sent_indicators"
).copy_sent_indicators


def rows_by_code(rows: dict) -> dict:
    return {code: asdict(row) for code, row in rows.items()}


def test_sending_a_consolidated_report_copies_its_indicator_rows(world):  # noqa: F811
    sent = ConsolidatedReport.objects.get(reporting_year=world["thanh_hoa"])

    copied = {row.code: row.row for row in SentIndicator.objects.filter(report=sent)}

    assert copied == {row["code"]: row for row in sent.snapshot["indicators"]}
    assert "facilities-applying" in copied


def test_a_draft_consolidation_has_no_copied_rows(world):  # noqa: F811
    assert not SentIndicator.objects.filter(reporting_year=world["ha_giang"]).exists()


def test_the_dashboards_rows_equal_the_consolidations_rows_sent_or_draft(world):  # noqa: F811
    years = reporting_years_loaded(ReportingYear.objects.all())
    consolidations = consolidations_get(years)

    got = indicators_get(years, list(FORMULAS))

    for reporting_year in years:
        expected = {
            code: row
            for code in FORMULAS
            if (row := consolidations[reporting_year.pk].indicator(code)) is not None
        }
        assert rows_by_code(got[reporting_year.pk]) == rows_by_code(expected)


def test_a_sent_figure_stays_as_sent_when_a_unit_report_changes_afterwards(
    world,  # noqa: F811
    province_user,
):
    thanh_hoa = world["thanh_hoa"]
    loaded = ReportingYear.objects.filter(pk=thanh_hoa.pk)
    before = indicators_get(reporting_years_loaded(loaded), ["facilities-applying"])
    report = thanh_hoa.unit_reports.select_related("agency").get(agency__name__contains="Đông Sơn")
    services.unit_report_return(report=report, actor=province_user, reason="Bổ sung số liệu")

    after = indicators_get(reporting_years_loaded(loaded), ["facilities-applying"])

    assert rows_by_code(after[thanh_hoa.pk]) == rows_by_code(before[thanh_hoa.pk])
    assert after[thanh_hoa.pk]["facilities-applying"].numerator == 50


def test_a_report_sent_before_rows_were_copied_is_read_from_its_snapshot(world):  # noqa: F811
    years = reporting_years_loaded(ReportingYear.objects.all())
    expected = indicators_get(years, list(FORMULAS))
    SentIndicator.objects.all().delete()

    got = indicators_get(reporting_years_loaded(ReportingYear.objects.all()), list(FORMULAS))

    assert {pk: rows_by_code(rows) for pk, rows in got.items()} == {
        pk: rows_by_code(rows) for pk, rows in expected.items()
    }


def test_the_migration_copies_the_rows_of_reports_sent_before_it(world):  # noqa: F811
    copied = sorted(SentIndicator.objects.values_list("reporting_year_id", "code", "row"))
    SentIndicator.objects.all().delete()

    copy_sent_indicators(apps, None)

    assert sorted(SentIndicator.objects.values_list("reporting_year_id", "code", "row")) == copied


def test_health_counts_follow_the_consolidations_timeliness_rule(
    year_2019, hoang_hoa_committee, province_user, clock
):
    """Late is judged on the Vietnamese calendar day: 00:30 on 16/12 in Hà Nội is still
    15/12 in UTC, and late all the same."""
    services.reporting_year_open(plan=year_2019.plan, year=2019, actor=province_user)
    reports = {r.agency.name: r for r in year_2019.unit_reports.select_related("agency")}
    clock.move_to(at(16, 12, 2019, hour=0).replace(minute=30))
    report_figures(reports["UBND huyện Đông Sơn"], facilities=60, aware=45, applying=30)
    year = ReportingYear.objects.filter(pk=year_2019.pk)

    counts = unit_report_counts(year)[year_2019.pk]
    built = consolidation_build(reporting_year=year_2019)

    picked = {key: counts[key] for key in ("expected", "received", "on_time", "late", "missing")}
    assert picked == {"expected": 2, "received": 1, "on_time": 0, "late": 1, "missing": 1}
    assert counts == built.counts.as_dict()
    assert picked == {
        "expected": built.expected_count,
        "received": built.received_count,
        "on_time": built.on_time_count,
        "late": built.late_count,
        "missing": built.missing_count,
    }


def test_a_returned_report_is_neither_received_nor_on_time(
    year_2019, hoang_hoa_committee, province_user, clock
):
    """Issue 15: a returned report used to count as on time, so on time + late exceeded
    the reports received."""
    services.reporting_year_open(plan=year_2019.plan, year=2019, actor=province_user)
    reports = {r.agency.name: r for r in year_2019.unit_reports.select_related("agency")}
    clock.move_to(at(10, 12, 2019))
    sent = report_figures(reports["UBND huyện Hoằng Hóa"], facilities=40, aware=20, applying=20)
    services.unit_report_return(report=sent, actor=province_user, reason="Thiếu số liệu")

    counts = unit_report_counts(ReportingYear.objects.filter(pk=year_2019.pk))[year_2019.pk]

    assert UnitReport.objects.get(pk=sent.pk).state == UnitReport.State.RETURNED
    assert (counts["expected"], counts["received"], counts["on_time"], counts["late"]) == (
        2,
        0,
        0,
        0,
    )
    assert (counts["returned"], counts["not_started"]) == (1, 1)
    assert counts["received"] == counts["on_time"] + counts["late"]


def test_the_public_page_counts_a_facility_the_doit_verifies_after_it_was_shown(
    world,  # noqa: F811
    client,
    client_as,
    province_user,
    dong_son,
):
    url = reverse("dashboards:public")
    shown = client.get(url).context["d"].facilities_verified
    pending = FacilityFactory(admin_unit=dong_son, status="pending", tax_code="0101999888")

    client_as(province_user).post(reverse("facilities:facility_verify", kwargs={"pk": pending.pk}))
    client.logout()

    assert client.get(url).context["d"].facilities_verified == shown + 1


def test_the_national_savings_count_a_measure_added_after_they_were_shown(
    world,  # noqa: F811
    client_as,
    ministry_user,
    dong_son,
):
    from tests.facilities.factories import MeasureFactory

    url = reverse("dashboards:national")
    page = client_as(ministry_user)
    before = page.get(url)
    facility = FacilityFactory(admin_unit=dong_son, tax_code="0101999777")
    MeasureFactory(facility=facility, title="Thay đèn LED")

    after = page.get(url)

    counted = sum(row.measures for row in before.context["d"].savings.rows)
    assert sum(row.measures for row in after.context["d"].savings.rows) == counted + 1
    # The page's cached savings section too, not only the figures behind it.
    assert (shown_measures(before), shown_measures(after)) == (counted, counted + 1)


def shown_measures(response) -> int:
    match = re.search(
        r'Số giải pháp</div>\s*<div class="stat-value">(\d+)<', response.content.decode()
    )
    return int(match.group(1))


def test_the_province_page_shows_a_new_registration_in_its_cached_facility_counts(
    world,  # noqa: F811
    client_as,
    province_user,
    thanh_hoa_today,
    dong_son,
):
    page = client_as(province_user)
    url = reverse("dashboards:province", kwargs={"pk": thanh_hoa_today.pk})
    before = page.get(url).content.decode()
    FacilityFactory(admin_unit=dong_son, tax_code="0101999666", status="pending")

    after = page.get(url).content.decode()

    assert registered_in(after) == registered_in(before) + 1


def registered_in(html: str) -> int:
    return int(re.search(r'data-testid="facilities-registered">(\d+)<', html).group(1))


def test_cached_showcase_labels_follow_the_language_of_each_reader(
    world,  # noqa: F811
    client_as,
    ministry_user,
):
    page = client_as(ministry_user)
    url = reverse("dashboards:national")
    vietnamese = page.get(url).context["d"].showcase[0].category

    page.cookies["django_language"] = "en"
    english = page.get(url).context["d"].showcase[0].category

    assert (vietnamese, english) == ("Quản lý nội vi", "Good housekeeping")


def test_the_years_totals_counted_in_sql_equal_the_sums_of_the_provinces_rows(
    world,  # noqa: F811
    ministry_user,
):
    scope = scope_for(ministry_user)

    one_year = reporting_health(scope=scope, year=2019)
    every_row = reporting_health(scope=scope)

    assert one_year.years == every_row.years
    assert one_year.rows == every_row.rows_of(2019)
    assert one_year.years[0].sent == 1 and one_year.years[0].expected == 3


def test_the_trend_read_from_copied_rows_equals_the_trend_of_the_loaded_years(
    world,  # noqa: F811
    ministry_user,
    other_province_user,
):
    indicator = Indicator.objects.get(code="facilities-applying")
    for user in (ministry_user, other_province_user):
        scope = scope_for(user)
        loaded = reporting_years_loaded(reporting_years_with_figures(scope))

        assert indicator_trend_rows(indicator=indicator, scope=scope) == indicator_trend_rows(
            indicator=indicator, scope=scope, loaded=loaded
        )
