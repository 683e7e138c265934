"""The DOIT's consolidated report of a year, and the list the Ministry reads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sxsh_portal.accounts.access import scope_for

from .. import access, selectors, services
from ..consolidation import Timeliness, consolidation_get
from .confirmation import Confirmation, confirmation_page, is_confirmed


@login_required
def consolidated_detail(request, pk):
    scope = scope_for(request.user)
    reporting_year = selectors.consolidated_year_get(scope=scope, pk=pk)
    context = {
        "reporting_year": reporting_year,
        "consolidated": selectors.consolidated_of(reporting_year),
        "consolidation": consolidation_get(reporting_year=reporting_year),
        "can_manage": access.reporting_year_may_manage(scope, reporting_year),
    }
    return render(request, "reporting/consolidated_detail.html", context)


def _send_confirmation(reporting_year) -> Confirmation:
    consolidation = consolidation_get(reporting_year=reporting_year)
    missing = [
        (unit.agency, unit.timeliness_label)
        for unit in consolidation.units
        if unit.timeliness not in Timeliness.RECEIVED
    ]
    counts = consolidation.counts
    return Confirmation(
        title=_("Gửi báo cáo tổng hợp năm %(year)s đến Bộ Công Thương?")
        % {"year": consolidation.year},
        consequences=[
            _(
                "Số liệu tổng hợp được chốt tại thời điểm gửi; báo cáo của đơn vị đến sau "
                "không làm thay đổi báo cáo đã gửi."
            ),
            _(
                "Bộ Công Thương xem được báo cáo và bản PDF được tạo từ số liệu đã chốt; bản "
                "dự thảo không còn được cung cấp."
            ),
            _("Việc gửi là cuối cùng: không thể sửa hay gửi lại báo cáo tổng hợp của năm này."),
            _("Đã nhận %(received)s/%(expected)s báo cáo của các đơn vị.")
            % {"received": counts.received, "expected": counts.expected},
        ],
        action_url=reverse("reporting:consolidated_submit", args=[reporting_year.pk]),
        button=_("Xác nhận gửi Bộ Công Thương"),
        cancel_url=reverse("reporting:consolidated_detail", args=[reporting_year.pk]),
        missing=missing,
        missing_title=_("%(count)s đơn vị chưa có báo cáo được tính vào tổng hợp:")
        % {"count": len(missing)},
    )


@login_required
@require_POST
def consolidated_submit(request, pk):
    scope = scope_for(request.user)
    reporting_year = selectors.consolidated_year_get(scope=scope, pk=pk)
    if not access.reporting_year_may_manage(scope, reporting_year):
        raise PermissionDenied
    consolidated = selectors.consolidated_of(reporting_year)
    if consolidated is not None and consolidated.is_submitted:
        messages.info(request, _("Báo cáo tổng hợp đã được gửi Bộ Công Thương."))
        return redirect("reporting:consolidated_detail", pk=reporting_year.pk)
    if not is_confirmed(request):
        return confirmation_page(request, _send_confirmation(reporting_year))
    services.consolidated_report_submit(reporting_year=reporting_year, actor=request.user)
    messages.success(request, _("Đã gửi báo cáo tổng hợp đến Bộ Công Thương."))
    return redirect("reporting:consolidated_detail", pk=reporting_year.pk)
