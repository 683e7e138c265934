"""An uploaded .xlsx or .csv as the import's table: which sheet, which row is the header,
which rows hold data (and on which line of the file), what each cell means.

Understood or explained: a title (merged or not) above the header, headers in any case,
a data sheet that is not the first, a table that starts in column B; percent cells
(10% stored as 0.1) read as 10; a formula saved without a value is an error of its row;
the sheet is bounded before it is read (see xlsx_scan).
"""

from __future__ import annotations

import csv
from decimal import Decimal
from io import BytesIO, StringIO

from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from sxsh_portal.numbers import format_number

from ...resources.columns import ALL_HEADERS, REQUIRED_HEADERS
from ...resources.widgets import as_text, is_blank, normalise
from . import xlsx_scan
from .xlsx_scan import (
    HEADER_SEARCH_ROWS,
    MAX_COLUMNS,
    ScanError,
    column_letters,
    is_sparse,
    scan_workbook,
)

CANONICAL = {normalise(header): header for header in ALL_HEADERS}
_REQUIRED = {normalise(header) for header in REQUIRED_HEADERS}


class ImportFileError(Exception):
    """The file cannot be read as a table with the expected columns."""


class Table:
    """The rows of the data (blank rows left out), their lines in the file, the headers
    (known ones in the template's spelling), and the errors of single cells."""

    def __init__(self, *, headers, rows, lines, cell_errors=None, notes=None):
        self.headers = headers
        self.rows = rows
        self.lines = lines
        self.cell_errors: dict[int, dict[str, list[str]]] = cell_errors or {}
        self.notes: list[str] = notes or []


def _header_row(rows: list[list]) -> tuple[int, int]:
    """(index of the row that best matches the required headers, how many it matches)."""
    best, best_count = 0, -1
    for index, values in enumerate(rows[:HEADER_SEARCH_ROWS]):
        count = len({normalise(as_text(v)) for v in values if not is_blank(v)} & _REQUIRED)
        if count > best_count:
            best, best_count = index, count
    return best, max(best_count, 0)


def _headers(values: list) -> list[str]:
    headers = []
    for value in values:
        text = as_text(value)
        headers.append(CANONICAL.get(normalise(text).rstrip(" *"), text))
    return headers


def _blank_row(values) -> bool:
    # The first filled cell ends the look (usually the first cell).
    for value in values:
        if value is None or value == "" or (isinstance(value, str) and not value.strip()):
            continue
        return False
    return True


def _missing(headers: list[str]) -> list[str]:
    return [header for header in REQUIRED_HEADERS if header not in headers]


def _table(rows: list[list], header_index: int, *, width_limit: int = MAX_COLUMNS) -> Table:
    headers = _headers(rows[header_index])[:width_limit]
    width = len(headers)
    data, lines = [], []
    for offset, values in enumerate(rows[header_index + 1 :], header_index + 2):
        if _blank_row(values):
            continue  # a blank line is no row of data
        if len(values) != width:
            values = (list(values) + [""] * width)[:width]
        data.append(values)
        lines.append(offset)
    notes = []
    if header_index:
        notes.append(
            _("Dòng tiêu đề là dòng %(line)s; các dòng phía trên được bỏ qua.")
            % {"line": header_index + 1}
        )
    return Table(headers=headers, rows=data, lines=lines, notes=notes)


def _scan_message(error: ScanError) -> str:
    reason = str(error)
    sheet = getattr(error, "sheet", "")
    if reason == "rows":
        return _(
            "Trang “%(sheet)s” có dữ liệu quá %(rows)s dòng; hãy chia tệp hoặc xóa các ô thừa "
            "ở cuối trang."
        ) % {"sheet": sheet, "rows": format_number(xlsx_scan.MAX_DATA_ROWS)}
    if reason == "columns":
        return _(
            "Trang “%(sheet)s” có dữ liệu quá %(columns)s cột; hãy xóa các ô thừa bên phải bảng."
        ) % {"sheet": sheet, "columns": MAX_COLUMNS}
    if reason == "unreadable":
        return _("Không đọc được tệp; hãy dùng tệp mẫu.")
    return _("Trang “%(sheet)s” quá lớn; hãy chia nhỏ tệp.") % {"sheet": sheet}


def _percent_value(value):
    """A percent cell's value as the percentage the user sees (0.1 → 10)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return Decimal(format(value, ".15g")) * 100


def xlsx_table(content: bytes) -> Table:
    try:
        scans = scan_workbook(content)
    except ScanError as error:
        raise ImportFileError(_scan_message(error)) from error
    workbook = None  # opened once a sheet is known to be safe to read
    best = None  # (matched, scan, rows, header index) of the sheet closest to a table
    sparse = []
    for scan in scans:
        if scan.last_row == 0:
            continue
        if is_sparse(scan):
            sparse.append(scan)
            continue
        if workbook is None:
            workbook = _open(content)
        rows = workbook.get_sheet_by_index(scan.index).to_python(skip_empty_area=False)
        header_index, matched = _header_row(rows)
        if best is None or matched > best[0]:
            best = (matched, scan, rows, header_index)
        if matched == len(_REQUIRED):
            break
    if best is None or best[0] < len(_REQUIRED):
        _explain_no_table(best, sparse, scans)
    _matched, scan, rows, header_index = best
    table = _table(rows, header_index)
    if scan.index:
        table.notes.append(
            _("Đã đọc trang “%(sheet)s” (không phải trang đầu tiên của tệp).")
            % {"sheet": scan.name}
        )
    _apply_cells(table, scan, header_index)
    return table


def _open(content: bytes):
    try:
        return CalamineWorkbook.from_filelike(BytesIO(content))
    except Exception as exc:  # calamine raises its own error types
        raise ImportFileError(_("Không đọc được tệp; hãy dùng tệp mẫu.")) from exc


def _explain_no_table(best, sparse, scans) -> None:
    if best is not None and best[0] >= 2:
        _matched, scan, rows, header_index = best
        missing = _missing(_headers(rows[header_index]))
        raise ImportFileError(
            _("Trang “%(sheet)s” thiếu cột bắt buộc: %(columns)s.")
            % {"sheet": scan.name, "columns": ", ".join(missing)}
        )
    if sparse:
        scan = sparse[0]
        raise ImportFileError(
            _(
                "Trang “%(sheet)s” có ô dữ liệu ở xa bảng (đến ô %(cell)s); hãy xóa các ô thừa "
                "rồi tải lên lại."
            )
            % {
                "sheet": scan.name,
                "cell": f"{column_letters(scan.last_cell[1])}{scan.last_cell[0]}",
            }
        )
    names = ", ".join(f"“{scan.name}”" for scan in scans)
    raise ImportFileError(
        _(
            "Không tìm thấy dòng tiêu đề (%(columns)s) trong %(rows)s dòng đầu của trang nào "
            "(các trang: %(sheets)s). Hãy dùng tệp mẫu."
        )
        % {"columns": ", ".join(REQUIRED_HEADERS), "rows": HEADER_SEARCH_ROWS, "sheets": names}
    )


def _apply_cells(table: Table, scan, header_index: int) -> None:
    """Percent cells in percentage columns, formulas without a value as row errors."""
    index_of_line = {line: index for index, line in enumerate(table.lines)}
    percent_columns = {i for i, header in enumerate(table.headers) if "(%)" in header}
    for line, column in scan.percent_cells:
        index = index_of_line.get(line)
        if index is not None and column - 1 in percent_columns:
            row = table.rows[index]
            row[column - 1] = _percent_value(row[column - 1])
    for line, column in scan.uncached_formulas:
        if line <= header_index + 1 or column > len(table.headers):
            continue
        index = index_of_line.get(line)
        if index is None:
            # calamine read the formula's row as blank: keep it, so the error has its line.
            index = _insert_row(table, line)
            index_of_line = {line: i for i, line in enumerate(table.lines)}
        header = table.headers[column - 1] or column_letters(column)
        table.cell_errors.setdefault(index, {})[header] = [
            _(
                "Ô %(cell)s có công thức nhưng chưa có giá trị tính sẵn; hãy mở tệp bằng Excel, "
                "lưu lại rồi tải lên."
            )
            % {"cell": f"{column_letters(column)}{line}"}
        ]


def _insert_row(table: Table, line: int) -> int:
    position = sum(1 for existing in table.lines if existing < line)
    table.lines.insert(position, line)
    table.rows.insert(position, [""] * len(table.headers))
    # Errors of later rows move down by one.
    table.cell_errors = {
        (index + 1 if index >= position else index): errors
        for index, errors in table.cell_errors.items()
    }
    return position


def csv_table(content: bytes) -> Table:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(_("Tệp CSV phải được lưu với bảng mã UTF-8.")) from exc
    rows = [list(values) for values in csv.reader(StringIO(text))]
    if len(rows) > xlsx_scan.MAX_DATA_ROWS + HEADER_SEARCH_ROWS:
        raise ImportFileError(
            _("Tệp có quá %(rows)s dòng; hãy chia nhỏ tệp.")
            % {"rows": format_number(xlsx_scan.MAX_DATA_ROWS)}
        )
    header_index, _matched = _header_row(rows)
    table = _table(rows, header_index) if rows else Table(headers=[], rows=[], lines=[])
    return table


def table_from_upload(content: bytes, filename: str) -> Table:
    lower = filename.lower()
    if lower.endswith(".xlsx"):
        table = xlsx_table(content)
    elif lower.endswith(".csv"):
        table = csv_table(content)
    else:
        raise ImportFileError(_("Chỉ nhận tệp .xlsx hoặc .csv."))
    missing = _missing(table.headers)
    if missing:
        raise ImportFileError(
            _("Tệp thiếu cột bắt buộc: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    return table
