"""Writing the template and exports, listing import errors."""

from __future__ import annotations

from io import BytesIO

import tablib
from django.utils.translation import gettext as _

from sxsh_portal.spreadsheets import append_row

from ..models import (
    EnvironmentalRecord,
    SizeClass,
)
from .facility import ALL_HEADERS, FACILITY_COLUMNS


def template_workbook(*, units, sectors) -> bytes:
    """The import template: Vietnamese headers, one example row, and a sheet of codes."""

    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Cơ sở"
    append_row(sheet, ALL_HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    # Tax codes and unit codes keep their leading zeros only as text.
    for column in ("A", "E"):
        for cell in sheet[column]:
            cell.number_format = "@"
    for index, header in enumerate(ALL_HEADERS, 1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = max(12, len(header) + 2)

    codes = book.create_sheet("Danh mục")
    append_row(codes, ["Mã đơn vị hành chính", "Tên đơn vị hành chính", "Thuộc"])
    for unit in units:
        append_row(codes, [unit.code, unit.name, unit.parent.name if unit.parent_id else ""])
    append_row(codes, [])
    append_row(codes, ["Ngành (ghi tên hoặc mã)", "Mã ngành"])
    for sector in sectors:
        append_row(codes, [sector.name, sector.code])
    append_row(codes, [])
    append_row(codes, ["Quy mô", ", ".join(str(label) for _c, label in SizeClass.choices)])
    append_row(
        codes,
        ["Hồ sơ môi trường", ", ".join(str(label) for _c, label in EnvironmentalRecord.choices)],
    )
    append_row(codes, ["Các cột Có/Không", "Có, Không"])
    append_row(codes, ["Ngày", "ngày/tháng/năm, ví dụ 15/12/2018"])
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def dataset_xlsx(dataset: tablib.Dataset, *, title: str = "Cơ sở") -> bytes:
    """Write a dataset as .xlsx in openpyxl's streaming mode (several times faster than
    tablib's for the large lists a ministry exports)."""

    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    append_row(sheet, dataset.headers)
    for values in dataset:
        append_row(sheet, values)
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def row_errors(result) -> list[dict]:
    """Every problem of a dry run as (line of the file, column, message), line 1 = headers."""
    column_of = dict(FACILITY_COLUMNS)
    problems: list[dict] = []
    for error in result.base_errors:
        problems.append({"line": "—", "column": "—", "message": str(error.error)})
    for invalid in result.invalid_rows:
        for key, messages in invalid.error_dict.items():
            column = column_of.get(key, key if key in ALL_HEADERS else "—")
            for message in messages:
                problems.append({"line": invalid.number + 1, "column": column, "message": message})
    for number, errors in result.row_errors():
        for error in errors:
            problems.append(
                {
                    "line": number + 1,
                    "column": "—",
                    "message": _("Lỗi khi ghi dòng này: %(error)s") % {"error": error.error},
                }
            )
    problems.sort(key=lambda problem: (str(problem["line"]).zfill(8), problem["column"]))
    return problems
