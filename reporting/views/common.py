"""Helpers shared by the reporting views: scope checks that answer 403 for a visible
object the user may not change, and the edit page rendering."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from sxsh_portal.accounts.access import scope_for

from .. import access, selectors
from ..forms import ActivityForm, AttachmentForm, ImportUploadForm, UnitReportForm
from ..models import UnitReport


def report_for_unit(request, pk: int, *, page: bool = True) -> UnitReport:
    """The report, for its own unit; 404 outside the scope, 403 for a reader (DOIT,
    Ministry) who sees it but does not write it. `page=False`: without what only its pages
    show (selectors.report_get_bare), for a write answered by a redirect or a fragment."""
    scope = scope_for(request.user)
    get = selectors.report_get if page else selectors.report_get_bare
    report = get(scope=scope, pk=pk)
    if not access.report_is_own(scope, report):
        raise PermissionDenied
    return report


def report_for_review(request, pk: int) -> UnitReport:
    """The report, for its DOIT's review (a transition: answered by a redirect)."""
    scope = scope_for(request.user)
    report = selectors.report_get_bare(scope=scope, pk=pk)
    if not access.report_may_review(scope, report):
        raise PermissionDenied
    return report


def render_edit(
    request,
    report: UnitReport,
    *,
    form: UnitReportForm | None = None,
    activity_form: ActivityForm | None = None,
    attachment_form: AttachmentForm | None = None,
    status: int = 200,
):
    context = {
        "report": report,
        "form": form or UnitReportForm(report=report),
        "activity_form": activity_form or ActivityForm(),
        "attachment_form": attachment_form or AttachmentForm(),
        "import_form": ImportUploadForm(),
    }
    return render(request, "reporting/report_edit.html", context, status=status)
