"""Export of the facility registry, the import template, and the import's columns and
cell parsers (django-import-export); the import itself is facilities.imports.

One spreadsheet row is one facility and, when the "Năm" column is filled, its SXSH status
in that year. The tax code is the key: importing the same file again updates, never
duplicates. Every message a user can see is Vietnamese and names the column.
"""

from .facility import (
    ALL_HEADERS,
    FACILITY_COLUMNS,
    OUT_OF_JURISDICTION,
    REQUIRED_HEADERS,
    STATUS_COLUMNS,
    FacilityResource,
)
from .files import dataset_xlsx, row_errors, template_workbook

__all__ = [
    "ALL_HEADERS",
    "FACILITY_COLUMNS",
    "OUT_OF_JURISDICTION",
    "REQUIRED_HEADERS",
    "STATUS_COLUMNS",
    "FacilityResource",
    "dataset_xlsx",
    "row_errors",
    "template_workbook",
]
