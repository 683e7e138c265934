"""A report as .xlsx (template and export), and filling a report from its workbook:
upload → dry run listing every error → confirm (all or nothing).

Between the dry run and the confirmation the file is staged (sxsh_portal.uploads) with the
report version it was checked against: if the report changed meanwhile, the confirmation is
refused.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sxsh_portal.accounts.access import scope_for
from sxsh_portal.submissions.tokens import once_per_token
from sxsh_portal.uploads import upload_forget, upload_pending, upload_read, upload_stage

from .. import selectors, services
from ..consolidation import consolidation_get
from ..forms import ImportUploadForm
from ..workbooks import (
    XLSX_CONTENT_TYPE,
    ImportFileError,
    consolidation_workbook,
    export_filename,
    report_import_parse,
    report_workbook,
)
from .common import report_for_unit

SESSION_KEY = "reporting_import"
TEMP_DIR = "tmp/reporting-imports"


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def report_export(request, pk):
    """Any report the user may read, as the workbook a unit also fills in as its template."""
    report = selectors.report_get(scope=scope_for(request.user), pk=pk)
    return _xlsx(report_workbook(report), export_filename(report))


@login_required
def consolidated_export(request, pk):
    reporting_year = selectors.consolidated_year_get(scope=scope_for(request.user), pk=pk)
    consolidation = consolidation_get(reporting_year=reporting_year)
    return _xlsx(
        consolidation_workbook(consolidation),
        f"bao-cao-tong-hop-sxsh-{reporting_year.year}-{reporting_year.pk}.xlsx",
    )


@login_required
def report_import(request, pk):
    report = report_for_unit(request, pk)
    if not report.is_editable:
        messages.info(request, _("Báo cáo không còn ở trạng thái soạn thảo."))
        return redirect(report)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"].read()
        try:
            parsed = report_import_parse(content, report=report)
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            token = ""
            if parsed.ok:
                token = upload_stage(
                    request.session,
                    key=SESSION_KEY,
                    directory=TEMP_DIR,
                    content=content,
                    extension=".xlsx",
                    report=report.pk,
                    version=report.version,
                )
            else:
                upload_forget(request.session, key=SESSION_KEY)
            context = {"report": report, "parsed": parsed, "token": token}
            return render(request, "reporting/import_result.html", context)
    return render(request, "reporting/import_upload.html", {"report": report, "form": form})


@login_required
@require_POST
@once_per_token
def report_import_confirm(request, pk):
    report = report_for_unit(request, pk)
    pending = upload_pending(request.session, key=SESSION_KEY, token=request.POST.get("token"))
    if pending is None or pending.get("report") != report.pk:
        messages.error(request, _("Phiên nhập đã hết hạn; hãy tải tệp lên lại."))
        return redirect("reporting:report_import", pk=report.pk)
    content = upload_read(pending)
    upload_forget(request.session, key=SESSION_KEY)
    try:
        parsed = report_import_parse(content, report=report)
        services.unit_report_import(
            report=report,
            actor=request.user,
            expected_version=pending["version"],
            parsed=parsed,
        )
    except services.StaleReportError as error:
        messages.error(request, str(error.message))
        return redirect("reporting:report_edit", pk=report.pk)
    except (ImportFileError, ValidationError, ValueError):
        messages.error(request, _("Không nhập được tệp; hãy kiểm tra lại và tải lên lần nữa."))
        return redirect("reporting:report_import", pk=report.pk)
    messages.success(
        request,
        _("Đã nhập số liệu và %(count)s hoạt động từ tệp.") % {"count": len(parsed.activities)},
    )
    return redirect("reporting:report_edit", pk=report.pk)
