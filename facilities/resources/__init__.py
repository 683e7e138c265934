"""Import and export of the facility registry (django-import-export).

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
from .files import ImportFileError, dataset_from_upload, dataset_xlsx, row_errors, template_workbook

__all__ = [
    "ALL_HEADERS",
    "FACILITY_COLUMNS",
    "OUT_OF_JURISDICTION",
    "REQUIRED_HEADERS",
    "STATUS_COLUMNS",
    "FacilityResource",
    "ImportFileError",
    "dataset_from_upload",
    "dataset_xlsx",
    "row_errors",
    "template_workbook",
]
