"""axe-core on the main pages of every role: no serious or critical violation (issue 14, item 8),
and no page breaks the Content-Security-Policy (no inline script or style, item 5).

axe.min.js comes from the axe-playwright-python wheel (requirements-dev.txt), read from disk
and evaluated in the page: nothing is fetched from a CDN. Before: every page had 5 serious
violations (navigation links #98c9b2 on #198754, contrast 2.44:1) and /favicon.ico was a 404.
"""

from pathlib import Path

import pytest
from django.urls import reverse

from tests.reporting.conftest import (  # noqa: F401  (fixtures shared with the reporting tests)
    hoang_hoa,
    hoang_hoa_committee,
    plan,
    seeded,
    year_2019,
)
from tests.reporting.dashboards.test_dashboards import APPLYING, world  # noqa: F401

axe_package = pytest.importorskip("axe_playwright_python")
AXE_SOURCE = (Path(axe_package.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
SERIOUS = {"serious", "critical"}
HTMX_SETTLED = """() => document.readyState === 'complete'
    && !document.querySelector('[hx-trigger="load"], .htmx-request, .htmx-settling')"""


def axe_violations(page) -> list[str]:
    page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "axe.run(document, {resultTypes: ['violations'],"
        " runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',"
        " 'best-practice']}})"
    )
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in result["violations"]
        if violation["impact"] in SERIOUS
    ]


def audit(page, urls: list[str]) -> dict[str, list[str]]:
    """Open each URL; return the serious findings and CSP refusals of each, if any."""
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    findings = {}
    for url in urls:
        refused.clear()
        response = page.goto(url)
        assert response.status < 500, url
        # The panels a page loads after itself (hx-trigger="load") are part of what is audited:
        # wait until htmx has swapped them in, rather than for half a second of network silence.
        page.wait_for_function(HTMX_SETTLED)
        problems = axe_violations(page) + [f"CSP: {text}" for text in refused]
        if problems:
            findings[url] = problems
    return findings


def test_the_public_pages_have_no_serious_accessibility_violation(
    browser_page,
    url_for,
    live_server,
    world,  # noqa: F811
):
    urls = [
        url_for("home"),
        url_for("strategies:strategy_list"),
        url_for("strategies:indicator_list"),
        url_for("facilities:library"),
        url_for("facilities:register"),
        url_for("accounts:login"),
        url_for("accounts:password_reset"),
        url_for("dashboards:public") + f"?indicator={APPLYING}",
        live_server.url + "/khong-co-trang-nay/",
    ]

    assert audit(browser_page, urls) == {}


def test_the_favicon_is_served(browser_page, live_server):
    response = browser_page.goto(live_server.url + "/favicon.ico")

    assert response.status == 200
    assert response.headers["content-type"] in {"image/x-icon", "image/vnd.microsoft.icon"}


def test_the_ministrys_pages_have_no_serious_accessibility_violation(
    browser_page,
    log_in,
    url_for,
    ministry_user,
    world,  # noqa: F811
):
    log_in(ministry_user)
    urls = [
        url_for("home"),
        url_for("strategies:plan_list"),
        url_for("strategies:agency_list"),
        url_for("facilities:facility_list"),
        url_for("reporting:report_list"),
        url_for("reporting:consolidated_list"),
        url_for("dashboards:national") + f"?year=2019&indicator={APPLYING}",
        url_for("accounts:role_list"),
        url_for("accounts:profile"),
    ]

    assert audit(browser_page, urls) == {}


def test_the_provinces_pages_have_no_serious_accessibility_violation(
    browser_page,
    log_in,
    url_for,
    province_user,
    world,  # noqa: F811
    thanh_hoa_today,
):
    log_in(province_user)
    urls = [
        url_for("home"),
        url_for("strategies:plan_list"),
        url_for("facilities:facility_list"),
        url_for("facilities:import_upload"),
        url_for("reporting:report_list"),
        url_for("reporting:consolidated_list"),
        url_for("dashboards:province", pk=thanh_hoa_today.pk),
        url_for("accounts:password_change"),
    ]

    assert audit(browser_page, urls) == {}


def test_the_units_pages_have_no_serious_accessibility_violation(
    browser_page,
    log_in,
    url_for,
    unit_user,
    world,  # noqa: F811
    dong_son_committee,
):
    log_in(unit_user)
    urls = [
        url_for("home"),
        url_for("reporting:report_list"),
        url_for("dashboards:unit", pk=dong_son_committee.pk),
    ]
    page = browser_page
    page.goto(urls[1])
    report_links = page.locator("#content a[href*='/bao-cao/']").evaluate_all(
        "links => links.map(link => link.href)"
    )
    # The reports themselves, not the list's own address or its .xlsx export of what is shown.
    urls += [
        link
        for link in report_links
        if reverse("reporting:report_list") != link and ".xlsx" not in link
    ][:2]

    assert audit(page, urls) == {}


def test_the_facility_representatives_pages_have_no_serious_accessibility_violation(
    browser_page,
    log_in,
    url_for,
    facility_user,
    world,  # noqa: F811
):
    log_in(facility_user)
    urls = [url_for("home"), url_for("facilities:facility_list"), url_for("accounts:profile")]

    assert audit(browser_page, urls) == {}
