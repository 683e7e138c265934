"""The PDFs of the reporting pages: the consolidated report and the unit report.

Each document is reached through the page it belongs to, with that page's own access rule
(reporting/documents.py), so a PDF never shows more than its page. The pipeline (fragment,
download) is sxsh_portal.documents'.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from sxsh_portal.accounts.access import scope_for
from sxsh_portal.documents.views import document_answer, document_requested, document_status
from sxsh_portal.signatures.selectors import signed_copy_of

from .. import services
from ..documents import consolidated_documents, report_documents


def _status(request, *, documents, request_url: str, status_url: str, panel_id: str):
    # Once a signed copy is verified, it is the report; the portal's file is not.
    extra = {"panel_id": panel_id, "signed": signed_copy_of(documents)}
    return document_status(
        request, documents=documents, request_url=request_url, status_url=status_url, extra=extra
    )


# ---------------------------------------------------------------------------- consolidated


def _consolidated_status(request, pk, documents):
    return _status(
        request,
        documents=documents,
        request_url=reverse("reporting:consolidated_pdf", args=[pk]),
        status_url=reverse("reporting:consolidated_pdf_status", args=[pk]),
        panel_id=f"consolidated-{pk}",
    )


@login_required
@require_POST
def consolidated_pdf(request, pk):
    scope = scope_for(request.user)
    reporting_year, documents = consolidated_documents(scope, pk)
    document = document_requested(
        lambda: services.consolidated_pdf_request(reporting_year=reporting_year, actor=request.user)
    )
    return document_answer(
        request,
        document,
        page_url=reverse("reporting:consolidated_detail", args=[pk]),
        status_response=lambda: _consolidated_status(request, pk, documents),
    )


@login_required
@require_GET
def consolidated_pdf_status(request, pk):
    _year, documents = consolidated_documents(scope_for(request.user), pk)
    return _consolidated_status(request, pk, documents)


# ---------------------------------------------------------------------------- unit report


def _report_status(request, pk, documents):
    return _status(
        request,
        documents=documents,
        request_url=reverse("reporting:report_pdf", args=[pk]),
        status_url=reverse("reporting:report_pdf_status", args=[pk]),
        panel_id=f"report-{pk}",
    )


@login_required
@require_POST
def report_pdf(request, pk):
    report, documents = report_documents(scope_for(request.user), pk)
    document = document_requested(
        lambda: services.unit_report_pdf_request(report=report, actor=request.user)
    )
    return document_answer(
        request,
        document,
        page_url=report.get_absolute_url(),
        status_response=lambda: _report_status(request, pk, documents),
    )


@login_required
@require_GET
def report_pdf_status(request, pk):
    _report_obj, documents = report_documents(scope_for(request.user), pk)
    return _report_status(request, pk, documents)
