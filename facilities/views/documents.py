"""The facility's yearly SXSH summary PDF: the "Tạo PDF" button of the facility page and its
progress fragment (the pipeline, its fragment and the download are sxsh_portal.documents')."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from sxsh_portal.accounts.access import scope_for
from sxsh_portal.documents.views import document_answer, document_requested, document_status
from sxsh_portal.forms import PortalFormMixin

from .. import services
from ..documents import facility_documents, facility_years


class FacilityYearForm(PortalFormMixin, forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Năm"), coerce=int)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year) for year in years]


def _facility_status(request, facility, documents, *, form=None, status=200):
    years = facility_years(facility)
    latest = documents.order_by("-requested_at", "-pk").first()
    selected = latest.year if latest is not None else (years[0] if years else None)
    return document_status(
        request,
        documents=documents,
        request_url=reverse("facilities:facility_pdf", args=[facility.pk]),
        status_url=reverse("facilities:facility_pdf_status", args=[facility.pk]),
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
    facility, documents = facility_documents(scope_for(request.user), pk)
    form = FacilityYearForm(request.POST, years=facility_years(facility))
    if not form.is_valid():
        if request.htmx:
            return _facility_status(request, facility, documents, form=form, status=400)
        messages.error(request, _("Hãy chọn một năm cơ sở đã có số liệu."))
        return redirect(facility)
    document = document_requested(
        lambda: services.facility_summary_pdf_request(
            facility=facility, year=form.cleaned_data["year"], actor=request.user
        )
    )
    return document_answer(
        request,
        document,
        page_url=facility.get_absolute_url(),
        status_response=lambda: _facility_status(request, facility, documents),
    )


@login_required
@require_GET
def facility_pdf_status(request, pk):
    facility, documents = facility_documents(scope_for(request.user), pk)
    return _facility_status(request, facility, documents)
