"""Apply a report workbook that passed its dry run: all of it or nothing."""

from __future__ import annotations

from django.db import transaction

from sxsh_portal.audit import record_actor

from .. import rules
from ..models import Activity, UnitReport, UnitReportValue
from ..workbooks import ReportImport
from .cycle import _check_version, _locked, _require_editable, _save


@transaction.atomic
def unit_report_import(
    *, report: UnitReport, actor, expected_version: int | None, parsed: ReportImport
) -> UnitReport:
    """Write the reported figures, replace the activities, and the texts the file gives."""
    if not parsed.ok:
        raise ValueError("A workbook with errors cannot be applied.")
    report = _locked(report)
    _require_editable(report)
    _check_version(report, expected_version)
    rules.reported_values_check(parsed.values)
    for figure, value in parsed.values.items():
        UnitReportValue.objects.update_or_create(
            report=report, figure=figure, defaults={"reported_value": value}
        )
    report.activities.all().delete()
    for row in parsed.activities:
        rules.activity_year_check(date=row.date, year=report.reporting_year.year)
        activity = Activity(
            report=report,
            kind=row.kind,
            date=row.date,
            title=row.title,
            participants=row.participants,
            enterprises_reached=row.enterprises_reached,
            cost_vnd=row.cost_vnd,
            funding_source=row.funding_source,
        )
        record_actor(activity, actor)
        activity.full_clean()
        activity.save()
    if parsed.difficulties is not None:
        report.difficulties = parsed.difficulties
    if parsed.proposals is not None:
        report.proposals = parsed.proposals
    _save(report, actor)
    return report
