from playwright.sync_api import expect

from strategies.services import seed_documents_load
from tests.strategies.drafts import draft_plan

THANH_HOA_PLAN = 1


def test_a_province_officer_opens_the_thanh_hoa_plan_and_sees_its_targets_against_the_nation(
    browser_page, log_in, url_for, screenshot, province_user, ha_giang
):
    seed_documents_load()
    page = log_in(province_user)

    page.goto(url_for("strategies:plan_detail", pk=THANH_HOA_PLAN))

    expect(page.locator("h1")).to_contain_text("tỉnh Thanh Hóa đến năm 2020")
    targets = page.locator("table", has_text="8–13%").first
    expect(targets).to_be_visible()
    expect(page.get_by_text("15/12", exact=False).first).to_be_visible()
    screenshot("ke-hoach-thanh-hoa")


def test_the_plan_list_shows_issued_plans_of_every_province_but_not_another_provinces_draft(
    browser_page, log_in, url_for, province_user, other_province_user, ha_giang
):
    seed_documents_load()
    draft_plan(other_province_user, title="Dự thảo kế hoạch của Hà Giang")
    page = log_in(province_user)

    page.goto(url_for("strategies:plan_list"))

    expect(page.locator("#content")).to_contain_text("Thanh Hóa")
    expect(page.locator("#content")).to_contain_text("Hà Giang")
    expect(page.locator("#content")).not_to_contain_text("Dự thảo kế hoạch của Hà Giang")
