"""PDF documents: the "Tạo PDF" button, its progress fragment (htmx polls it), the download.

Each document is reached through the page it belongs to, with that page's own access rule
(consolidated_year_get, report_get, the facility registry's scope), so a PDF never shows
more than its page: a consolidated PDF made before the report was sent stays the DOIT's.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from facilities import access as facility_access
from facilities import selectors as facility_selectors
from facilities.models import Facility
from reporting.signatures.selectors import signed_copy_of
from sxsh_portal.accounts.access import Scope, get_scoped_or_404, scope_for
from sxsh_portal.forms import PortalFormMixin
from sxsh_portal.pdf import pdf_support_problem

from .. import access, selectors, services
from ..models import GeneratedDocument, ReportingYear, UnitReport
from ..services.documents import document_is_waiting_for_queue, download_filename

Kind = GeneratedDocument.Kind


class FacilityYearForm(PortalFormMixin, forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Năm"), coerce=int)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year) for year in years]


# ---------------------------------------------------------------------------- access


def _consolidated(scope: Scope, pk: int) -> tuple[ReportingYear, QuerySet[GeneratedDocument]]:
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


def _report(scope: Scope, pk: int) -> tuple[UnitReport, QuerySet[GeneratedDocument]]:
    report = selectors.report_get(scope=scope, pk=pk)
    return report, GeneratedDocument.objects.filter(kind=Kind.UNIT_REPORT, object_id=pk)


def _facility(scope: Scope, pk: int) -> tuple[Facility, QuerySet[GeneratedDocument]]:
    """The facility's representative, its DOIT and the Ministry; a district that sees the
    facility in its registry does not get the facility's own report (403)."""
    facility = get_scoped_or_404(facility_selectors.facilities_visible(scope), pk=pk)
    if not facility_access.facility_summary_may_read(scope, facility):
        raise PermissionDenied
    return facility, GeneratedDocument.objects.filter(kind=Kind.FACILITY_SUMMARY, object_id=pk)


def _facility_years(facility: Facility) -> list[int]:
    years = set(facility.year_statuses.values_list("year", flat=True))
    years |= set(facility.measures.values_list("year", flat=True))
    return sorted(years, reverse=True)


# ---------------------------------------------------------------------------- the fragment


def _status(request, *, documents, request_url: str, status_url: str, extra=None, status=200):
    latest = documents.order_by("-requested_at", "-pk").first()
    last_done = None
    if latest is not None and not latest.is_done:
        last_done = documents.filter(state=GeneratedDocument.State.DONE).order_by("-pk").first()
    context = {
        "document": latest,
        "last_done": last_done,
        "request_url": request_url,
        "status_url": status_url,
        "pdf_problem": pdf_support_problem(),
        # Once a signed copy is verified, it is the report; the portal's file is not.
        "signed": signed_copy_of(documents),
        **(extra or {}),
    }
    return render(request, "reporting/documents/_pdf_status.html", context, status=status)


def _answer(request, document, *, page_url: str, status_response):
    """htmx gets the fragment; a browser without JavaScript goes back to the page."""
    if request.htmx:
        return status_response()
    if document is None:
        messages.error(request, pdf_support_problem() or _("Không tạo được PDF."))
    elif document.is_done:
        messages.success(request, _("PDF đã sẵn sàng để tải về."))
    elif document.is_failed:
        messages.error(request, document.failure_reason)
    elif document_is_waiting_for_queue(document):
        messages.warning(
            request,
            _(
                "Hàng đợi tạo PDF tạm thời không hoạt động; yêu cầu đã được lưu và PDF sẽ được "
                "tạo tự động khi hệ thống hoạt động trở lại."
            ),
        )
    else:
        messages.info(request, _("Đang tạo PDF; tải lại trang sau ít phút để tải về."))
    return redirect(page_url)


def _requested(request_service):
    """Run the request service unless this machine cannot render PDFs at all."""
    if pdf_support_problem():
        return None
    return request_service()


# ---------------------------------------------------------------------------- consolidated


def _consolidated_status(request, pk, documents):
    return _status(
        request,
        documents=documents,
        request_url=reverse("reporting:consolidated_pdf", args=[pk]),
        status_url=reverse("reporting:consolidated_pdf_status", args=[pk]),
        extra={"panel_id": f"consolidated-{pk}"},
    )


@login_required
@require_POST
def consolidated_pdf(request, pk):
    scope = scope_for(request.user)
    reporting_year, documents = _consolidated(scope, pk)
    document = _requested(
        lambda: services.consolidated_pdf_request(reporting_year=reporting_year, actor=request.user)
    )
    return _answer(
        request,
        document,
        page_url=reverse("reporting:consolidated_detail", args=[pk]),
        status_response=lambda: _consolidated_status(request, pk, documents),
    )


@login_required
@require_GET
def consolidated_pdf_status(request, pk):
    _year, documents = _consolidated(scope_for(request.user), pk)
    return _consolidated_status(request, pk, documents)


# ---------------------------------------------------------------------------- unit report


def _report_status(request, pk, documents):
    return _status(
        request,
        documents=documents,
        request_url=reverse("reporting:report_pdf", args=[pk]),
        status_url=reverse("reporting:report_pdf_status", args=[pk]),
        extra={"panel_id": f"report-{pk}"},
    )


@login_required
@require_POST
def report_pdf(request, pk):
    report, documents = _report(scope_for(request.user), pk)
    document = _requested(
        lambda: services.unit_report_pdf_request(report=report, actor=request.user)
    )
    return _answer(
        request,
        document,
        page_url=report.get_absolute_url(),
        status_response=lambda: _report_status(request, pk, documents),
    )


@login_required
@require_GET
def report_pdf_status(request, pk):
    _report_obj, documents = _report(scope_for(request.user), pk)
    return _report_status(request, pk, documents)


# ---------------------------------------------------------------------------- facility


def _facility_status(request, facility, documents, *, form=None, status=200):
    years = _facility_years(facility)
    latest = documents.order_by("-requested_at", "-pk").first()
    selected = latest.year if latest is not None else (years[0] if years else None)
    return _status(
        request,
        documents=documents,
        request_url=reverse("reporting:facility_pdf", args=[facility.pk]),
        status_url=reverse("reporting:facility_pdf_status", args=[facility.pk]),
        extra={
            "panel_id": f"facility-{facility.pk}",
            "years": years,
            "selected_year": selected,
            "form_errors": form.errors.get("year") if form is not None else None,
            "needs_year": True,
        },
        status=status,
    )


@login_required
@require_POST
def facility_pdf(request, pk):
    facility, documents = _facility(scope_for(request.user), pk)
    form = FacilityYearForm(request.POST, years=_facility_years(facility))
    if not form.is_valid():
        if request.htmx:
            return _facility_status(request, facility, documents, form=form, status=400)
        messages.error(request, _("Hãy chọn một năm cơ sở đã có số liệu."))
        return redirect(facility)
    document = _requested(
        lambda: services.facility_summary_pdf_request(
            facility=facility, year=form.cleaned_data["year"], actor=request.user
        )
    )
    return _answer(
        request,
        document,
        page_url=facility.get_absolute_url(),
        status_response=lambda: _facility_status(request, facility, documents),
    )


@login_required
@require_GET
def facility_pdf_status(request, pk):
    facility, documents = _facility(scope_for(request.user), pk)
    return _facility_status(request, facility, documents)


# ---------------------------------------------------------------------------- download


@login_required
@require_GET
def document_download(request, pk):
    """A finished PDF, to whoever may open the page it belongs to (404 for anyone else)."""
    # Unscoped lookup, then the scope of the page the document belongs to decides.
    document = get_object_or_404(GeneratedDocument, pk=pk)
    scope = scope_for(request.user)
    owner_of = {Kind.CONSOLIDATED: _consolidated, Kind.UNIT_REPORT: _report}
    owner_of[Kind.FACILITY_SUMMARY] = _facility
    _owner, documents = owner_of[document.kind](scope, document.object_id)
    if not documents.filter(pk=document.pk, state=GeneratedDocument.State.DONE).exists():
        raise Http404
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=download_filename(document),
        content_type="application/pdf",
    )
    response["ETag"] = f'"{document.file_checksum}"'
    response["X-Content-SHA256"] = document.file_checksum
    return response
