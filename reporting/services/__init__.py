"""Writes of the reporting app: one function per action, keyword-only, atomic."""

from .consolidated import consolidated_report_submit
from .content import activity_create, activity_delete, attachment_add, attachment_delete
from .cycle import (
    STALE_MESSAGE,
    StaleReportError,
    due_date_for,
    reporting_year_open,
    task_progress_update,
    unit_report_accept,
    unit_report_refresh_computed,
    unit_report_reopen,
    unit_report_return,
    unit_report_save,
    unit_report_submit,
)
from .documents import (
    DocumentBatch,
    consolidated_drafts_request,
    consolidated_pdf_batch_request,
    consolidated_pdf_request,
    unit_report_pdf_request,
)
from .imports import unit_report_import
from .reminders import deadline_reminders_send, reminder_step_for
from .reminders_now import reporting_year_remind_unsent

__all__ = [
    "STALE_MESSAGE",
    "DocumentBatch",
    "StaleReportError",
    "task_progress_update",
    "activity_create",
    "activity_delete",
    "attachment_add",
    "attachment_delete",
    "consolidated_drafts_request",
    "consolidated_pdf_batch_request",
    "consolidated_pdf_request",
    "consolidated_report_submit",
    "deadline_reminders_send",
    "due_date_for",
    "reminder_step_for",
    "reporting_year_open",
    "reporting_year_remind_unsent",
    "unit_report_accept",
    "unit_report_import",
    "unit_report_pdf_request",
    "unit_report_refresh_computed",
    "unit_report_reopen",
    "unit_report_return",
    "unit_report_save",
    "unit_report_submit",
]
