"""The reporting world (Thanh Hóa plan, Đông Sơn and Hoằng Hóa, 2024–2026) for these tests."""

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
    three_years,
    url_for,
    year_2019,
)
