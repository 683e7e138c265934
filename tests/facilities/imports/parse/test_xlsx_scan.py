"""The scan that bounds a sheet before it is read sees every cell holding data, whichever
chunk of the sheet's XML it falls in (issue 15, item 5)."""

import io

from openpyxl import Workbook

from facilities.imports.parse import xlsx_scan


def _content(book):
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def test_cells_far_right_far_below_formulas_and_percentages_are_found_in_any_chunk(
    monkeypatch,
):
    monkeypatch.setattr(xlsx_scan, "CHUNK_BYTES", 2_000)
    book = Workbook()
    sheet = book.active
    for row in range(1, 301):
        sheet.append([f"r{row}", row, row * 2, "x", 1.5])
    sheet["H290"] = "lạc"
    sheet["C200"] = "=A1*2"
    sheet["E250"].number_format = "0.0%"
    sheet["A5000"] = "xa"

    [scan] = xlsx_scan.scan_workbook(_content(book))

    assert (scan.last_row, scan.last_column) == (5000, 8)
    assert scan.last_cell == (5000, 1)
    assert scan.uncached_formulas == [(200, 3)]
    assert scan.percent_cells == {(250, 5)}
    assert scan.data_cells == 300 * 5 + 2


def test_a_sheet_of_plain_rows_is_not_sparse_and_one_far_cell_makes_it_so():
    book = Workbook()
    sheet = book.active
    for _row in range(50):
        sheet.append(list(range(10)))

    [plain] = xlsx_scan.scan_workbook(_content(book))
    sheet["A100000"] = "x"
    [stray] = xlsx_scan.scan_workbook(_content(book))

    assert not xlsx_scan.is_sparse(plain)
    assert xlsx_scan.is_sparse(stray)
