"""The states of a unit report. Every transition locks the report row
(`select_for_update()`), checks the state it expects, writes, and records who and when.

A form carries the version it was rendered with; a write with an older version is refused
(StaleReportError) instead of overwriting a newer one. A submission the server already
accepted is a no-op when repeated, so a retry or a double click changes nothing.
"""

from __future__ import annotations

import calendar
import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from strategies.models import ActionPlan
from strategies.selectors import plan_reporting_agencies, unit_assignments, unit_led_tasks
from sxsh_portal.audit import record_actor
from sxsh_portal.territory.models import Agency

from .. import rules
from ..figures import Figure
from ..models import (
    ReportingYear,
    ReportTransition,
    TaskProgress,
    UnitReport,
    UnitReportValue,
)
from ..selectors import registry_figures
from . import notify

STALE_MESSAGE = _(
    "Báo cáo đã được thay đổi (ở một cửa sổ khác hoặc bởi người khác) sau khi bạn mở trang "
    "này. Thay đổi của bạn chưa được lưu; hãy tải lại trang để xem bản mới nhất."
)


class StaleReportError(Exception):
    """The form was rendered from an older version of the report."""

    def __init__(self, message=STALE_MESSAGE):
        super().__init__(str(message))
        self.message = message


def due_date_for(*, year: int, day: int, month: int) -> datetime.date:
    # A 29/02 deadline falls on 28/02 in a common year.
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _locked(report: UnitReport) -> UnitReport:
    # The report's row only (`of`): a lock on the joined year would queue every save of the
    # province's units behind one another. The plan and the unit come with it: what a
    # transition's notification names.
    return (
        UnitReport.objects.select_for_update(of=("self",))
        .select_related("reporting_year__plan", "agency")
        .get(pk=report.pk)
    )


def _check_version(report: UnitReport, expected_version: int | None) -> None:
    if expected_version is not None and int(expected_version) != report.version:
        raise StaleReportError


def _require_editable(report: UnitReport) -> None:
    if not report.is_editable:
        raise ValidationError(
            _("Báo cáo đang ở trạng thái “%(state)s”, không thể sửa.")
            % {"state": report.get_state_display()}
        )


# What full_clean checks with a query each and a save after the first cannot change: the
# year and the unit (with the one report per unit and year) are set when the report is made,
# and the users a save names are the signed-in actor. The database's keys still hold.
_SET_ON_CREATE = ["reporting_year", "agency", "submitted_by", "accepted_by", "updated_by"]


def _save(report: UnitReport, actor, *, bump: bool = True, transition: bool = False) -> None:
    if bump:
        report.version += 1
    report.updated_at = timezone.now()
    report.updated_by = actor
    record_actor(report, actor)
    if report.pk is None:
        report.full_clean()
    else:
        # The state's constraints (a reason to hand back, a date once sent) read columns only
        # a transition sets: checked then, not on each autosave (three queries each).
        report.full_clean(exclude=_SET_ON_CREATE + ([] if transition else ["state"]))
    report.save()


def _reported_values_write(
    report: UnitReport, actor, reported_values: dict[str, Decimal | None]
) -> None:
    """Write the figures that changed, in one UPDATE and one INSERT of their history rows
    (autosave sends every figure every few seconds; row by row it was two queries a figure).
    Each history row names the actor, as a save of its own would."""
    stored = {value.figure: value for value in report.values.all()}
    changed, missing = [], []
    for figure, value in reported_values.items():
        row = stored.get(figure)
        if row is None:
            row = UnitReportValue(report=report, figure=figure, reported_value=value)
            missing.append(record_actor(row, actor))
        elif row.reported_value != value:
            row.reported_value = value
            changed.append(record_actor(row, actor))
    if changed:
        UnitReportValue.objects.bulk_update(changed, ["reported_value"])
        UnitReportValue.history.bulk_history_create(
            changed, update=True, default_change_reason=None
        )
    if missing:
        UnitReportValue.objects.bulk_create(missing)
        UnitReportValue.history.bulk_history_create(missing, default_change_reason=None)


def _record(report: UnitReport, *, action: str, from_state: str, actor, reason: str = ""):
    return ReportTransition.objects.create(
        report=report,
        action=action,
        from_state=from_state,
        to_state=report.state,
        actor=actor,
        reason=reason,
    )


# ---------------------------------------------------------------------------- opening


def _unit_report_create(
    *, reporting_year: ReportingYear, agency: Agency, due_date: datetime.date, actor
) -> UnitReport:
    report = UnitReport(reporting_year=reporting_year, agency=agency, due_date=due_date)
    _save(report, actor, bump=False)
    computed = registry_figures(agency=agency, year=reporting_year.year)
    UnitReportValue.objects.bulk_create(
        UnitReportValue(report=report, figure=figure.value, computed_value=computed.get(figure))
        for figure in Figure
    )
    plan = reporting_year.plan
    TaskProgress.objects.bulk_create(
        [
            TaskProgress(report=report, assignment=assignment)
            for assignment in unit_assignments(plan=plan, agency=agency)
        ]
        + [
            TaskProgress(report=report, task=task)
            for task in unit_led_tasks(plan=plan, agency=agency)
        ]
    )
    return report


@transaction.atomic
def reporting_year_open(*, plan: ActionPlan, year: int, actor) -> ReportingYear:
    """Open a year of a plan: one report per reporting unit, due on the plan's deadline.

    Opening an open year again only adds the reports of units recorded since.
    """
    # The rules read the plan as stored, not as the caller last saw it.
    plan = ActionPlan.objects.get(pk=plan.pk)
    rules.reporting_year_open_check(plan=plan, year=year)
    rule = plan.reporting_rule
    reporting_year, created = ReportingYear.objects.get_or_create(
        plan=plan, year=year, defaults={"opened_by": actor}
    )
    due_date = due_date_for(year=year, day=rule.deadline_day, month=rule.deadline_month)
    existing = set(reporting_year.unit_reports.values_list("agency_id", flat=True))
    for agency in plan_reporting_agencies(plan=plan).exclude(pk__in=existing):
        _unit_report_create(
            reporting_year=reporting_year, agency=agency, due_date=due_date, actor=actor
        )
    return reporting_year


# ---------------------------------------------------------------------------- editing


@transaction.atomic
def unit_report_save(
    *,
    report: UnitReport,
    actor,
    expected_version: int | None,
    reported_values: dict[str, Decimal | None],
    difficulties: str,
    proposals: str,
    progress: dict[int, tuple[str, str]] | None = None,
) -> UnitReport:
    """Save the unit's draft (figures, difficulties, proposals, task progress)."""
    report = _locked(report)
    _require_editable(report)
    _check_version(report, expected_version)
    rules.reported_values_check(reported_values)
    # Autosave sends every figure every few seconds: write (and record in the history) only
    # the ones that changed.
    _reported_values_write(report, actor, reported_values)
    task_progress_update(report=report, actor=actor, progress=progress or {})
    report.difficulties = difficulties
    report.proposals = proposals
    _save(report, actor)
    return report


def task_progress_update(
    *, report: UnitReport, actor, progress: dict[int, tuple[str, str]]
) -> list[TaskProgress]:
    """Set the progress of the report's duties ({progress id: (status, result text)}); each
    changed row is saved with the actor, so the history says who changed what and when.
    Ids of another report's duties are ignored. Call it within the report's save (the report
    row locked, its version checked)."""
    valid = set(TaskProgress.Status.values)
    changed = []
    for item in report.progress.filter(pk__in=list(progress)):
        status, done_text = progress[item.pk]
        if status not in valid:
            raise ValidationError({"progress": _("Tình hình thực hiện không hợp lệ.")})
        if (item.status, item.done_text) == (status, done_text):
            continue
        item.status = status
        item.done_text = done_text
        record_actor(item, actor)
        item.save(update_fields=["status", "done_text"])
        changed.append(item)
    return changed


@transaction.atomic
def unit_report_refresh_computed(
    *, report: UnitReport, actor, expected_version: int | None = None
) -> UnitReport:
    """Recompute the registry's figures (the facility registry may have changed)."""
    report = _locked(report)
    _require_editable(report)
    _check_version(report, expected_version)
    computed = registry_figures(agency=report.agency, year=report.reporting_year.year)
    for figure in Figure:
        UnitReportValue.objects.update_or_create(
            report=report, figure=figure.value, defaults={"computed_value": computed.get(figure)}
        )
    _save(report, actor)
    return report


# ---------------------------------------------------------------------------- transitions


@transaction.atomic
def unit_report_submit(
    *, report: UnitReport, actor, expected_version: int | None = None
) -> UnitReport:
    """Send the report to the DOIT. Sending a report already sent changes nothing."""
    report = _locked(report)
    if report.state in (UnitReport.State.SUBMITTED, UnitReport.State.ACCEPTED):
        return report
    _check_version(report, expected_version)
    # The figures are checked again as sent: a draft saved before a rule was added, or
    # written by a way in that skipped it, must not reach the DOIT.
    rules.reported_values_check(
        {value.figure: value.reported_value for value in report.values.all()}
    )
    from_state = report.state
    now = timezone.now()
    report.state = UnitReport.State.SUBMITTED
    report.submitted_at = now
    report.submitted_by = actor
    if report.first_submitted_at is None:
        report.first_submitted_at = now
    _save(report, actor, transition=True)
    _record(report, action=ReportTransition.Action.SUBMIT, from_state=from_state, actor=actor)
    notify.report_submitted(report=report, actor=actor)
    return report


@transaction.atomic
def unit_report_return(*, report: UnitReport, actor, reason: str) -> UnitReport:
    """Hand a submitted report back to the unit, with the reason, for correction."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Phải ghi lý do trả lại báo cáo.")})
    report = _locked(report)
    if report.state != UnitReport.State.SUBMITTED:
        raise ValidationError(_("Chỉ trả lại được báo cáo đã gửi và chưa được chấp nhận."))
    report.state = UnitReport.State.RETURNED
    report.returned_reason = reason
    _save(report, actor, transition=True)
    _record(
        report,
        action=ReportTransition.Action.RETURN,
        from_state=UnitReport.State.SUBMITTED,
        actor=actor,
        reason=reason,
    )
    notify.report_reviewed(report=report, action="return", actor=actor, reason=reason)
    return report


@transaction.atomic
def unit_report_accept(*, report: UnitReport, actor) -> UnitReport:
    """Accept a submitted report; it is then locked. Accepting twice changes nothing."""
    report = _locked(report)
    if report.state == UnitReport.State.ACCEPTED:
        return report
    if report.state != UnitReport.State.SUBMITTED:
        raise ValidationError(_("Chỉ chấp nhận được báo cáo đã gửi."))
    report.state = UnitReport.State.ACCEPTED
    report.accepted_at = timezone.now()
    report.accepted_by = actor
    _save(report, actor, transition=True)
    _record(
        report,
        action=ReportTransition.Action.ACCEPT,
        from_state=UnitReport.State.SUBMITTED,
        actor=actor,
    )
    notify.report_reviewed(report=report, action="accept", actor=actor)
    return report


@transaction.atomic
def unit_report_reopen(*, report: UnitReport, actor, reason: str) -> UnitReport:
    """The only way to change an accepted report: the DOIT reopens it, saying why."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Phải ghi lý do mở lại báo cáo.")})
    report = _locked(report)
    if report.state != UnitReport.State.ACCEPTED:
        raise ValidationError(_("Chỉ mở lại được báo cáo đã được chấp nhận."))
    report.state = UnitReport.State.DRAFT
    report.accepted_at = None
    report.accepted_by = None
    _save(report, actor, transition=True)
    _record(
        report,
        action=ReportTransition.Action.REOPEN,
        from_state=UnitReport.State.ACCEPTED,
        actor=actor,
        reason=reason,
    )
    notify.report_reviewed(report=report, action="reopen", actor=actor, reason=reason)
    return report
