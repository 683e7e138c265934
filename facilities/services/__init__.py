"""Writes of the facilities app: one function per action, keyword-only, atomic."""

from .documents import facility_summary_pdf_request
from .imports import IMPORT_TEMP_DIR, ImportReport, facilities_import, facilities_import_check
from .measures import (
    measure_create,
    measure_publish_approve,
    measure_publish_request,
    measure_update,
)
from .registry import (
    duplicate_tax_code_message,
    facility_register,
    facility_reject,
    facility_status_set,
    facility_touch,
    facility_update,
    facility_verify,
    representative_link,
)
from .sectors import sectors_load

__all__ = [
    "IMPORT_TEMP_DIR",
    "ImportReport",
    "duplicate_tax_code_message",
    "facilities_import",
    "facilities_import_check",
    "facility_register",
    "facility_reject",
    "facility_status_set",
    "facility_summary_pdf_request",
    "facility_touch",
    "facility_update",
    "facility_verify",
    "measure_create",
    "measure_publish_approve",
    "measure_publish_request",
    "measure_update",
    "representative_link",
    "sectors_load",
]
