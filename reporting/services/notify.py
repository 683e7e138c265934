"""What the reporting cycle tells whom: one call per transition, inside its transaction."""

from __future__ import annotations

from django.utils.formats import date_format

from sxsh_portal.notifications import recipients
from sxsh_portal.notifications.messages import Kind
from sxsh_portal.notifications.services import notification_send

from ..models import ConsolidatedReport, UnitReport

_TO_UNIT = {
    "return": Kind.REPORT_RETURNED,
    "accept": Kind.REPORT_ACCEPTED,
    "reopen": Kind.REPORT_REOPENED,
}


def _report_params(report: UnitReport, reason: str = "") -> dict:
    return {"agency": report.agency.name, "year": report.reporting_year.year, "reason": reason}


def report_submitted(*, report: UnitReport, actor) -> None:
    province_id = report.reporting_year.plan.province_id
    if province_id is None:
        return
    notification_send(
        recipients=recipients.province_users(province_id=province_id),
        kind=Kind.REPORT_SUBMITTED,
        params=_report_params(report),
        url=report.get_absolute_url(),
        actor=actor,
    )


def report_reviewed(*, report: UnitReport, action: str, actor, reason: str = "") -> None:
    """The DOIT returned, accepted or reopened the report: the unit's users are told."""
    notification_send(
        recipients=recipients.unit_users(agency_ids=[report.agency_id]),
        kind=_TO_UNIT[action],
        params=_report_params(report, reason),
        url=report.get_absolute_url(),
        actor=actor,
    )


def report_reminded(*, report: UnitReport, actor, batch) -> int:
    sent = notification_send(
        recipients=recipients.unit_users(agency_ids=[report.agency_id]),
        kind=Kind.REPORT_REMINDER,
        params={**_report_params(report), "due": date_format(report.due_date, "d/m/Y")},
        url=report.get_absolute_url(),
        actor=actor,
        batch=batch,
    )
    return len(sent)


def consolidated_sent(*, consolidated: ConsolidatedReport, actor) -> None:
    reporting_year = consolidated.reporting_year
    notification_send(
        recipients=recipients.ministry_users(),
        kind=Kind.CONSOLIDATED_SENT,
        params={"province": reporting_year.plan.province_label, "year": reporting_year.year},
        url=consolidated.get_absolute_url(),
        actor=actor,
    )
