from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

HEADING = "Sản xuất sạch hơn trong công nghiệp"


def test_a_visitor_sees_the_home_page_in_vietnamese_even_from_an_english_browser(
    browser_page, url_for, page_errors
):
    page = browser_page

    page.goto(url_for("home"))

    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADING)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("#language-switch")).to_have_value("vi")
    assert page_errors == []


def test_a_visitor_switches_the_portal_to_english_and_it_stays_english(
    browser_page, url_for, screenshot, page_errors
):
    page = browser_page
    page.goto(url_for("home"))
    screenshot("vi")

    with page.expect_navigation():
        page.locator("#language-switch").select_option("en")

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#language-switch")).to_have_value("en")
    # The Vietnamese text is the msgid: until the English catalogue translates the heading it
    # is shown as it is, and from then on in English.
    with translation.override("en"):
        english_heading = gettext(HEADING)
    expect(page.get_by_role("heading", level=1)).to_have_text(english_heading)

    page.goto(url_for("home"))

    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page_errors == []
