"""Right after setup_demo, in Chromium: the demo commune logs in and opens its report of the
current year, due 15/12 of that year."""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from sxsh_portal.accounts.models import User
from tests.factories import DEMO_PASSWORD


def test_the_demo_commune_opens_its_report_of_this_year_due_15_12(
    browser_page, log_in, url_for, screenshot
):
    # The browser reads the live server's clock, so "today" is the real one here; the dates
    # around the deadline are tested with a frozen clock in tests/reporting.
    today = timezone.localdate()
    call_command("setup_demo", password=DEMO_PASSWORD, today=today, stdout=io.StringIO())
    page = log_in(User.objects.get(username="ubnd-xa-hoang-hoa"))

    page.goto(url_for("reporting:report_list"))
    row = page.locator("tr", has_text=str(today.year)).filter(has_text="UBND xã Hoằng Hóa")
    expect(row.first).to_contain_text(f"15/12/{today.year}")
    screenshot("report-list")
    with page.expect_navigation():
        row.first.get_by_role("link").first.click()

    content = page.locator("#content")
    expect(content).to_contain_text(f"Hạn gửi: 15/12/{today.year}")
    expect(content).to_contain_text("UBND xã Hoằng Hóa")
    if today <= datetime.date(today.year, 12, 15):
        expect(content).not_to_contain_text("Quá hạn")
