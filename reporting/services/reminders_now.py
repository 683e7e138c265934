"""The DOIT's "remind every unit that has not submitted", one click, logged."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sxsh_portal.notifications.models import ReminderBatch
from sxsh_portal.notifications.services import reminder_batch_finish, reminder_batch_start

from ..models import ReportingYear, UnitReport
from . import notify


def reminder_key(reporting_year: ReportingYear) -> str:
    return f"reporting_year:{reporting_year.pk}"


@transaction.atomic
def reporting_year_remind_unsent(*, reporting_year: ReportingYear, actor) -> ReminderBatch:
    """One message to every unit whose report is not sent (draft or returned), once per
    cool-down period (a second click is refused with the time of the first)."""
    unsent = list(
        reporting_year.unit_reports.filter(
            state__in=[UnitReport.State.DRAFT, UnitReport.State.RETURNED]
        )
        .select_related("agency", "reporting_year")
        .order_by("agency__name", "pk")
    )
    if not unsent:
        raise ValidationError(_("Mọi đơn vị đã gửi báo cáo; không có ai để nhắc."))
    batch = reminder_batch_start(key=reminder_key(reporting_year), actor=actor)
    count = 0
    # Units with no active account in the portal cannot be told here (nor file a report):
    # the DOIT is given their names, to reach them another way.
    unreached = []
    for report in unsent:
        told = notify.report_reminded(report=report, actor=actor, batch=batch)
        count += told
        if not told:
            unreached.append(report.agency.name)
    batch = reminder_batch_finish(batch=batch, units_count=len(unsent), notifications_count=count)
    batch.unreached = unreached
    return batch
