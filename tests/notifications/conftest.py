"""The reporting world (Thanh Hóa plan, Đông Sơn and Hoằng Hóa) for the notification tests."""

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
