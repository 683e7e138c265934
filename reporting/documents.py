"""The reporting kinds of document, registered with the pipeline (sxsh_portal.documents):
how a consolidated report or a unit report is rendered from its snapshot, named for the
download, and who may read it (the access rule of its page); and, for sxsh_portal.signatures,
who may sign which report and where its page is."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from sxsh_portal.accounts.access import Scope
from sxsh_portal.documents.models import GeneratedDocument
from sxsh_portal.documents.pdf import DocumentHeader
from sxsh_portal.documents.registry import DocumentKind, kind_register
from sxsh_portal.signatures import selectors as signature_selectors
from sxsh_portal.signatures.registry import SigningTarget, target_register

from . import access, selectors
from .consolidation import Consolidation
from .models import ReportingYear, UnitReport
from .pdf import (
    ReportDetails,
    UnitReportData,
    render_consolidated_report_pdf,
    render_unit_report_pdf,
)

Kind = GeneratedDocument.Kind


def _header(document: GeneratedDocument) -> DocumentHeader:
    return DocumentHeader.from_dict({**document.snapshot["header"], "date": document.document_date})


def consolidated_render(document: GeneratedDocument) -> bytes:
    snapshot = document.snapshot
    return render_consolidated_report_pdf(
        Consolidation.from_json(snapshot["consolidation"]),
        details=ReportDetails.from_dict(snapshot["details"]),
        header=_header(document),
        plan=snapshot["plan"],
    )


def unit_report_render(document: GeneratedDocument) -> bytes:
    snapshot = document.snapshot
    return render_unit_report_pdf(
        UnitReportData.from_dict(snapshot["report"]),
        details=ReportDetails.from_dict(snapshot["details"]),
        header=_header(document),
    )


def consolidated_documents(
    scope: Scope, pk: int
) -> tuple[ReportingYear, QuerySet[GeneratedDocument]]:
    """The reporting year (its consolidated page's rule) and the PDFs the scope may read."""
    reporting_year = selectors.consolidated_year_get(scope=scope, pk=pk)
    documents = GeneratedDocument.objects.filter(kind=Kind.CONSOLIDATED, object_id=pk)
    consolidated = selectors.consolidated_of(reporting_year)
    sent = consolidated is not None and consolidated.is_submitted
    if sent or not access.reporting_year_may_manage(scope, reporting_year):
        # The Ministry reads what was sent: documents made from the frozen figures, not the
        # drafts the DOIT printed before sending; once sent, the DOIT too is offered only
        # the sent document, never a "DỰ THẢO" one.
        documents = documents.filter(snapshot__header__is_draft=False)
    return reporting_year, documents


def report_documents(scope: Scope, pk: int) -> tuple[UnitReport, QuerySet[GeneratedDocument]]:
    """The unit report (its page's rule) and its PDFs."""
    report = selectors.report_get(scope=scope, pk=pk)
    return report, GeneratedDocument.objects.filter(kind=Kind.UNIT_REPORT, object_id=pk)


def consolidated_signing(scope: Scope, pk: int) -> SigningTarget:
    """A consolidated report is signed by its DOIT once it was sent."""
    year = selectors.consolidated_year_get(scope=scope, pk=pk)
    consolidated = selectors.consolidated_of(year)
    sent = consolidated is not None and consolidated.is_submitted
    return SigningTarget(
        kind=Kind.CONSOLIDATED,
        object_id=pk,
        page_url=reverse("reporting:consolidated_detail", args=[pk]),
        enabled=True,
        can_upload=sent and access.reporting_year_may_manage(scope, year),
    )


def report_signing(scope: Scope, pk: int) -> SigningTarget:
    """A unit report is signed by its unit, once received, where its plan asks for it."""
    report = selectors.report_get(scope=scope, pk=pk)
    enabled = signature_selectors.unit_reports_signed(report.reporting_year.plan_id)
    return SigningTarget(
        kind=Kind.UNIT_REPORT,
        object_id=pk,
        page_url=report.get_absolute_url(),
        enabled=enabled,
        can_upload=enabled and access.report_is_own(scope, report) and report.is_received,
    )


def register() -> None:
    target_register(slug="tong-hop", kind=Kind.CONSOLIDATED, resolve=consolidated_signing)
    target_register(slug="don-vi", kind=Kind.UNIT_REPORT, resolve=report_signing)
    kind_register(
        DocumentKind(
            kind=Kind.CONSOLIDATED,
            render=consolidated_render,
            documents_for=lambda scope, pk: consolidated_documents(scope, pk)[1],
            filename_prefix="bao-cao-tong-hop",
            filename_subject=lambda snapshot: snapshot.get("consolidation", {}).get("province", ""),
            # A draft consolidation is rebuilt on every request: the moment it was built
            # must not make the same figures a new document.
            checksum_ignores=(("consolidation", "built_at"),),
        )
    )
    kind_register(
        DocumentKind(
            kind=Kind.UNIT_REPORT,
            render=unit_report_render,
            documents_for=lambda scope, pk: report_documents(scope, pk)[1],
            filename_prefix="bao-cao",
        )
    )
