"""Spreadsheets of unit reports and of the consolidation (.xlsx).

openpyxl is used directly rather than django-import-export: a report workbook is one
report spread over several sheets — a fixed list of figures ("Chỉ tiêu", one row per
figure, the registry's value beside the reported one), a free list of activities
("Hoạt động"), key/value facts ("Thông tin") — and import-export's one-model-per-sheet
resources fit none of them without fighting its row model. The same workbook is the
template a unit fills in and the export of any report, so what a unit downloads it can
upload again.

Import is two steps: `report_import_parse` reads everything and lists every problem
(sheet, row, column, Vietnamese message) without writing; the service then applies the
parsed content all at once.
"""

from .layout import XLSX_CONTENT_TYPE, ImportFileError
from .read import ReportImport, RowError, report_import_parse
from .write import consolidation_workbook, export_filename, report_workbook

__all__ = [
    "XLSX_CONTENT_TYPE",
    "ImportFileError",
    "ReportImport",
    "RowError",
    "consolidation_workbook",
    "export_filename",
    "report_import_parse",
    "report_workbook",
]
