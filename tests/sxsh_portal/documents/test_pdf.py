import datetime
import shutil
import subprocess

import pytest

from sxsh_portal.documents.pdf import pdf_support_problem, render_pdf

pytestmark = pytest.mark.skipif(
    pdf_support_problem() is not None or shutil.which("pdftotext") is None,
    reason="WeasyPrint (Pango) or poppler-utils' pdftotext is not installed",
)


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # Line breaks depend on the layout; the words and their order are what must hold.
    return " ".join(text.split())


def test_an_administrative_document_renders_with_its_vietnamese_header_intact(tmp_path):
    pdf = render_pdf(
        "pdf/base_document.html",
        {
            "issuer_parent": "UBND tỉnh Thanh Hóa",
            "issuer": "Sở Công Thương",
            "document_number": "125/BC-SCT",
            "place": "Thanh Hóa",
            "document_date": datetime.date(2026, 12, 16),
            "document_title": "Báo cáo tình hình thực hiện sản xuất sạch hơn năm 2026",
            "recipients": ["Bộ Công Thương", "UBND tỉnh Thanh Hóa"],
            "copies_to": ["Như trên"],
        },
    )

    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "SỞ CÔNG THƯƠNG" in text
    assert "Số: 125/BC-SCT" in text
    assert "Thanh Hóa, ngày 16 tháng 12 năm 2026" in text
    assert "BÁO CÁO TÌNH HÌNH THỰC HIỆN SẢN XUẤT SẠCH HƠN NĂM 2026" in text
    assert "Kính gửi: Bộ Công Thương; UBND tỉnh Thanh Hóa." in text
    # Decree 30/2020: no page number on the first page (a one-page document shows none).
    assert "1/1" not in text.replace(" ", "")


def test_the_document_embeds_the_shipped_times_metric_serif(tmp_path):
    pdf = render_pdf(
        "pdf/base_document.html",
        {"document_title": "Thử", "document_date": datetime.date(2026, 1, 2)},
    )
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)

    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout

    # Liberation Serif (Times New Roman's metrics, every Vietnamese letter), as shipped.
    assert "Liberation-Serif" in fonts
    assert "DejaVu" not in fonts and "Noto" not in fonts
