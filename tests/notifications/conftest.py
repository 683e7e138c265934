"""The reporting world (Thanh Hóa plan, Đông Sơn and Hoằng Hóa) for the notification tests."""

import datetime

import pytest

from reporting.models import ReportingYear, UnitReport
from tests.reporting.conftest import (  # noqa: F401 — fixtures shared with the reporting tests
    _playwright,
    at,
    browser,
    browser_page,
    clock,
    dong_son_report,
    hoang_hoa,
    hoang_hoa_committee,
    log_in,
    login_as,
    page_errors,
    plan,
    seeded,
    url_for,
    year_2019,
)


@pytest.fixture
def three_years(plan, province_user, dong_son_committee, hoang_hoa_committee):  # noqa: F811
    """2024, 2025, 2026, each with Đông Sơn's and Hoằng Hóa's reports, due 15/12. In 2026
    Đông Sơn sent on 10/12 (on time) and Hoằng Hóa is a draft; in 2025 Hoằng Hóa sent on
    20/12 (5 days late) and Đông Sơn's was accepted; 2024: both drafts, never saved."""
    reports = {}
    for year in (2024, 2025, 2026):
        reporting_year = ReportingYear.objects.create(plan=plan, year=year)
        for agency in (dong_son_committee, hoang_hoa_committee):
            reports[year, agency.name.removeprefix("UBND huyện ")] = UnitReport.objects.create(
                reporting_year=reporting_year, agency=agency, due_date=datetime.date(year, 12, 15)
            )
    UnitReport.objects.filter(pk=reports[2026, "Đông Sơn"].pk).update(
        state="submitted", submitted_at=at(10, 12, 2026), first_submitted_at=at(10, 12, 2026)
    )
    UnitReport.objects.filter(pk=reports[2026, "Hoằng Hóa"].pk).update(version=3)
    UnitReport.objects.filter(pk=reports[2025, "Hoằng Hóa"].pk).update(
        state="submitted", submitted_at=at(20, 12, 2025), first_submitted_at=at(20, 12, 2025)
    )
    UnitReport.objects.filter(pk=reports[2025, "Đông Sơn"].pk).update(
        state="accepted", submitted_at=at(1, 12, 2025), first_submitted_at=at(1, 12, 2025)
    )
    return reports
