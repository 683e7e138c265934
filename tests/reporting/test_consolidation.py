"""Consolidation arithmetic on hand-checked figures, the on-track rule, and the
consolidated report the DOIT sends and the Ministry reads."""

from decimal import Decimal

import pytest
from django.urls import reverse

from reporting import services
from reporting.consolidation import (
    Consolidation,
    Progress,
    Timeliness,
    consolidation_build,
    expected_value,
    progress_status,
)
from reporting.figures import Figure
from reporting.models import ConsolidatedReport, UnitReport
from tests.factories import AgencyFactory, DistrictFactory
from tests.reporting.conftest import at

D = Decimal


def _report_figures(report, actor, **figures):
    values = {Figure(name).value: D(value) for name, value in figures.items()}
    return services.unit_report_save(
        report=report,
        actor=actor,
        expected_version=report.version,
        reported_values=values,
        difficulties="",
        proposals="",
    )


@pytest.fixture
def two_districts(plan, province_user, unit_user, hoang_hoa_committee, thanh_hoa):
    """Đông Sơn 30 of 60 facilities applying, Hoằng Hóa 20 of 40; a third unit never sends."""
    AgencyFactory(
        name="UBND huyện Nga Sơn",
        kind="district_committee",
        province=thanh_hoa,
        territory=DistrictFactory(code="401", name="Huyện Nga Sơn", parent=thanh_hoa),
    )
    reporting_year = services.reporting_year_open(plan=plan, year=2019, actor=province_user)
    reports = {r.agency.name: r for r in reporting_year.unit_reports.select_related("agency")}
    dong_son = _report_figures(
        reports["UBND huyện Đông Sơn"],
        unit_user,
        facilities=60,
        aware=45,
        applying=30,
        medium_large=10,
        with_unit=3,
        appliers_with_saving=2,
        saving_percent=10,
    )
    hoang_hoa = _report_figures(
        reports["UBND huyện Hoằng Hóa"],
        None,
        facilities=40,
        aware=25,
        applying=20,
        medium_large=10,
        with_unit=2,
        appliers_with_saving=8,
        saving_percent=4,
    )
    services.unit_report_submit(report=dong_son, actor=unit_user)
    services.unit_report_submit(report=hoang_hoa, actor=None)
    services.unit_report_accept(report=hoang_hoa, actor=province_user)
    return reporting_year


def test_shares_are_recomputed_from_summed_counts_not_averaged(two_districts):
    consolidation = consolidation_build(reporting_year=two_districts)

    applying = consolidation.indicator("facilities-applying")
    assert (applying.numerator, applying.denominator, applying.actual) == (50, 100, D("50.00"))
    aware = consolidation.indicator("facilities-aware")
    # 70/100, not the mean of 75% and 62.5%.
    assert (aware.numerator, aware.denominator, aware.actual) == (70, 100, D("70.00"))
    with_unit = consolidation.indicator("enterprises-with-unit")
    assert with_unit.actual == D("25.00")
    # Weighted by appliers: (2 × 10 + 8 × 4) / 10 = 5.2, not (10 + 4) / 2 = 7.
    assert consolidation.indicator("resource-saving").actual == D("5.20")


def test_each_indicator_is_set_against_the_plans_target_and_the_national_one(two_districts):
    consolidation = consolidation_build(reporting_year=two_districts)

    applying = consolidation.indicator("facilities-applying")
    assert (applying.target_label, applying.target_year) == ("50%", 2020)
    assert (applying.national_target_label, applying.national_target_year) == ("50%", 2020)
    assert applying.status == Progress.MET
    aware = consolidation.indicator("facilities-aware")
    # The plan gives no baseline: no trajectory is invented (no "0% in 2017"), and 70% of
    # 90% due in 2020 is, in 2019, only "not yet met".
    assert aware.baseline is None and aware.expected is None
    assert aware.status == Progress.NOT_YET_MET
    assert consolidation.indicator("enterprises-with-unit").status == Progress.NOT_YET_MET
    saving = consolidation.indicator("resource-saving")
    assert saving.target_label == "8–13%"
    assert saving.status == Progress.NOT_YET_MET  # 5.2 < 8, target year 2020
    assert consolidation.indicator("support-unit-established").status == Progress.NO_DATA


def test_completeness_and_timeliness_count_every_expected_unit(two_districts, clock):
    clock.move_to(at(20, 12, 2019))
    consolidation = consolidation_build(reporting_year=two_districts)

    assert (consolidation.received_count, consolidation.expected_count) == (2, 3)
    by_unit = {unit.agency: unit for unit in consolidation.units}
    assert by_unit["UBND huyện Nga Sơn"].timeliness == Timeliness.NOT_STARTED
    assert by_unit["UBND huyện Nga Sơn"].days_late == 5
    assert consolidation.missing_count == 1


def test_a_draft_or_returned_report_is_not_counted(two_districts, province_user):
    dong_son = two_districts.unit_reports.get(agency__name="UBND huyện Đông Sơn")
    services.unit_report_return(report=dong_son, actor=province_user, reason="Sửa lại.")

    applying = consolidation_build(reporting_year=two_districts).indicator("facilities-applying")

    assert (applying.numerator, applying.denominator) == (20, 40)


def test_a_reported_figure_far_from_the_registry_is_listed_as_a_discrepancy(
    dong_son_facilities, dong_son_report, unit_user
):
    # The registry says 4 facilities and 3 aware: 60 is far off, 3.2 aware is within 10%.
    report = _report_figures(dong_son_report, unit_user, facilities=60, aware=D("3"))
    services.unit_report_submit(report=report, actor=unit_user)

    consolidation = consolidation_build(reporting_year=dong_son_report.reporting_year)

    gaps = {(gap.figure, gap.reported, gap.computed) for gap in consolidation.discrepancies}
    assert gaps == {(Figure.FACILITIES, 60, 4)}
    assert consolidation.discrepancies[0].difference_percent == D("1400.00")


@pytest.mark.parametrize(
    ("actual", "expected_status"),
    [
        (D("50"), Progress.MET),
        (D("60"), Progress.MET),
        (D("20"), Progress.ON_TRACK),  # expected in 2019: 10 + (50 − 10) × 1/4 = 20
        (D("19.99"), Progress.AT_RISK),
        (None, Progress.NO_DATA),
    ],
)
def test_the_on_track_rule_follows_a_straight_line_from_the_baseline(actual, expected_status):
    status = progress_status(
        actual=actual,
        target=D("50"),
        target_year=2022,
        year=2019,
        closed=True,
        baseline=D("10"),
        baseline_year=2018,
    )

    assert status == expected_status


def test_figures_without_a_target_read_no_target_and_no_figure_no_data():
    assert progress_status(actual=D(5), target=None, target_year=None, year=2019, closed=True) == (
        Progress.NO_TARGET
    )
    assert progress_status(actual=None, target=None, target_year=None, year=2019, closed=True) == (
        Progress.NO_DATA
    )


def test_the_trajectory_is_the_target_once_the_target_year_is_reached():
    assert expected_value(
        target=D(90), target_year=2020, baseline=D(0), baseline_year=2017, year=2020
    ) == D(90)
    assert expected_value(
        target=D(90), target_year=2020, baseline=D(30), baseline_year=2017, year=2017
    ) == D(30)


def test_the_consolidation_survives_its_json_snapshot_unchanged(two_districts):
    consolidation = consolidation_build(reporting_year=two_districts)

    again = Consolidation.from_json(consolidation.to_json())

    assert again == consolidation


def test_the_ministry_reads_the_consolidated_report_only_once_sent_and_as_sent(
    login_as, province_user, ministry_user, unit_user, two_districts
):
    url = reverse("reporting:consolidated_detail", args=[two_districts.pk])
    ministry, doit = login_as(ministry_user), login_as(province_user)
    assert ministry.get(url).status_code == 404
    assert (
        ministry.post(reverse("reporting:consolidated_submit", args=[two_districts.pk])).status_code
        == 404
    )

    send = reverse("reporting:consolidated_submit", args=[two_districts.pk])
    response = doit.post(send, {"confirmed": "1"})
    assert response.status_code == 302
    doit.post(send, {"confirmed": "1"})  # double click
    consolidated = ConsolidatedReport.objects.get(reporting_year=two_districts)
    assert consolidated.state == ConsolidatedReport.State.SUBMITTED
    assert consolidated.submitted_by == province_user
    assert consolidated.history.count() == 2  # created, then sent once

    # A later change to a unit report does not alter what was sent.
    dong_son = two_districts.unit_reports.get(agency__name="UBND huyện Đông Sơn")
    services.unit_report_accept(report=dong_son, actor=province_user)
    services.unit_report_reopen(report=dong_son, actor=province_user, reason="Bổ sung.")
    page = ministry.get(url)
    assert page.status_code == 200
    assert page.context["consolidation"].indicator("facilities-applying").actual == D("50.00")
    assert (
        ministry.post(reverse("reporting:consolidated_submit", args=[two_districts.pk])).status_code
        == 403
    )
    assert login_as(unit_user).get(url).status_code == 404
    listing = ministry.get(reverse("reporting:consolidated_list"))
    assert list(listing.context["reports"]) == [consolidated]


def test_the_consolidated_report_exports_to_xlsx(login_as, province_user, two_districts):
    from io import BytesIO

    from openpyxl import load_workbook

    response = login_as(province_user).get(
        reverse("reporting:consolidated_export", args=[two_districts.pk])
    )

    workbook = load_workbook(BytesIO(response.content))
    rows = {row[0]: row for row in workbook["Tổng hợp"].iter_rows(min_row=5, values_only=True)}
    applying = next(
        row for name, row in rows.items() if name.startswith("Cơ sở sản xuất công nghiệp áp dụng")
    )
    assert applying[1:4] == (50, 100, 50)


def test_an_unreceived_year_has_no_figures_yet(year_2019):
    consolidation = consolidation_build(reporting_year=year_2019)

    assert consolidation.indicator("facilities-applying").actual is None
    assert consolidation.indicator("workshops-held").actual is None
    assert (
        UnitReport.objects.filter(reporting_year=year_2019).count() == consolidation.expected_count
    )
