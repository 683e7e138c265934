"""In a real browser, each dashboard as its role: the tables sort, the charts draw from their
JSON, the map is there; no JavaScript error. Screenshots: tests/artifacts/screenshots/."""

from django.urls import reverse

from tests.reporting.conftest import (  # noqa: F401  (fixtures shared with the reporting tests)
    hoang_hoa,
    hoang_hoa_committee,
    plan,
    seeded,
    year_2019,
)
from tests.reporting.dashboards.test_dashboards import APPLYING, world  # noqa: F401

DRAWN = (
    "Array.from(document.querySelectorAll('canvas[data-chart]'))"
    ".filter(c => window.Chart && Chart.getChart(c)).length"
)


def charts_drawn(page) -> int:
    """The charts drawn, once every chart canvas has been drawn or 10 s have passed (a loaded
    machine runs the page's scripts after the table is there). Polled from here: a string
    predicate polled inside the page is evaluated with `new Function`, which the portal's CSP
    (no 'unsafe-eval') refuses."""
    total = page.evaluate("document.querySelectorAll('canvas[data-chart]').length")
    for _attempt in range(100):
        drawn = page.evaluate(DRAWN)
        if drawn >= total:
            return drawn
        page.wait_for_timeout(100)
    return page.evaluate(DRAWN)


def test_the_ministry_reads_the_national_dashboard(
    browser_page,
    log_in,
    url_for,
    page_errors,
    screenshot,
    ministry_user,
    world,  # noqa: F811
    thanh_hoa_today,
):
    from playwright.sync_api import expect

    page = log_in(ministry_user)
    page.goto(url_for("dashboards:national") + f"?year=2019&indicator={APPLYING}")

    table = page.locator("#province-table")
    expect(table.locator("tbody tr").first).to_contain_text("Thanh Hóa")
    expect(table.locator("tbody tr").first).to_contain_text("50%")
    expect(page.locator("[data-testid=tile-map] g.tile.status-met")).to_have_count(1)
    expect(page.locator("[data-testid=map-note]")).to_be_visible()
    assert charts_drawn(page) >= 3  # provinces, national trend, reporting health

    table.locator("thead th").nth(1).locator("button").click()
    expect(table.locator("thead th").nth(1)).to_have_attribute("aria-sort", "ascending")
    expect(table.locator("tbody tr").first).to_contain_text("Thanh Hóa")  # no data stays last

    page.locator("#f-roll-up").check()
    page.select_option("#f-trend-province", str(world["thanh_hoa"].plan.province_id))
    with page.expect_navigation():
        page.get_by_role("button", name="Xem").click()
    expect(page.locator("[data-testid=map-note]")).to_have_count(0)
    expect(page.locator("canvas[data-source=province-trend-data]")).to_have_count(1)
    screenshot("rolled-up")
    assert page_errors == []


def test_the_doit_reads_its_province_dashboard(
    browser_page,
    log_in,
    url_for,
    page_errors,
    province_user,
    world,  # noqa: F811
    thanh_hoa_today,
):
    from playwright.sync_api import expect

    page = log_in(province_user)
    page.goto(url_for("dashboards:home"))

    assert page.url.startswith(url_for("dashboards:province", pk=thanh_hoa_today.pk)), page.url
    rows = page.locator("#unit-table tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator("[data-testid=province-total]")).to_have_text("50%")
    assert charts_drawn(page) >= 2
    assert page_errors == []


def test_the_unit_reads_its_own_dashboard(
    browser_page,
    log_in,
    url_for,
    page_errors,
    unit_user,
    world,  # noqa: F811
    dong_son_committee,
):
    from playwright.sync_api import expect

    page = log_in(unit_user)
    page.get_by_role("link", name="Tổng quan", exact=True).click()

    assert page.url == url_for("dashboards:unit", pk=dong_son_committee.pk)
    first = page.locator("#unit-table tbody tr").first
    expect(first).to_contain_text("2019")
    expect(first).to_contain_text("50%")
    assert charts_drawn(page) == 1
    assert page_errors == []


def test_the_public_reads_the_national_figures(
    browser_page,
    url_for,
    page_errors,
    world,  # noqa: F811
):
    from playwright.sync_api import expect

    page = browser_page
    page.goto(url_for("home"))
    page.get_by_role("link", name="Số liệu SXSH").first.click()

    assert page.url.split("?")[0] == url_for("dashboards:public")
    expect(page.locator(f"#figures-table tr[data-row={APPLYING}]")).to_contain_text("50%")
    expect(page.locator(".showcase-card")).to_have_count(1)
    assert charts_drawn(page) >= 1
    assert reverse("accounts:login") in page.content()  # signed out: the login link
    assert page_errors == []
