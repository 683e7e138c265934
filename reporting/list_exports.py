"""What a list shows, as .xlsx: the lines of the filter in the URL, all pages."""

from __future__ import annotations

from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone

# A cell starting with one of these is a formula to a spreadsheet: text typed by a user
# (an agency's name) must not run as one.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith(_FORMULA_STARTS):
            return "'" + value
    return value


def xlsx_response(headers: list, lines: list[list], *, title: str, filename: str) -> HttpResponse:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(str(title)[:31])
    sheet.append([str(header) for header in headers])
    for line in lines:
        sheet.append([_cell(value) for value in line])
    output = BytesIO()
    book.save(output)
    response = HttpResponse(
        output.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.xlsx"'
    return response
