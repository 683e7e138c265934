"""The lists of unit reports and consolidated reports: filtered, sorted, paged, exported."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from sxsh_portal.accounts.access import scope_for
from sxsh_portal.lists import xlsx_response

from .. import access, selectors
from ..filters import ConsolidatedFilter, ReportFilter


def report_filter(request) -> ReportFilter:
    scope = scope_for(request.user)
    return ReportFilter(
        request.GET or None, queryset=selectors.report_list(scope=scope), scope=scope
    )


@login_required
def report_list(request):
    scope = scope_for(request.user)
    filterset = report_filter(request)
    reports = filterset.qs
    # The Ministry reads every unit's report of every year (11,000 at national size): a page
    # at a time, sorted on the ids alone, then the lines shown read.
    page = Paginator(reports.values_list("pk", flat=True), selectors.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = selectors.report_rows(reports, list(page.object_list))
    context = {
        "reports": page,
        "filter": filterset,
        "plans": access.plans_for_reporting(scope) if scope.is_doit else [],
        "today": timezone.localdate(),
    }
    return render(request, "reporting/report_list.html", context)


@login_required
def report_list_export(request):
    reports = report_filter(request).qs
    rows = selectors.report_rows(reports, list(reports.values_list("pk", flat=True)))
    headers = [_("Năm"), _("Đơn vị báo cáo"), _("Tỉnh"), _("Trạng thái"), _("Hạn gửi")]
    headers += [_("Ngày gửi"), _("Số ngày trễ hạn")]
    lines = [
        [
            row.year,
            row.agency,
            row.province,
            row.state_label,
            row.due_date,
            timezone.localtime(row.first_submitted_at).date() if row.first_submitted_at else None,
            row.days_late,
        ]
        for row in rows
    ]
    return xlsx_response(headers, lines, title=_("Báo cáo"), filename="bao-cao-don-vi")


def consolidated_filter(request) -> ConsolidatedFilter:
    scope = scope_for(request.user)
    # Every province's report of every year for the Ministry (about a thousand): a page at a
    # time, without the data snapshot the list does not show.
    reports = access.consolidated_visible(scope).defer("snapshot")
    return ConsolidatedFilter(request.GET or None, queryset=reports, scope=scope)


@login_required
def consolidated_list(request):
    filterset = consolidated_filter(request)
    page = Paginator(filterset.qs, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "reporting/consolidated_list.html", {"reports": page, "filter": filterset}
    )


@login_required
def consolidated_list_export(request):
    headers = [_("Năm"), _("Tỉnh"), _("Kế hoạch"), _("Trạng thái"), _("Gửi lúc")]
    lines = [
        [
            report.reporting_year.year,
            report.reporting_year.plan.province_label,
            report.reporting_year.plan.title,
            report.get_state_display(),
            timezone.localtime(report.submitted_at).replace(tzinfo=None)
            if report.submitted_at
            else None,
        ]
        for report in consolidated_filter(request).qs
    ]
    return xlsx_response(headers, lines, title=_("Tổng hợp"), filename="bao-cao-tong-hop")
