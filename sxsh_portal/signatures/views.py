"""Signed copies: the panel on a report's page (htmx polls it while the check runs), the
upload, the download of the signed file, and the public check page.

Each signed copy is reached through the page of its report, with that page's own access
rule (registry.py: the app that owns the report registers it), so a signed file never shows
more than its page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sxsh_portal.accounts.access import scope_for
from sxsh_portal.documents.services import download_filename

from . import selectors, services
from .forms import SignedFileForm
from .models import SignedDocument
from .public import answer_for
from .registry import slug_of, target_for


def _too_large(request) -> bool:
    """Refuse by the declared length, before Django reads the body into a file."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    # The multipart envelope around the file is a few hundred bytes.
    return length > services.max_upload_bytes() + 64 * 1024


@login_required
@require_GET
def status(request, slug, pk):
    target = target_for(scope_for(request.user), slug, pk)
    if not target.enabled:
        return render(request, "signatures/_status.html", {"hidden": True})
    context = {
        "target": target,
        "slug": slug,
        "latest": selectors.latest_copy(kind=target.kind, object_id=target.object_id),
        "verified": selectors.verified_copy(kind=target.kind, object_id=target.object_id),
        "has_final": selectors.final_documents(
            kind=target.kind, object_id=target.object_id
        ).exists(),
        "form": SignedFileForm(),
        "max_mb": services.max_upload_bytes() // (1024 * 1024),
        "status_url": reverse("signatures:status", args=[slug, pk]),
    }
    return render(request, "signatures/_status.html", context)


@login_required
@require_POST
def upload(request, slug, pk):
    target = target_for(scope_for(request.user), slug, pk)
    if not target.can_upload:
        raise Http404
    if _too_large(request):
        messages.error(request, services.too_large_message())
        return redirect(target.page_url)
    form = SignedFileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("file", [])))
        return redirect(target.page_url)
    try:
        signed = services.signed_document_upload(
            kind=target.kind,
            object_id=target.object_id,
            upload=form.cleaned_data["file"],
            actor=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(target.page_url)
    signed.refresh_from_db()
    if signed.is_verified:
        messages.success(request, _verified_message(signed))
    elif signed.is_refused:
        messages.error(request, signed.failure_reason)
    else:
        messages.info(request, _("Đã nhận tệp; Cổng đang kiểm tra chữ ký số."))
    return redirect(target.page_url)


def _verified_message(signed: SignedDocument) -> str:
    return _("Chữ ký số hợp lệ: %(name)s (%(organisation)s).") % {
        "name": signed.signer_name,
        "organisation": signed.signer_organisation,
    }


@login_required
@require_GET
def download(request, pk):
    signed = get_object_or_404(
        SignedDocument.objects.select_related("document"),
        pk=pk,
        state=SignedDocument.State.VERIFIED,
    )
    slug = slug_of(signed.document.kind)
    if slug is None:
        raise Http404
    target_for(scope_for(request.user), slug, signed.document.object_id)
    name = download_filename(signed.document).removesuffix(".pdf") + "-da-ky-so.pdf"
    response = FileResponse(
        signed.file.open("rb"), as_attachment=True, filename=name, content_type="application/pdf"
    )
    response["X-Content-SHA256"] = signed.file_checksum
    return response


@require_http_methods(["GET", "POST"])
def verify(request):
    """Anyone: upload a PDF, learn whether the portal issued it and who signed it. Checked
    at once, not stored: a visitor's file is not the portal's to keep."""
    answer, problem, status_code = None, "", 200
    form = SignedFileForm()
    if request.method == "POST":
        if _too_large(request):
            problem, status_code = services.too_large_message(), 413
        else:
            form = SignedFileForm(request.POST, request.FILES)
            if not form.is_valid():
                status_code = 400
            elif form.cleaned_data["file"].size > services.max_upload_bytes():
                problem, status_code = services.too_large_message(), 413
            else:
                answer = answer_for(form.cleaned_data["file"].read())
    context = {
        "form": form,
        "answer": answer,
        "problem": problem,
        "max_mb": services.max_upload_bytes() // (1024 * 1024),
    }
    return render(request, "signatures/verify.html", context, status=status_code)
