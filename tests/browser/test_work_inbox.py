"""In a real browser: the work comes to the user. A unit finds its returned report and the
reason on its home page and in its e-mail; a DOIT filters the report list to "submitted,
2026" and sees exactly those; the Ministry sees which provinces have not sent."""

import pytest
from playwright.sync_api import expect

from reporting import services
from reporting.models import ConsolidatedReport, ReportingYear, UnitReport
from tests.reporting.conftest import (  # noqa: F401 — fixtures shared with the reporting tests
    at,
    hoang_hoa,
    hoang_hoa_committee,
    plan,
    seeded,
    three_years,
)


@pytest.fixture
def submitted_2026(three_years, unit_user):  # noqa: F811
    report = three_years[2026, "Đông Sơn"]
    UnitReport.objects.filter(pk=report.pk).update(state=UnitReport.State.DRAFT)
    return services.unit_report_submit(report=report, actor=unit_user)


def test_a_unit_sees_its_returned_report_with_the_reason_on_its_home_page_and_in_its_email(
    browser_page, log_in, url_for, province_user, unit_user, submitted_2026, mailoutbox, page_errors
):
    page = log_in(province_user)
    page.goto(url_for("reporting:report_detail", pk=submitted_2026.pk))
    page.fill("#return-reason", "Thiếu số cơ sở áp dụng SXSH năm 2026")
    with page.expect_navigation():
        page.locator("form[action$='/tra-lai/'] button[type=submit]").click()
    mailoutbox_before = [mail for mail in mailoutbox if unit_user.email in mail.to]
    page.context.clear_cookies()

    page = log_in(unit_user)
    page.goto(url_for("home"))

    returned = page.locator("#work-returned")
    expect(returned).to_contain_text("Báo cáo năm 2026 của UBND huyện Đông Sơn")
    expect(returned).to_contain_text("Thiếu số cơ sở áp dụng SXSH năm 2026")
    expect(page.locator("#nav-notifications [data-unread]")).to_have_text("chưa đọc: 1")
    (mail,) = mailoutbox_before
    assert mail.subject == "[SXSH] Báo cáo năm 2026 của UBND huyện Đông Sơn bị trả lại"
    assert "Lý do: Thiếu số cơ sở áp dụng SXSH năm 2026" in mail.body
    assert page_errors == []


def test_a_doit_filters_to_submitted_2026_and_sees_exactly_those(
    browser_page, log_in, url_for, province_user, submitted_2026, page_errors
):
    page = log_in(province_user)
    page.goto(url_for("reporting:report_list"))
    expect(page.locator("#report-table tbody tr")).to_have_count(6)

    page.select_option("#id_year", "2026")
    page.select_option("#id_state", "submitted")
    with page.expect_navigation():
        page.get_by_role("button", name="Lọc", exact=True).click()

    rows = page.locator("#report-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("UBND huyện Đông Sơn")
    expect(rows.first).to_contain_text("2026")
    assert "year=2026" in page.url and "state=submitted" in page.url
    # Sorting keeps the filter.
    with page.expect_navigation():
        page.locator("#report-table thead a", has_text="Đơn vị báo cáo").click()
    assert "year=2026" in page.url and "sort=don-vi" in page.url
    expect(page.locator("#report-table tbody tr")).to_have_count(1)
    assert page_errors == []


def test_the_ministry_sees_which_provinces_have_not_sent(
    browser_page,
    log_in,
    url_for,
    ministry_user,
    three_years,  # noqa: F811
    ha_giang,
    page_errors,
):
    ConsolidatedReport.objects.create(
        reporting_year=ReportingYear.objects.get(year=2025),
        state=ConsolidatedReport.State.SUBMITTED,
        submitted_at=at(20, 12, 2025),
    )

    page = log_in(ministry_user)
    page.goto(url_for("home"))

    year_2026 = page.locator("#work-ministry .work-year[data-year='2026']")
    # Exactly the provinces with a 2026 year and no consolidated report: Thanh Hóa alone.
    expect(year_2026.locator(".province-missing")).to_have_text(["Thanh Hóa"])
    year_2025 = page.locator("#work-ministry .work-year[data-year='2025']")
    expect(year_2025.locator(".province-missing")).to_have_count(0)
    with page.expect_navigation():
        year_2025.get_by_role("link").first.click()
    expect(page.locator("#consolidated-table tbody tr")).to_have_count(1)
    assert page_errors == []
