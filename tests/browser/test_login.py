import pytest
from playwright.sync_api import expect


def test_a_province_officer_logs_in_through_the_form_and_sees_their_role(
    browser_page, log_in, url_for, province_user
):
    page = log_in(province_user)

    assert page.url == url_for("home")
    expect(page.locator("#content")).to_contain_text("Sở Công Thương Thanh Hóa")
    expect(page.get_by_role("link", name="Đăng nhập")).to_have_count(0)


def test_a_wrong_password_keeps_the_officer_on_the_login_page(
    browser_page, log_in, url_for, province_user
):
    with pytest.raises(AssertionError, match="was refused"):
        log_in(province_user, password="not-the-password")

    assert browser_page.url == url_for("accounts:login")
    expect(browser_page.locator("input[name=username]")).to_have_value(province_user.username)
