"""Activities and attachments of a report (the unit adds and removes them in its draft)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sxsh_portal.accounts.access import scope_for
from sxsh_portal.submissions.tokens import once_per_token

from .. import access, selectors, services
from ..forms import ActivityForm, AttachmentForm
from ..models import Activity, Attachment
from .common import render_edit, report_for_unit


@login_required
@require_POST
@once_per_token
def activity_add(request, pk):
    report = report_for_unit(request, pk)
    form = ActivityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chưa thêm hoạt động: hãy sửa các ô được đánh dấu."))
        return render_edit(request, report, activity_form=form, status=400)
    try:
        services.activity_create(report=report, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for name, problems in error.message_dict.items():
                form.add_error(name if name in form.fields else None, problems)
            messages.error(request, _("Chưa thêm hoạt động: hãy sửa các ô được đánh dấu."))
            return render_edit(request, report, activity_form=form, status=400)
        messages.error(request, " ".join(error.messages))
        return redirect(report)
    messages.success(request, _("Đã thêm hoạt động."))
    return redirect("reporting:report_edit", pk=report.pk)


def _own_child(request, model, pk):
    scope = scope_for(request.user)
    child = get_object_or_404(model.objects.select_related("report"), pk=pk)
    # Scoped through the report: 404 outside the scope, 403 for a reader.
    report = selectors.report_get(scope=scope, pk=child.report_id)
    if not access.report_is_own(scope, report):
        raise PermissionDenied
    return child


@login_required
@require_POST
def activity_delete(request, pk):
    activity = _own_child(request, Activity, pk)
    try:
        services.activity_delete(activity=activity, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(activity.report)
    messages.success(request, _("Đã xóa hoạt động."))
    return redirect("reporting:report_edit", pk=activity.report_id)


@login_required
@require_POST
@once_per_token
def attachment_add(request, pk):
    report = report_for_unit(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Chưa đính kèm: hãy sửa các ô được đánh dấu."))
        return render_edit(request, report, attachment_form=form, status=400)
    try:
        services.attachment_add(report=report, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(report)
    messages.success(request, _("Đã đính kèm tài liệu."))
    return redirect("reporting:report_edit", pk=report.pk)


@login_required
@require_POST
def attachment_delete(request, pk):
    attachment = _own_child(request, Attachment, pk)
    try:
        services.attachment_delete(attachment=attachment, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(attachment.report)
    messages.success(request, _("Đã xóa tài liệu đính kèm."))
    return redirect("reporting:report_edit", pk=attachment.report_id)


@login_required
def attachment_download(request, pk):
    """Attachments are not public media: every download passes the report's scope."""
    attachment = get_object_or_404(Attachment, pk=pk)
    selectors.report_get(scope=scope_for(request.user), pk=attachment.report_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=attachment.file.name.split("/")[-1])
