"""The DOIT's consolidated report: computed live while a draft, frozen when sent."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from sxsh_portal.audit import record_actor

from ..consolidation import consolidation_build, sent_indicators_of
from ..models import ConsolidatedReport, ReportingYear, SentIndicator
from . import notify
from .document_snapshots import consolidated_details


@transaction.atomic
def consolidated_report_submit(*, reporting_year: ReportingYear, actor) -> ConsolidatedReport:
    """Freeze the year's consolidation and send it to the Ministry. Sending twice is a no-op."""
    ConsolidatedReport.objects.get_or_create(reporting_year=reporting_year)
    consolidated = ConsolidatedReport.objects.select_for_update().get(reporting_year=reporting_year)
    if consolidated.is_submitted:
        return consolidated
    # Sending closes the year: a shortfall in the target year is then missed, not at risk.
    built = consolidation_build(reporting_year=reporting_year, closing=True)
    consolidated.snapshot = {
        **built.to_json(),
        "details": consolidated_details(reporting_year=reporting_year, consolidation=built),
    }
    consolidated.state = ConsolidatedReport.State.SUBMITTED
    consolidated.submitted_at = timezone.now()
    consolidated.submitted_by = actor
    record_actor(consolidated, actor)
    consolidated.full_clean()
    consolidated.save()
    SentIndicator.objects.bulk_create(sent_indicators_of(consolidated))
    notify.consolidated_sent(consolidated=consolidated, actor=actor)
    return consolidated
