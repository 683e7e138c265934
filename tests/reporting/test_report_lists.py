"""The lists of reports filter by year, state, province, unit, lateness and accent-free text,
sort by any column, keep the filter in the URL and export exactly what they show."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reporting.models import ConsolidatedReport, ReportingYear
from tests.reporting.conftest import at

REPORTS = reverse("reporting:report_list")


def shown(response):
    return [(row.year, row.agency) for row in response.context["reports"]]


@pytest.fixture
def doit(login_as, province_user, three_years, clock):
    clock.move_to(at(4, 12, 2026))
    return login_as(province_user)


def test_the_doit_filters_to_submitted_reports_of_one_year(doit):
    response = doit.get(REPORTS, {"year": 2026, "state": "submitted"})

    assert shown(response) == [(2026, "UBND huyện Đông Sơn")]
    assert "year=2026" in response.content.decode()  # the sort links keep the filter


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"state": "not_sent"}, {(2026, "Hoằng Hóa"), (2024, "Đông Sơn"), (2024, "Hoằng Hóa")}),
        ({"state": "not_started"}, {(2024, "Đông Sơn"), (2024, "Hoằng Hóa")}),
        ({"state": "draft"}, {(2026, "Hoằng Hóa")}),
        ({"state": "accepted"}, {(2025, "Đông Sơn")}),
        # 2025: sent 5 days late; 2024: unsent two years after the deadline.
        ({"late": "yes"}, {(2025, "Hoằng Hóa"), (2024, "Đông Sơn"), (2024, "Hoằng Hóa")}),
        ({"late": "no", "year": 2026}, {(2026, "Đông Sơn"), (2026, "Hoằng Hóa")}),
        ({"q": "hoang hoa", "year": 2025}, {(2025, "Hoằng Hóa")}),
        ({"q": "HOẰNG"}, {(2026, "Hoằng Hóa"), (2025, "Hoằng Hóa"), (2024, "Hoằng Hóa")}),
        ({"q": "dong son thanh hoa", "year": 2024}, {(2024, "Đông Sơn")}),
    ],
)
def test_each_filter_keeps_exactly_the_matching_reports(doit, query, expected):
    lines = {
        (year, agency.removeprefix("UBND huyện "))
        for year, agency in shown(doit.get(REPORTS, query))
    }
    assert lines == expected


def test_the_unit_filter_keeps_one_units_reports(doit, hoang_hoa_committee):
    lines = shown(doit.get(REPORTS, {"unit": hoang_hoa_committee.pk}))
    assert lines == [(y, "UBND huyện Hoằng Hóa") for y in (2026, 2025, 2024)]


def test_every_column_sorts_both_ways(doit):
    by_unit = shown(doit.get(REPORTS, {"sort": "don-vi", "year": 2025}))
    by_unit_desc = shown(doit.get(REPORTS, {"sort": "-don-vi", "year": 2025}))
    by_sent = shown(doit.get(REPORTS, {"sort": "ngay-gui"}))

    # Vietnamese order: Đ comes after D, before H.
    assert by_unit == [(2025, "UBND huyện Đông Sơn"), (2025, "UBND huyện Hoằng Hóa")]
    assert by_unit_desc == list(reversed(by_unit))
    # First submissions in date order; the unsent (no date) last.
    assert by_sent[:3] == [
        (2025, "UBND huyện Đông Sơn"),
        (2025, "UBND huyện Hoằng Hóa"),
        (2026, "UBND huyện Đông Sơn"),
    ]


@pytest.mark.parametrize(
    "hostile",
    [
        {"year": "2026'; DROP TABLE x"},
        {"state": "<script>"},
        {"unit": "999999"},
        {"province": "-1"},
        {"late": "maybe"},
        {"sort": "password"},
        {"q": "%_%"},
        {"page": "999"},
    ],
)
def test_hostile_filters_are_ignored_not_errors(doit, hostile):
    response = doit.get(REPORTS, hostile)
    assert response.status_code == 200
    assert len(shown(response)) in (0, 6)


def test_another_units_report_stays_out_of_the_units_list_whatever_the_filter(
    login_as, unit_user, three_years, hoang_hoa_committee
):
    lines = shown(login_as(unit_user).get(REPORTS, {"unit": hoang_hoa_committee.pk}))
    assert {agency for _year, agency in lines} == {"UBND huyện Đông Sơn"}


def test_the_export_has_the_lines_the_filter_shows(doit):
    response = doit.get(reverse("reporting:report_list_export"), {"late": "yes", "sort": "nam"})

    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Năm", "Đơn vị báo cáo", "Tỉnh")
    assert [(row[0], row[1], row[6]) for row in rows[1:]] == [
        (2024, "UBND huyện Đông Sơn", 719),
        (2024, "UBND huyện Hoằng Hóa", 719),
        (2025, "UBND huyện Hoằng Hóa", 5),
    ]


def test_the_consolidated_list_filters_by_state_and_year_and_exports(
    login_as, province_user, three_years
):
    years = {ry.year: ry for ry in ReportingYear.objects.all()}
    ConsolidatedReport.objects.create(
        reporting_year=years[2025],
        state=ConsolidatedReport.State.SUBMITTED,
        submitted_at=at(20, 12, 2025),
    )
    ConsolidatedReport.objects.create(reporting_year=years[2026])
    client = login_as(province_user)
    url = reverse("reporting:consolidated_list")

    sent = client.get(url, {"state": "submitted"}).context["reports"]
    by_year = client.get(url, {"year": 2026}).context["reports"]
    searched = client.get(url, {"q": "thanh hoa", "sort": "nam"}).context["reports"]
    export = client.get(reverse("reporting:consolidated_list_export"), {"state": "draft"})

    assert [c.reporting_year.year for c in sent] == [2025]
    assert [c.reporting_year.year for c in by_year] == [2026]
    assert [c.reporting_year.year for c in searched] == [2025, 2026]
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == [2026]


def test_the_late_column_sorts_by_days_late_sent_or_not(doit, monkeypatch):
    """As of 04/12/2026: 2024's unsent reports are 719 days late, Hoằng Hóa sent 2025's five
    days late; Đông Sơn sent 2026's five days early, Hoằng Hóa's 2026 draft is due in 11 days,
    Đông Sơn sent 2025's fourteen days early."""
    from tests.reporting.conftest import at

    monkeypatch.setattr("django.utils.timezone.now", lambda: at(4, 12, 2026))

    latest_first = shown(doit.get(REPORTS, {"sort": "-tre-han"}))
    earliest_first = shown(doit.get(REPORTS, {"sort": "tre-han"}))

    assert latest_first[2:] == [
        (2025, "UBND huyện Hoằng Hóa"),
        (2026, "UBND huyện Đông Sơn"),
        (2026, "UBND huyện Hoằng Hóa"),
        (2025, "UBND huyện Đông Sơn"),
    ]
    assert {year for year, _unit in latest_first[:2]} == {2024}
    assert earliest_first[:4] == list(reversed(latest_first[2:]))
