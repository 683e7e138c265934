"""In a real browser: typing in the draft saves it (htmx), and the page's hidden version
follows, so the next save is not mistaken for a stale one."""

from tests.reporting.conftest import (  # noqa: F401  (fixtures shared with the reporting tests)
    dong_son_report,
    plan,
    seeded,
    year_2019,
)


def test_the_draft_saves_itself_as_the_unit_types(
    browser_page,
    log_in,
    url_for,
    unit_user,
    dong_son_report,  # noqa: F811
):
    from playwright.sync_api import expect

    from reporting.figures import Figure

    page = log_in(unit_user)
    page.goto(url_for("reporting:report_edit", pk=dong_son_report.pk))

    page.fill("#id_value_facilities", "12")
    page.locator("#id_value_facilities").dispatch_event("change")
    expect(page.locator("#autosave-status")).to_contain_text("Đã lưu lúc")
    expect(page.locator("#id_version")).to_have_value("2")
    page.fill("#id_value_aware", "5")
    page.locator("#id_value_aware").dispatch_event("change")
    expect(page.locator("#id_version")).to_have_value("3")

    dong_son_report.refresh_from_db()
    values = {v.figure: v.reported_value for v in dong_son_report.values.all()}
    assert (values[Figure.FACILITIES], values[Figure.AWARE]) == (12, 5)
    expect(page.locator("#submit-version")).to_have_value("3")
