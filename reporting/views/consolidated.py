"""The DOIT's consolidated report of a year, and the list the Ministry reads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sxsh_portal.accounts.access import scope_for

from .. import selectors, services
from ..consolidation import consolidation_get


@login_required
def consolidated_detail(request, pk):
    scope = scope_for(request.user)
    reporting_year = selectors.consolidated_year_get(scope=scope, pk=pk)
    context = {
        "reporting_year": reporting_year,
        "consolidated": selectors.consolidated_of(reporting_year),
        "consolidation": consolidation_get(reporting_year=reporting_year),
        "can_manage": selectors.year_can_manage(scope=scope, year=reporting_year),
    }
    return render(request, "reporting/consolidated_detail.html", context)


@login_required
@require_POST
def consolidated_submit(request, pk):
    scope = scope_for(request.user)
    reporting_year = selectors.consolidated_year_get(scope=scope, pk=pk)
    if not selectors.year_can_manage(scope=scope, year=reporting_year):
        raise PermissionDenied
    services.consolidated_report_submit(reporting_year=reporting_year, actor=request.user)
    messages.success(request, _("Đã gửi báo cáo tổng hợp đến Bộ Công Thương."))
    return redirect("reporting:consolidated_detail", pk=reporting_year.pk)
