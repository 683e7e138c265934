"""Reporting years, unit reports and what they hold, the consolidated provincial report,
and the reminder schedule."""

from .consolidation import ConsolidatedReport, SentIndicator
from .cycle import (
    Activity,
    Attachment,
    ReportingYear,
    ReportTransition,
    TaskProgress,
    UnitReport,
    UnitReportValue,
)
from .reminders import ReminderSent, ReminderStep

__all__ = [
    "Activity",
    "Attachment",
    "ConsolidatedReport",
    "ReminderSent",
    "ReminderStep",
    "ReportTransition",
    "ReportingYear",
    "SentIndicator",
    "TaskProgress",
    "UnitReport",
    "UnitReportValue",
]
