"""Safe files out: the one way every .xlsx and .csv export writes a row.

Text a user typed reaches other people's spreadsheets: a facility name beginning with "="
would become a live formula in the DOIT's export, and one control character in an
activity title made openpyxl refuse to write the report's workbook for everyone. Every
export appends its rows through `append_row` (xlsx) or `csv_value` (csv), which drop the
characters a workbook cannot hold and write text beginning with = + - @ as text.
"""

from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

# What spreadsheet programs read as the start of a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean_cell_text(value: str) -> str:
    """The text without the control characters an .xlsx file cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _xlsx_cell(sheet, value, column: int):
    if not isinstance(value, str):
        return value
    value = clean_cell_text(value)
    if not value.startswith(FORMULA_START):
        return value
    # A string cell: shown as typed, never evaluated. (A write-only sheet takes a Cell that
    # knows its column; append() then places it.)
    cell = Cell(sheet, row=1, column=column, value=None)
    cell._value = value
    cell.data_type = "s"
    return cell


def append_row(sheet, values) -> None:
    """sheet.append(values), with every text cell written as text (normal or write-only)."""
    sheet.append([_xlsx_cell(sheet, value, index) for index, value in enumerate(values, 1)])


def csv_value(value):
    """A CSV cell that no spreadsheet program opens as a formula."""
    if not isinstance(value, str):
        return value
    value = clean_cell_text(value)
    return "'" + value if value.startswith(FORMULA_START) else value
