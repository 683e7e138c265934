"""In a real browser: the DOIT uploads the director's signed PDF, the portal verifies it,
and the Ministry downloads the signed file as the report."""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.reporting.conftest import (  # noqa: F401  (fixtures shared with the reporting tests)
    clock,
    hoang_hoa,
    hoang_hoa_committee,
    plan,
    seeded,
)
from tests.reporting.test_documents import media, reported_year  # noqa: F401
from tests.sxsh_portal.signatures.conftest import (  # noqa: F401
    ca,
    director,
    final_pdf,
    needs_pdf,
    pdf_bytes,
    sent_year,
    trusted_ca,
)
from tests.sxsh_portal.signatures.pki import sign_pdf


@needs_pdf
def test_the_doit_uploads_the_signed_report_and_the_ministry_downloads_it(
    browser,
    browser_page,
    log_in,
    url_for,
    screenshot,
    page_errors,
    final_pdf,  # noqa: F811
    trusted_ca,  # noqa: F811
    director,  # noqa: F811
    province_user,
    ministry_user,
    tmp_path,
):
    from playwright.sync_api import expect

    # pyHanko runs its own asyncio loop, and Playwright's sync API already runs one here.
    with ThreadPoolExecutor(max_workers=1) as pool:
        signed = pool.submit(sign_pdf, pdf_bytes(final_pdf), director, trusted_ca).result()
    page = log_in(province_user)
    page.goto(url_for("reporting:consolidated_detail", pk=final_pdf.object_id))
    form = page.locator("form.signature-upload")
    form.locator("input[name=file]").set_input_files(
        files=[{"name": "bao-cao-da-ky.pdf", "mimeType": "application/pdf", "buffer": signed}]
    )
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    expect(page.locator(".signature-verified")).to_have_text("Đã ký số")
    expect(page.locator(".signature-panel")).to_contain_text(
        "Nguyễn Văn An · Sở Công Thương tỉnh Thanh Hóa"
    )
    screenshot("doit-verified")

    ministry = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh").new_page()
    ministry.goto(url_for("accounts:login"))
    login = ministry.locator("#content form").filter(has=ministry.locator("input[name=password]"))
    login.locator("input[name=username]").fill(ministry_user.username)
    from tests.factories import DEMO_PASSWORD

    login.locator("input[name=password]").fill(DEMO_PASSWORD)
    with ministry.expect_navigation():
        login.locator("button[type=submit]").click()
    ministry.goto(url_for("reporting:consolidated_detail", pk=final_pdf.object_id))
    expect(ministry.locator(".signature-verified")).to_be_visible()
    expect(ministry.locator(".pdf-unsigned")).to_contain_text("không phải bản chính thức")
    with ministry.expect_download() as download_info:
        ministry.locator("a.signed-download").click()
    download = download_info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    assert download.suggested_filename.endswith("-da-ky-so.pdf")
    assert Path(saved).read_bytes() == signed
    assert page_errors == []
    ministry.context.close()
