"""Reading uploads, writing the template and exports, listing import errors."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from io import BytesIO, StringIO

import tablib
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from ..models import (
    EnvironmentalRecord,
    SizeClass,
)
from .facility import ALL_HEADERS, FACILITY_COLUMNS, REQUIRED_HEADERS
from .widgets import as_text, is_blank


class ImportFileError(Exception):
    """The file cannot be read as a table with the expected columns."""


def _xlsx_rows(content: bytes) -> Iterator[list]:
    """The first worksheet's rows as python-calamine reads them (several times faster than
    openpyxl); its empty cells are "" and rows keep their place in the sheet."""
    sheet = CalamineWorkbook.from_filelike(BytesIO(content)).get_sheet_by_index(0)
    first_row, first_column = sheet.start or (0, 0)
    for _blank in range(first_row):
        yield []
    padding = [""] * first_column
    for values in sheet.iter_rows():
        yield padding + values if padding else values


def _csv_rows(content: bytes) -> Iterator[list]:
    # Blank lines carry no row, as tablib's CSV reader had it.
    return (values for values in csv.reader(StringIO(content.decode("utf-8-sig"))) if values)


def dataset_from_upload(content: bytes, filename: str) -> tablib.Dataset:
    """Read an uploaded .xlsx or .csv into a Dataset with stripped headers and without the
    blank lines spreadsheets leave at the end (row numbers stay those of the file)."""
    lower = filename.lower()
    if lower.endswith(".xlsx"):
        reader = _xlsx_rows
    elif lower.endswith(".csv"):
        reader = _csv_rows
    else:
        raise ImportFileError(_("Chỉ nhận tệp .xlsx hoặc .csv."))
    try:
        rows = reader(content)
        headers = [as_text(header) for header in next(rows, [])]
        missing = [header for header in REQUIRED_HEADERS if header not in headers]
        if missing:
            raise ImportFileError(
                _("Tệp thiếu cột bắt buộc: %(columns)s.") % {"columns": ", ".join(missing)}
            )
        width = len(headers)
        data = []
        for values in rows:
            if len(values) != width:
                values = (values + [""] * width)[:width]
            data.append(values)
    except ImportFileError:
        raise
    except UnicodeDecodeError as exc:
        raise ImportFileError(_("Tệp CSV phải được lưu với bảng mã UTF-8.")) from exc
    except Exception as exc:
        raise ImportFileError(_("Không đọc được tệp; hãy dùng tệp mẫu.")) from exc
    while data and all(is_blank(value) for value in data[-1]):
        data.pop()
    dataset = tablib.Dataset(headers=headers)
    # The rows are already of the header's width: skip tablib's per-row checks.
    dataset._data = [tablib.core.Row(values) for values in data]
    return dataset


def template_workbook(*, units, sectors) -> bytes:
    """The import template: Vietnamese headers, one example row, and a sheet of codes."""
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Cơ sở"
    sheet.append(ALL_HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    # Tax codes and unit codes keep their leading zeros only as text.
    for column in ("A", "E"):
        for cell in sheet[column]:
            cell.number_format = "@"
    for index, header in enumerate(ALL_HEADERS, 1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = max(12, len(header) + 2)

    codes = book.create_sheet("Danh mục")
    codes.append(["Mã đơn vị hành chính", "Tên đơn vị hành chính", "Thuộc"])
    for unit in units:
        codes.append([unit.code, unit.name, unit.parent.name if unit.parent_id else ""])
    codes.append([])
    codes.append(["Ngành (ghi tên hoặc mã)", "Mã ngành"])
    for sector in sectors:
        codes.append([sector.name, sector.code])
    codes.append([])
    codes.append(["Quy mô", ", ".join(str(label) for _c, label in SizeClass.choices)])
    codes.append(
        ["Hồ sơ môi trường", ", ".join(str(label) for _c, label in EnvironmentalRecord.choices)]
    )
    codes.append(["Các cột Có/Không", "Có, Không"])
    codes.append(["Ngày", "ngày/tháng/năm, ví dụ 15/12/2018"])
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def dataset_xlsx(dataset: tablib.Dataset, *, title: str = "Cơ sở") -> bytes:
    """Write a dataset as .xlsx in openpyxl's streaming mode (several times faster than
    tablib's for the large lists a ministry exports)."""
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.append(dataset.headers)
    for values in dataset:
        sheet.append(
            [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values]
        )
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
