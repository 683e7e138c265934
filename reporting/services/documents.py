"""The reporting PDFs requested: a reporting year's consolidated report (one, a year's
batch, the drafts after the deadline) and a unit report. The pipeline (idempotent request,
render task) is sxsh_portal.documents'; the snapshots are document_snapshots.py.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from sxsh_portal.documents.models import GeneratedDocument
from sxsh_portal.documents.services import generated_document_enqueue, generated_document_request

from ..models import ReportingYear, UnitReport
from .cycle import due_date_for
from .document_snapshots import consolidated_snapshot, unit_report_snapshot

logger = logging.getLogger(__name__)


def consolidated_pdf_request(
    *, reporting_year: ReportingYear, actor=None, today: datetime.date | None = None
) -> GeneratedDocument:
    document, _queued = _consolidated_pdf_request(
        reporting_year=reporting_year, actor=actor, today=today
    )
    document.refresh_from_db()
    return document


def _consolidated_pdf_request(
    *, reporting_year: ReportingYear, actor, today: datetime.date | None
) -> tuple[GeneratedDocument, bool]:
    return generated_document_enqueue(
        kind=GeneratedDocument.Kind.CONSOLIDATED,
        object_id=reporting_year.pk,
        year=reporting_year.year,
        snapshot=consolidated_snapshot(reporting_year=reporting_year),
        actor=actor,
        today=today,
    )


def unit_report_pdf_request(
    *, report: UnitReport, actor=None, today: datetime.date | None = None
) -> GeneratedDocument:
    return generated_document_request(
        kind=GeneratedDocument.Kind.UNIT_REPORT,
        object_id=report.pk,
        year=report.reporting_year.year,
        snapshot=unit_report_snapshot(report=report),
        actor=actor,
        today=today,
    )


@dataclass(frozen=True)
class DocumentBatch:
    """What a batch request found or made: one document per reporting year, and those whose
    task it sent (new ones, failed ones asked again, stale ones); the rest were already done
    or on their way."""

    documents: list[GeneratedDocument]
    queued: list[GeneratedDocument]


def _consolidated_pdfs_request(
    reporting_years, *, actor, today: datetime.date | None, why: str
) -> DocumentBatch:
    """The consolidated PDF of each reporting year, one document and one task each.

    One transaction per document, not one around the batch: each task goes to the queue as
    soon as its row is committed, so the workers render the first documents while the next
    snapshots are taken, and a batch interrupted half-way keeps what it queued (asking again
    finds those rows through their snapshot and queues only the rest)."""
    documents, queued = [], []
    for reporting_year in reporting_years:
        document, sent = _consolidated_pdf_request(
            reporting_year=reporting_year, actor=actor, today=today
        )
        documents.append(document)
        if sent:
            queued.append(document)
    logger.info(
        "Consolidated PDFs (%s): %d documents, %d queued now",
        why,
        len(documents),
        len(queued),
    )
    return DocumentBatch(documents=documents, queued=queued)


def consolidated_pdf_batch_request(
    *, year: int, actor=None, today: datetime.date | None = None
) -> DocumentBatch:
    """The consolidated PDF of every province's reporting year of `year` (one per province
    whose plan opened that year: the 34 provinces from 2025), queued as one render task per
    document. Idempotent through the snapshot: asked again with the same figures, it finds
    the same rows and queues nothing new."""
    years = (
        ReportingYear.objects.filter(year=year, plan__province__isnull=False)
        .select_related("plan", "plan__province", "plan__reporting_rule")
        .order_by("plan__province__code", "pk")
    )
    return _consolidated_pdfs_request(years, actor=actor, today=today, why=f"year {year}")


def consolidated_drafts_request(*, today: datetime.date) -> list[GeneratedDocument]:
    """The day after a plan's deadline (16/12 for 15/12), the consolidated PDF of every
    province's year, so that the DOIT finds it ready. Idempotent through the snapshot."""
    yesterday = today - datetime.timedelta(days=1)
    years = ReportingYear.objects.filter(
        year=yesterday.year, plan__reporting_rule__isnull=False
    ).select_related("plan", "plan__province", "plan__reporting_rule")
    due = []
    for reporting_year in years.order_by("pk"):
        rule = reporting_year.plan.reporting_rule
        deadline = due_date_for(
            year=reporting_year.year, day=rule.deadline_day, month=rule.deadline_month
        )
        if deadline == yesterday:
            due.append(reporting_year)
    batch = _consolidated_pdfs_request(
        due, actor=None, today=today, why=f"drafts after {yesterday:%d/%m/%Y}"
    )
    return batch.documents
