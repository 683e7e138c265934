"""PDF documents: the progress fragment of the "Tạo PDF" button (htmx polls it), the answer
to a click, and the download.

Each document is reached through the page it belongs to, with that page's own access rule
(registered with its kind, registry.py), so a PDF never shows more than its page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sxsh_portal.accounts.access import scope_for

from .models import GeneratedDocument
from .pdf import pdf_support_problem
from .registry import kind_get
from .services import document_is_waiting_for_queue, download_filename


def document_status(
    request, *, documents, request_url: str, status_url: str, extra=None, status=200
):
    """The fragment: the latest of these documents, its state and the button."""
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
        **(extra or {}),
    }
    return render(request, "documents/_pdf_status.html", context, status=status)


def document_answer(request, document, *, page_url: str, status_response):
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


def document_requested(request_service):
    """Run the request service unless this machine cannot render PDFs at all."""
    if pdf_support_problem():
        return None
    return request_service()


@login_required
@require_GET
def document_download(request, pk):
    """A finished PDF, to whoever may open the page it belongs to (404 for anyone else)."""
    # Unscoped lookup, then the scope of the page the document belongs to decides.
    document = get_object_or_404(GeneratedDocument, pk=pk)
    documents = kind_get(document.kind).documents_for(scope_for(request.user), document.object_id)
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
