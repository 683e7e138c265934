"""The layout a report workbook and the consolidation workbook share: sheet names, headers,
limits and the small cell helpers of both directions."""

from __future__ import annotations

import io
import unicodedata
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from sxsh_portal.spreadsheets import append_row

SHEET_INFO = "Thông tin"
SHEET_VALUES = "Chỉ tiêu"
SHEET_ACTIVITIES = "Hoạt động"
SHEET_PROGRESS = "Nhiệm vụ"

INFO_REPORT_ID = "Mã báo cáo"
INFO_DIFFICULTIES = "Khó khăn, vướng mắc"
INFO_PROPOSALS = "Đề xuất, kiến nghị"

VALUE_HEADERS = ["Mã số liệu", "Số liệu", "Giá trị tính từ CSDL cơ sở sản xuất", "Giá trị báo cáo"]
ACTIVITY_HEADERS = [
    "Loại hoạt động",
    "Ngày (dd/mm/yyyy)",
    "Tên hoạt động",
    "Số người tham dự",
    "Số doanh nghiệp tham gia",
    "Kinh phí (đồng)",
    "Nguồn kinh phí",
]
# The largest value of the activity's number columns (PositiveInteger, PositiveBigInteger).
ACTIVITY_LIMITS = {3: 2147483647, 4: 2147483647, 5: 9223372036854775807}
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 2000

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBDD")


class ImportFileError(Exception):
    """The upload is not a workbook of this report at all."""


def normalised(text) -> str:
    return unicodedata.normalize("NFC", " ".join(str(text or "").split())).casefold()


def header_write(sheet, headers: list[str], widths: list[int]) -> None:
    append_row(sheet, headers)
    for index, width in enumerate(widths, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "A2"


def cell_number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
