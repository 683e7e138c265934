"""Reading uploads, writing the template and exports, listing import errors."""

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
from .reading import ImportFileError, table_from_upload


class SheetDataset(tablib.Dataset):
    """A tablib Dataset of an uploaded sheet whose rows stay plain lists (`plain_rows`)
    until something asks for tablib's Row objects: the import reads the lists as they are,
    and 100,000 Row objects cost as much as a third of reading the file."""

    def __init__(self, rows: list[list], *, headers: list[str]):
        self.plain_rows = None
        super().__init__(headers=headers)
        self.plain_rows = rows

    @property
    def _data(self):
        if self.plain_rows is not None:
            self.__dict__["_rows"] = [tablib.core.Row(values) for values in self.plain_rows]
            self.plain_rows = None
        return self.__dict__["_rows"]

    @_data.setter
    def _data(self, rows):
        self.plain_rows = None
        self.__dict__["_rows"] = rows

    @property
    def height(self):
        return len(self.plain_rows) if self.plain_rows is not None else len(self._data)

    @property
    def width(self):
        if self.plain_rows is not None:
            return len(self.plain_rows[0]) if self.plain_rows else len(self.headers or ())
        return super().width


def dataset_from_upload(content: bytes, filename: str) -> tablib.Dataset:
    """Read an uploaded .xlsx or .csv into a Dataset (see reading.py): the header row found,
    headers in the template's spelling, blank lines left out; `lines` holds each row's line
    in the file, `cell_errors` the errors of single cells, `notes` what was understood."""
    try:
        table = table_from_upload(content, filename)
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError(_("Không đọc được tệp; hãy dùng tệp mẫu.")) from exc
    dataset = SheetDataset(table.rows, headers=table.headers)
    dataset.lines = table.lines
    dataset.cell_errors = table.cell_errors
    dataset.notes = table.notes
    return dataset


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
