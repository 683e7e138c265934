"""The lists of unit reports and consolidated reports at national size: fifty lines a page,
each user's scope only."""

import datetime

import pytest
from django import forms
from django.test import RequestFactory
from django.urls import reverse

from reporting.models import ConsolidatedReport, ReportingYear, UnitReport
from reporting.views.lists import report_filter
from sxsh_portal.forms import QuickSelect
from tests.reporting.conftest import at

REPORTS = reverse("reporting:report_list")
CONSOLIDATED = reverse("reporting:consolidated_list")


@pytest.fixture
def years_2000_to_2026(plan, province_user):
    """27 reporting years of the Thanh Hóa plan, each with the reports of Đông Sơn and
    Hoằng Hóa: 54 reports."""
    return [
        ReportingYear.objects.create(plan=plan, year=year, opened_by=province_user)
        for year in range(2000, 2027)
    ]


@pytest.fixture
def fifty_four_reports(years_2000_to_2026, dong_son_committee, hoang_hoa_committee):
    return [
        UnitReport.objects.create(
            reporting_year=reporting_year,
            agency=agency,
            due_date=datetime.date(reporting_year.year, 12, 15),
        )
        for reporting_year in years_2000_to_2026
        for agency in (dong_son_committee, hoang_hoa_committee)
    ]


def lines(response):
    return [(report.year, report.agency) for report in response.context["reports"]]


def test_the_ministry_pages_through_every_report_fifty_at_a_time_latest_year_first(
    login_as, ministry_user, fifty_four_reports
):
    client = login_as(ministry_user)

    first, second = lines(client.get(REPORTS)), lines(client.get(REPORTS, {"page": 2}))

    expected = [
        (year, agency)
        for year in range(2026, 1999, -1)
        # Vietnamese order: Đ follows D, before H.
        for agency in ("UBND huyện Đông Sơn", "UBND huyện Hoằng Hóa")
    ]
    assert first == expected[:50]
    assert second == expected[50:]
    assert "Trang 2/2" in client.get(REPORTS, {"page": 2}).content.decode()


def test_a_district_committee_lists_only_its_own_reports(login_as, unit_user, fifty_four_reports):
    client = login_as(unit_user)

    listed = lines(client.get(REPORTS))

    assert len(listed) == 27
    assert {agency for _year, agency in listed} == {"UBND huyện Đông Sơn"}
    assert "Trang 1/" not in client.get(REPORTS).content.decode()  # one page: no pager


def test_another_province_lists_none_of_these_reports(
    login_as, other_province_user, fifty_four_reports
):
    assert lines(login_as(other_province_user).get(REPORTS)) == []


def test_a_report_line_shows_its_state_dates_and_days_late(
    login_as, province_user, dong_son_report
):
    UnitReport.objects.filter(pk=dong_son_report.pk).update(
        state=UnitReport.State.SUBMITTED,
        first_submitted_at=at(20, 12, 2019),
        submitted_at=at(20, 12, 2019),
    )

    html = login_as(province_user).get(REPORTS).content.decode()

    line = html.split(f'href="{dong_son_report.get_absolute_url()}"')[1].split("</tr>")[0]
    assert "UBND huyện Đông Sơn" in line
    assert "Đã gửi" in line
    assert "15/12/2019" in line and "20/12/2019" in line
    assert "5 ngày" in line


@pytest.fixture
def fifty_one_sent_and_a_draft(years_2000_to_2026, plan, province_user):
    """Consolidated reports of 52 years: 51 sent to the Ministry, the last one a draft."""
    more = [
        ReportingYear.objects.create(plan=plan, year=year, opened_by=province_user)
        for year in range(2027, 2052)
    ]
    years = [*years_2000_to_2026, *more]
    for reporting_year in years[:-1]:
        ConsolidatedReport.objects.create(
            reporting_year=reporting_year,
            state=ConsolidatedReport.State.SUBMITTED,
            submitted_at=at(20, 12, reporting_year.year),
            submitted_by=province_user,
        )
    ConsolidatedReport.objects.create(reporting_year=years[-1])
    return years


def consolidated_years(response):
    return [report.reporting_year.year for report in response.context["reports"]]


def test_the_ministry_pages_through_the_sent_consolidated_reports_only(
    login_as, ministry_user, fifty_one_sent_and_a_draft
):
    client = login_as(ministry_user)

    first = consolidated_years(client.get(CONSOLIDATED))
    second = consolidated_years(client.get(CONSOLIDATED, {"page": 2}))

    assert first == list(range(2050, 2000, -1))
    assert second == [2000]


def test_the_doit_pages_through_its_drafts_too(login_as, province_user, fifty_one_sent_and_a_draft):
    client = login_as(province_user)

    first = consolidated_years(client.get(CONSOLIDATED))
    second = consolidated_years(client.get(CONSOLIDATED, {"page": 2}))

    assert first[0] == 2051
    assert len(first) == 50 and len(second) == 2


def test_the_lists_quick_selects_write_what_djangos_select_templates_write(
    province_user, fifty_four_reports, dong_son_committee
):
    """The province and unit filters render their options without a template each
    (reporting.filters.QuickSelect): the same HTML, a choice selected, a value refused."""
    for query in ({}, {"unit": dong_son_committee.pk}, {"unit": "<x>", "province": '"'}):
        request = RequestFactory().get(REPORTS, query)
        request.user = province_user
        form = report_filter(request).form
        for name in ("province", "unit"):
            field = form[name]
            assert isinstance(field.field.widget, QuickSelect)
            quick = str(field)
            field.field.widget.__class__ = forms.Select
            assert quick == str(field)
            assert "<option" in quick
