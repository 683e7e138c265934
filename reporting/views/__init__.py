from .consolidated import consolidated_detail, consolidated_submit
from .content import (
    activity_add,
    activity_delete,
    attachment_add,
    attachment_delete,
    attachment_download,
)
from .cycle import (
    plan_years,
    report_accept,
    report_autosave,
    report_detail,
    report_edit,
    report_refresh,
    report_reopen,
    report_return,
    report_submit,
    year_detail,
    year_open,
)
from .documents import (
    consolidated_pdf,
    consolidated_pdf_status,
    report_pdf,
    report_pdf_status,
)
from .lists import consolidated_list, consolidated_list_export, report_list, report_list_export
from .reminders import year_remind
from .spreadsheets import (
    consolidated_export,
    report_export,
    report_import,
    report_import_confirm,
)

__all__ = [
    "consolidated_list_export",
    "report_list_export",
    "year_remind",
    "activity_add",
    "activity_delete",
    "attachment_add",
    "attachment_delete",
    "attachment_download",
    "consolidated_detail",
    "consolidated_export",
    "consolidated_list",
    "consolidated_pdf",
    "consolidated_pdf_status",
    "consolidated_submit",
    "plan_years",
    "report_accept",
    "report_autosave",
    "report_detail",
    "report_edit",
    "report_export",
    "report_import",
    "report_import_confirm",
    "report_list",
    "report_pdf",
    "report_pdf_status",
    "report_refresh",
    "report_reopen",
    "report_return",
    "report_submit",
    "year_detail",
    "year_open",
]
