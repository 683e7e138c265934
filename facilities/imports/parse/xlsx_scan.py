"""A look at an .xlsx file before it is read: its sheets, where their data ends, which cells
are percentages and which formulas have no value.

python-calamine reads a sheet into a dense rectangle from A1 to its last cell, so one
stray cell at A100000 (a 5 KB file) cost ~850 MB and a 55 MB page of errors. The sheet's
XML is therefore streamed first, in chunks, only to find the rows and columns that hold
data: a sheet beyond the bounds, or whose extent is mostly empty, is refused with a short
message before anything is read, and memory grows with the cells that hold data.

The scan also yields what calamine does not say: the cells formatted as a percentage
(Excel keeps 10% as 0.1) and the formulas saved without a computed value (calamine reads
them as empty, which used to be stored as 0).
"""

from __future__ import annotations

import functools
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from xml.etree import ElementTree

MAX_DATA_ROWS = 100_000
MAX_COLUMNS = 60
# Rows above the header a sheet may have (a title, a merged heading, notes).
HEADER_SEARCH_ROWS = 10
# A sheet's extent may hold this many times its data cells (gaps, blank columns) and more.
SPARSE_FACTOR = 4
SPARSE_ALLOWANCE = 20_000
MAX_SHEET_XML_BYTES = 600 * 1024 * 1024
CHUNK_BYTES = 1024 * 1024

_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_ROW_NUMBER = re.compile(rb'<row\b[^>]*?\br="(\d+)"')
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_STYLE = re.compile(rb'\bs="(\d+)"')
# Excel's built-in percentage formats.
_PERCENT_FORMAT_IDS = {9, 10}


class ScanError(ValueError):
    """The file cannot be read safely; str() says why, in Vietnamese."""


@dataclass
class SheetScan:
    name: str
    index: int
    last_row: int = 0  # 1-based, 0 = no data
    last_column: int = 0
    last_cell: tuple[int, int] = (0, 0)  # (row, column) of the last row's last data cell
    data_cells: int = 0
    percent_cells: set[tuple[int, int]] = field(default_factory=set)  # (row, column), 1-based
    uncached_formulas: list[tuple[int, int]] = field(default_factory=list)


def column_number(letters: bytes | str) -> int:
    number = 0
    for char in letters if isinstance(letters, str) else letters.decode():
        number = number * 26 + (ord(char) - 64)
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _sheets(book: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(name, path inside the zip) of the worksheets, in the workbook's order."""
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.findall("rel:Relationship", _NS)}
    found = []
    for sheet in workbook.findall("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        found.append((sheet.get("name") or "", posixpath.normpath(path)))
    return found


def _percent_styles(book: zipfile.ZipFile) -> set[bytes]:
    """The style indexes (as they appear in s="…") whose number format is a percentage."""
    try:
        styles = ElementTree.fromstring(book.read("xl/styles.xml"))
    except KeyError:
        return set()
    percent_ids = set(_PERCENT_FORMAT_IDS)
    for number_format in styles.findall("m:numFmts/m:numFmt", _NS):
        code = (number_format.get("formatCode") or "").replace("\\%", "").replace('"%"', "")
        if "%" in code:
            percent_ids.add(int(number_format.get("numFmtId") or -1))
    found = set()
    for index, xf in enumerate(styles.findall("m:cellXfs/m:xf", _NS)):
        if int(xf.get("numFmtId") or 0) in percent_ids:
            found.add(str(index).encode())
    return found


def _scan_rows(chunk: bytes, scan: SheetScan, percent_styles: set[bytes]) -> None:
    """The complete rows of a chunk: data extent, percent cells, formulas without value."""
    for row_xml in chunk.split(b"</row>"):
        if b"<v" not in row_xml and b"<is>" not in row_xml and b"<f" not in row_xml:
            continue
        match = _ROW_NUMBER.search(row_xml)
        row_number = int(match.group(1)) if match else scan.last_row + 1
        slow = b"<f" in row_xml or any(
            b' s="' + style + b'"' in row_xml for style in percent_styles
        )
        if not slow:
            # The common row: values only. Its last cell with a value ends the row.
            end = max(row_xml.rfind(b"<v"), row_xml.rfind(b"<is>"))
            start = row_xml.rfind(b"<c ", 0, end)
            ref = _REF.search(row_xml, start) if start >= 0 else None
            column = column_number(ref.group(1)) if ref else 1
            scan.data_cells += row_xml.count(b"<v") + row_xml.count(b"<is>")
            if row_number >= scan.last_row:
                scan.last_cell = (row_number, column)
            scan.last_row = max(scan.last_row, row_number)
            scan.last_column = max(scan.last_column, column)
            continue
        position = 0
        for cell in _CELL.finditer(row_xml):
            attributes, inner = cell.group(1), cell.group(2) or b""
            ref = _REF.search(attributes)
            position = column_number(ref.group(1)) if ref else position + 1
            has_value = (b"<v" in inner and b"<v/>" not in inner and b"<v></v>" not in inner) or (
                b"<is>" in inner
            )
            if b"<f" in inner and not has_value:
                scan.uncached_formulas.append((row_number, position))
            elif not has_value:
                continue
            scan.data_cells += 1
            if row_number >= scan.last_row:
                scan.last_cell = (row_number, position)
            scan.last_row = max(scan.last_row, row_number)
            scan.last_column = max(scan.last_column, position)
            style = _STYLE.search(attributes)
            if style and style.group(1) in percent_styles:
                scan.percent_cells.add((row_number, position))


@functools.lru_cache(maxsize=64)
def _beyond(last_column: int):
    """A regex finding a cell with content right of `last_column` (None: no cheap regex)."""
    letters = column_letters(last_column) if last_column else ""
    alternatives = []
    if len(letters) <= 1:
        if letters != "Z":
            alternatives.append(f"[{chr(ord(letters or '@') + 1)}-Z]")
        alternatives.append("[A-Z]{2,3}")
    elif len(letters) == 2:
        first, second = letters
        if second != "Z":
            alternatives.append(f"{first}[{chr(ord(second) + 1)}-Z]")
        if first != "Z":
            alternatives.append(f"[{chr(ord(first) + 1)}-Z][A-Z]")
        alternatives.append("[A-Z]{3}")
    else:
        return None
    return re.compile(rb'<c r="(?:' + "|".join(alternatives).encode() + rb')\d+"[^>/]*>')


def _scan_chunk(chunk: bytes, scan: SheetScan, percent_styles: set[bytes]) -> None:
    """Complete rows: in C where the chunk is plain values within the known width (the
    common case), else row by row."""
    beyond = _beyond(scan.last_column)
    if (
        beyond is None
        or b"<f" in chunk
        or any(b' s="' + style + b'"' in chunk for style in percent_styles)
        or beyond.search(chunk)
    ):
        _scan_rows(chunk, scan, percent_styles)
        return
    scan.data_cells += chunk.count(b"<v") + chunk.count(b"<is>")
    last = max(chunk.rfind(b"<v"), chunk.rfind(b"<is>"))
    if last < 0:
        return
    row = _ROW_NUMBER.search(chunk, max(chunk.rfind(b"<row", 0, last), 0))
    ref = _REF.search(chunk, max(chunk.rfind(b"<c ", 0, last), 0))
    if row is None or ref is None:
        _scan_rows(chunk, scan, percent_styles)
        return
    row_number = int(row.group(1))
    if row_number >= scan.last_row:
        scan.last_row = row_number
        scan.last_cell = (row_number, column_number(ref.group(1)))


def _scan_sheet(book: zipfile.ZipFile, path: str, scan: SheetScan, percent_styles) -> None:
    info = book.getinfo(path)
    if info.file_size > MAX_SHEET_XML_BYTES:
        raise ScanError(f"sheet-too-large:{scan.name}")
    carry = b""
    with book.open(info) as stream:
        while True:
            chunk = stream.read(CHUNK_BYTES)
            if not chunk:
                break
            data = carry + chunk
            cut = data.rfind(b"</row>")
            if cut < 0:
                carry = data
                if len(carry) > 64 * CHUNK_BYTES:
                    raise ScanError(f"row-too-large:{scan.name}")
                continue
            cut += len(b"</row>")
            _scan_chunk(data[:cut], scan, percent_styles)
            carry = data[cut:]
            _check_bounds(scan)
    if carry:
        _scan_rows(carry, scan, percent_styles)
    _check_bounds(scan)


def _check_bounds(scan: SheetScan) -> None:
    if scan.last_row > MAX_DATA_ROWS + HEADER_SEARCH_ROWS:
        raise ScanError("rows")
    if scan.last_column > MAX_COLUMNS:
        raise ScanError("columns")


def scan_workbook(content: bytes) -> list[SheetScan]:
    """Every worksheet's extent and special cells; ScanError("rows"|"columns"|…) when a
    sheet is beyond the bounds."""
    try:
        book = zipfile.ZipFile(BytesIO(content))
        sheets = _sheets(book)
        percent_styles = _percent_styles(book)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        raise ScanError("unreadable") from exc
    scans = []
    with book:
        for index, (name, path) in enumerate(sheets):
            scan = SheetScan(name=name, index=index)
            try:
                _scan_sheet(book, path, scan, percent_styles)
            except KeyError as exc:
                raise ScanError("unreadable") from exc
            except ScanError as exc:
                exc.sheet = name
                raise
            scans.append(scan)
    return scans


def is_sparse(scan: SheetScan) -> bool:
    """Whether the sheet's extent is mostly empty (a stray cell far below or right)."""
    area = scan.last_row * scan.last_column
    return area > SPARSE_FACTOR * scan.data_cells + SPARSE_ALLOWANCE
