"""Import from a spreadsheet: upload → dry run listing every error → confirm (all or none).

Between the dry run and the confirmation the file is staged (sxsh_portal.uploads).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sxsh_portal.accounts.access import scope_for
from sxsh_portal.submissions.tokens import once_per_token
from sxsh_portal.uploads import upload_forget, upload_pending, upload_read, upload_stage

from .. import access, selectors, services
from ..forms import ImportUploadForm
from ..imports.parse import ImportFileError, dataset_from_upload
from ..resources import template_workbook

SESSION_KEY = "facilities_import"
TEMP_DIR = services.IMPORT_TEMP_DIR


def _doit_scope(request):
    scope = scope_for(request.user)
    if not access.facilities_may_add(scope):
        raise PermissionDenied
    return scope


@login_required
def import_template(request):
    scope = _doit_scope(request)
    units = selectors.units_manageable(scope)
    today = units.filter(valid_to__isnull=True)
    if today.exists():
        units = today  # the import refuses units abolished in 2025 where today's are loaded
    content = template_workbook(
        units=units.order_by("parent__name", "code"),
        sectors=selectors.sectors(),
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-co-so-sxsh.xlsx"'
    return response


@login_required
def import_upload(request):
    _doit_scope(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            dataset = dataset_from_upload(content, upload.name)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            allow_verified = form.cleaned_data["allow_verified"]
            report = services.facilities_import_check(
                actor=request.user, dataset=dataset, allow_verified=allow_verified
            )
            token = ""
            if report.ok:
                token = upload_stage(
                    request.session,
                    key=SESSION_KEY,
                    directory=TEMP_DIR,
                    content=content,
                    extension=".xlsx" if upload.name.lower().endswith(".xlsx") else ".csv",
                    name=upload.name,
                    allow_verified=allow_verified,
                )
            else:
                upload_forget(request.session, key=SESSION_KEY)
            return render(
                request,
                "facilities/import_result.html",
                {"report": report, "file_name": upload.name, "token": token},
            )
    return render(request, "facilities/import_upload.html", {"form": form})


@login_required
@require_POST
@once_per_token
def import_confirm(request):
    _doit_scope(request)
    pending = upload_pending(request.session, key=SESSION_KEY, token=request.POST.get("token"))
    if pending is None:
        messages.error(request, _("Không tìm thấy tệp đã kiểm tra; hãy tải tệp lên lại."))
        return redirect("facilities:import_upload")
    content = upload_read(pending)
    try:
        dataset = dataset_from_upload(content, pending["name"])
    except ImportFileError as exc:
        upload_forget(request.session, key=SESSION_KEY)
        messages.error(request, str(exc))
        return redirect("facilities:import_upload")
    report = services.facilities_import(
        actor=request.user,
        dataset=dataset,
        allow_verified=bool(pending.get("allow_verified")),
    )
    upload_forget(request.session, key=SESSION_KEY)
    if not report.imported:
        # The data changed between the check and the confirmation: nothing was written.
        messages.error(request, _("Tệp có lỗi nên chưa nhập dòng nào. Hãy sửa và tải lên lại."))
        return render(
            request,
            "facilities/import_result.html",
            {"report": report, "file_name": pending["name"], "token": ""},
        )
    messages.success(
        request,
        _("Đã nhập %(total)s dòng: %(new)s cơ sở mới, %(updated)s cơ sở cập nhật.")
        % {"total": report.total, "new": report.new, "updated": report.updated},
    )
    return redirect("facilities:facility_list")
