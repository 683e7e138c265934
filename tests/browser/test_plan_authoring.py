"""The yearly journey in Chromium: the Ministry writes a programme, a DOIT writes, issues,
reports under and amends its plan (issue 16)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from strategies.models import ActionPlan, Indicator, Strategy
from sxsh_portal.territory.models import REFORM_2025_FROM, AdministrativeUnit


@pytest.fixture
def todays_communes(thanh_hoa_today):
    for code, name in (("16000", "Phường Hạc Thành"), ("16001", "Xã Đông Sơn")):
        AdministrativeUnit.objects.create(
            code=code,
            name=name,
            level=AdministrativeUnit.Level.COMMUNE,
            parent=thanh_hoa_today,
            valid_from=REFORM_2025_FROM,
        )


@pytest.fixture
def share_indicator(db):
    return Indicator.objects.create(
        code="ty-le-khu-cum-cn",
        name="Tỷ lệ khu, cụm công nghiệp được tuyên truyền",
        measure_unit=Indicator.Unit.PERCENT,
        source=Indicator.Source.REPORTED,
        numerator="Số khu, cụm được tuyên truyền",
        denominator="Tổng số khu, cụm",
    )


def _save(page, label="Lưu tất cả"):
    with page.expect_navigation():
        page.get_by_role("button", name=label).click()


def test_the_ministry_writes_a_programme_and_a_doit_writes_issues_reports_under_and_amends_its_plan(
    browser_page,
    log_in,
    url_for,
    screenshot,
    page_errors,
    ministry_user,
    province_user,
    todays_communes,
    share_indicator,
):
    this_year = timezone.localdate().year
    page = log_in(ministry_user)

    # The Ministry: a programme with two phases and a target in each.
    page.goto(url_for("strategies:strategy_list"))
    page.get_by_role("link", name="Thêm chương trình").click()
    page.fill("#id_number", "999/QĐ-TTg")
    page.fill("#id_title", "Chương trình thử nghiệm về sản xuất và tiêu dùng bền vững")
    page.fill("#id_issuer", "Thủ tướng Chính phủ")
    page.fill("#id_issued_on", "24/06/2020")
    page.fill("#id_signer", "Phó Thủ tướng")
    page.fill("#id_period_start", "2021")
    page.fill("#id_period_end", "2030")
    _save(page, "Lưu")
    page.fill("#id_form-0-name", "Giai đoạn 2021–2025")
    page.fill("#id_form-0-start_year", "2021")
    page.fill("#id_form-0-end_year", "2025")
    page.fill("#id_form-1-name", "Giai đoạn 2026–2030")
    page.fill("#id_form-1-start_year", "2026")
    page.fill("#id_form-1-end_year", "2030")
    _save(page)
    strategy = Strategy.objects.get(number="999/QĐ-TTg")
    first, second = strategy.phases.order_by("start_year")
    page.goto(url_for("strategies:programme_section", pk=strategy.pk, section="muc-tieu"))
    for index, (phase, year, value) in enumerate(((first, "2025", "70"), (second, "2030", "100"))):
        page.select_option(f"#id_form-{index}-phase", str(phase.pk))
        page.select_option(f"#id_form-{index}-indicator", str(share_indicator.pk))
        page.fill(f"#id_form-{index}-year", year)
        page.fill(f"#id_form-{index}-value_min", value)
    _save(page)
    expect(page.locator("#content")).to_contain_text("Giai đoạn 2026–2030")
    expect(page.locator("table", has_text="100%")).to_be_visible()
    screenshot("chuong-trinh")

    # The DOIT: a plan under it.
    page.context.clear_cookies()
    log_in(province_user)
    page.goto(url_for("strategies:plan_list"))
    page.get_by_role("link", name="Soạn kế hoạch mới").click()
    page.select_option("#id_kind", "plan")
    page.fill("#id_title", "Kế hoạch thử nghiệm của tỉnh Thanh Hóa 2026–2030")
    page.select_option("#id_strategy", str(strategy.pk))
    page.fill("#id_period_start", "2026")
    page.fill("#id_period_end", "2030")
    page.fill("#id_decision_number", "01/QĐ-UBND (thử nghiệm)")
    page.fill("#id_issued_on", f"15/01/{this_year}")
    page.fill("#id_signer", "Phó Chủ tịch UBND tỉnh")
    page.fill("#id_deadline_day", "15")
    page.fill("#id_deadline_month", "12")
    _save(page, "Lưu")
    plan = ActionPlan.objects.get(title="Kế hoạch thử nghiệm của tỉnh Thanh Hóa 2026–2030")
    expect(page.locator(".plan-status")).to_have_text("Dự thảo")

    page.get_by_role("link", name="Thêm cơ quan của tỉnh").click()
    page.fill("#id_name", "Sở Tài chính Thanh Hóa")
    page.select_option("#id_kind", "department")
    _save(page, "Lưu")

    national = second.targets.get()
    page.goto(url_for("strategies:plan_section", pk=plan.pk, section="muc-tieu"))
    page.select_option("#id_form-0-indicator", str(share_indicator.pk))
    page.select_option("#id_form-0-localises", str(national.pk))
    page.fill("#id_form-0-year", "2030")
    page.fill("#id_form-0-value_min", "90")
    page.fill("#id_form-0-baseline_year", "2025")
    page.fill("#id_form-0-baseline_value", "40")
    _save(page)

    page.goto(url_for("strategies:plan_section", pk=plan.pk, section="nhiem-vu"))
    page.fill("#id_form-0-label", "1")
    page.fill("#id_form-0-text", "Tuyên truyền sản xuất bền vững tại các cụm công nghiệp")
    page.select_option("#id_form-0-lead_agency", label="Sở Tài chính Thanh Hóa")
    page.select_option("#id_form-0-coordinating_agencies", label="Sở Công Thương Thanh Hóa")
    page.fill("#id_form-0-duties", "Bố trí kinh phí hằng năm")
    _save(page)

    page.goto(url_for("strategies:plan_section", pk=plan.pk, section="kinh-phi"))
    page.select_option("#id_form-0-kind", "provincial_budget")
    page.fill("#id_form-0-year", str(this_year))
    page.fill("#id_form-0-amount", "500000000")
    _save(page)

    page.goto(url_for("strategies:plan_units", pk=plan.pk))
    page.check("#id_all_communes")
    _save(page, "Lưu")
    expect(page.locator("#content")).to_contain_text("UBND xã Đông Sơn")

    with page.expect_navigation():
        page.get_by_role("button", name="Ban hành kế hoạch").click()
    expect(page.locator(".plan-status")).to_have_text("Đã ban hành")
    expect(page.locator(".plan-versions")).to_contain_text("01/QĐ-UBND (thử nghiệm)")
    screenshot("ke-hoach-ban-hanh")

    # This year's reporting: every unit gets a report due 15/12.
    page.get_by_role("link", name="Các năm báo cáo").click()
    page.select_option("select[name=year]", str(this_year))
    with page.expect_navigation():
        page.get_by_role("button", name="Mở năm báo cáo").click()
    expect(page.locator("#content")).to_contain_text(
        f"Đã mở năm báo cáo {this_year}: 2 đơn vị phải báo cáo."
    )
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    for name in ("UBND phường Hạc Thành", "UBND xã Đông Sơn"):
        expect(rows.filter(has_text=name)).to_contain_text(f"15/12/{this_year}")
    screenshot("nam-bao-cao")

    # The amendment: a new decision, both versions kept and shown.
    page.goto(url_for("strategies:plan_detail", pk=plan.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Điều chỉnh kế hoạch").click()
    page.goto(url_for("strategies:plan_section", pk=plan.pk, section="muc-tieu"))
    page.fill("#id_form-0-value_min", "95")
    _save(page)
    page.get_by_role("link", name="Ban hành điều chỉnh").click()
    page.fill("#id_decision_number", "02/QĐ-UBND (thử nghiệm)")
    page.fill("#id_decided_on", f"01/06/{this_year}")
    page.fill("#id_changes", "Nâng mục tiêu năm 2030 từ 90% lên 95%")
    _save(page, "Lưu")
    versions = page.locator(".plan-versions li")
    expect(versions).to_have_count(2)
    expect(versions.nth(1)).to_contain_text("Nâng mục tiêu năm 2030 từ 90% lên 95%")
    expect(page.locator("table.table-targets")).to_contain_text("95%")
    versions.nth(0).get_by_role("link").click()
    expect(page.locator("table.version-targets")).to_contain_text("90%")
    screenshot("phien-ban-1")
    assert plan.versions.count() == 2
    assert page_errors == []
    assert datetime.date(this_year, 12, 15) in set(
        plan.reporting_years.get().unit_reports.values_list("due_date", flat=True)
    )
