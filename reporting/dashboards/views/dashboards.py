"""The dashboards: national (Ministry), province (DOIT; the Ministry for any province), unit
(the unit itself, its DOIT, the Ministry) and public; each as a page, .xlsx and PDF.

Who gets what: the national page is the Ministry's — other signed-in users get 403 (it is a
page, not an object, so there is nothing to hide by answering 404). A province or a unit
outside the user's scope answers 404, as every object of the portal does.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from reporting import access
from reporting.workbooks import XLSX_CONTENT_TYPE
from sxsh_portal.accounts.access import scope_for
from sxsh_portal.documents.pdf import pdf_support_problem, render_pdf
from sxsh_portal.territory.models import AdministrativeUnit, Agency
from sxsh_portal.territory.selectors import province_lineage

from .. import selectors
from ..exports import (
    national_sheets,
    province_sheets,
    public_sheets,
    unit_sheets,
    workbook,
)
from ..tiles import tiles_for, viewbox

PDF_TEMPLATE = "dashboards/pdf.html"


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def query_filters(request) -> dict:
    """The year and indicator a dashboard (or the open data of its figures) is asked for."""
    return {
        "year": _int(request.GET.get("year")),
        "code": request.GET.get("indicator") or None,
    }


def _xlsx(sheets, filename: str) -> HttpResponse:
    response = HttpResponse(workbook(sheets), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _pdf(request, *, title: str, subtitle: str, sheets, filename: str, back: str):
    problem = pdf_support_problem()
    if problem:
        messages.warning(request, _("Chưa xuất được PDF trên máy chủ này: %s") % problem)
        return redirect(back)
    context = {
        "document_title": title,
        "document_subtitle": subtitle,
        "sheets": sheets,
        "generated_at": timezone.localtime(),
    }
    response = HttpResponse(render_pdf(PDF_TEMPLATE, context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _query(request) -> str:
    return request.GET.urlencode()


# ---------------------------------------------------------------------------- entry point


@login_required
def dashboard_home(request):
    """The nav's one link: each role to its own dashboard."""
    scope = scope_for(request.user)
    if scope.is_ministry:
        return redirect("dashboards:national")
    if scope.is_doit:
        province = (
            AdministrativeUnit.objects.filter(pk__in=scope.province_ids)
            .order_by("valid_to", "-valid_from")
            .first()
        )
        current = (
            AdministrativeUnit.objects.filter(pk__in=scope.province_ids, valid_to__isnull=True)
            .order_by("code")
            .first()
        )
        return redirect("dashboards:province", pk=(current or province).pk)
    if scope.is_unit:
        return redirect("dashboards:unit", pk=min(scope.unit_agency_ids))
    return redirect("dashboards:public")


# ---------------------------------------------------------------------------- national


def _national(request):
    scope = scope_for(request.user)
    if not access.national_dashboard_may_see(scope):
        raise PermissionDenied
    return selectors.national_dashboard(
        scope=scope,
        roll_up=request.GET.get("roll_up") == "1",
        trend_province_id=_int(request.GET.get("trend_province")),
        **query_filters(request),
    )


@login_required
def dashboard_national(request):
    dashboard = _national(request)
    tiles = tiles_for(
        dashboard.map_rows,
        value_text=_value_text,
        href_for=lambda row: row.href,
    )
    context = {
        "d": dashboard,
        "tiles": tiles,
        "viewbox": viewbox(),
        "query": _query(request),
        "table_json": [row.as_json() for row in dashboard.table.rows],
        "map_json": [row.as_json() for row in dashboard.map_rows],
        "trend_json": [row.as_json() for row in dashboard.trend],
        "province_trend_json": [row.as_json() for row in dashboard.province_trend],
        "health_json": [row.as_json() for row in dashboard.health_years],
        "savings_json": [row.as_json() for row in dashboard.savings.rows],
    }
    return render(request, "dashboards/national.html", context)


@login_required
def dashboard_national_xlsx(request):
    dashboard = _national(request)
    return _xlsx(
        national_sheets(dashboard), f"bang-dieu-khien-quoc-gia-{dashboard.choices.year}.xlsx"
    )


@login_required
def dashboard_national_pdf(request):
    dashboard = _national(request)
    return _pdf(
        request,
        title=_("Bảng điều khiển quốc gia về sản xuất sạch hơn"),
        subtitle=_("Năm %(year)s — %(indicator)s")
        % {"year": dashboard.choices.year, "indicator": dashboard.choices.indicator.name},
        sheets=national_sheets(dashboard),
        filename=f"bang-dieu-khien-quoc-gia-{dashboard.choices.year}.pdf",
        back="dashboards:national",
    )


def _value_text(row) -> str:
    from django.utils.formats import number_format

    if row.actual is None:
        return "—"
    text = number_format(row.actual.normalize(), decimal_pos=None)
    return f"{text}%" if row.is_percent else text


def _province_href(province_id: int) -> str:
    from django.urls import reverse

    return reverse("dashboards:province", args=[province_id])


# ---------------------------------------------------------------------------- province


def _province(request, pk):
    scope = scope_for(request.user)
    if not access.province_dashboard_may_see(scope, pk):
        raise Http404
    province = get_object_or_404(AdministrativeUnit, pk=pk, level=AdministrativeUnit.Level.PROVINCE)
    lineage = access.province_lineage_visible(
        scope, list(province_lineage(province).values_list("pk", flat=True))
    )
    return selectors.province_dashboard(
        scope=scope, province=province, lineage_ids=lineage, **query_filters(request)
    )


@login_required
def dashboard_province(request, pk):
    dashboard = _province(request, pk)
    context = {
        "d": dashboard,
        "national_visible": access.national_dashboard_may_see(scope_for(request.user)),
        "query": _query(request),
        "unit_json": [row.as_json() for row in dashboard.unit_rows],
        "trend_json": [row.as_json() for row in dashboard.trend],
        "health_json": [row.as_json() for row in dashboard.health_years],
        "savings_json": [row.as_json() for row in dashboard.savings.rows],
        "facility_json": [row.as_json() for row in dashboard.facilities],
    }
    return render(request, "dashboards/province.html", context)


@login_required
def dashboard_province_xlsx(request, pk):
    dashboard = _province(request, pk)
    return _xlsx(
        province_sheets(dashboard), f"bang-dieu-khien-tinh-{pk}-{dashboard.choices.year}.xlsx"
    )


@login_required
def dashboard_province_pdf(request, pk):
    dashboard = _province(request, pk)
    return _pdf(
        request,
        title=_("Bảng điều khiển sản xuất sạch hơn — %s") % dashboard.province.name,
        subtitle=_("Năm %(year)s — %(indicator)s")
        % {"year": dashboard.choices.year, "indicator": dashboard.choices.indicator.name},
        sheets=province_sheets(dashboard),
        filename=f"bang-dieu-khien-tinh-{pk}-{dashboard.choices.year}.pdf",
        back=_province_href(pk),
    )


# ---------------------------------------------------------------------------- unit


def _unit(request, pk):
    scope = scope_for(request.user)
    agency = get_object_or_404(Agency.objects.select_related("province", "territory"), pk=pk)
    if not access.unit_dashboard_may_see(scope, agency):
        raise Http404
    return selectors.unit_dashboard(agency=agency, code=request.GET.get("indicator") or None)


@login_required
def dashboard_unit(request, pk):
    dashboard = _unit(request, pk)
    context = {
        "d": dashboard,
        "query": _query(request),
        "unit_json": [row.as_json() for row in dashboard.rows],
        "savings_json": [row.as_json() for row in dashboard.savings.rows],
        "facility_json": [row.as_json() for row in dashboard.facilities],
    }
    return render(request, "dashboards/unit.html", context)


@login_required
def dashboard_unit_xlsx(request, pk):
    return _xlsx(unit_sheets(_unit(request, pk)), f"bang-dieu-khien-don-vi-{pk}.xlsx")


@login_required
def dashboard_unit_pdf(request, pk):
    dashboard = _unit(request, pk)
    from django.urls import reverse

    return _pdf(
        request,
        title=_("Bảng điều khiển sản xuất sạch hơn — %s") % dashboard.agency.name,
        subtitle=dashboard.choices.indicator.name,
        sheets=unit_sheets(dashboard),
        filename=f"bang-dieu-khien-don-vi-{pk}.pdf",
        back=reverse("dashboards:unit", args=[pk]),
    )


# ---------------------------------------------------------------------------- public


def _public(request):
    return selectors.public_dashboard(**query_filters(request))


def dashboard_public(request):
    dashboard = _public(request)
    context = {
        "d": dashboard,
        "query": _query(request),
        "figures_json": [row.as_json() for row in dashboard.figures],
        "trend_json": [row.as_json() for row in dashboard.trend],
        "savings_json": [row.as_json() for row in dashboard.savings.rows],
    }
    return render(request, "dashboards/public.html", context)


def dashboard_public_xlsx(request):
    dashboard = _public(request)
    return _xlsx(public_sheets(dashboard), f"so-lieu-sxsh-{dashboard.choices.year}.xlsx")


def dashboard_public_pdf(request):
    dashboard = _public(request)
    return _pdf(
        request,
        title=_("Số liệu sản xuất sạch hơn trong công nghiệp"),
        subtitle=_("Năm %(year)s") % {"year": dashboard.choices.year},
        sheets=public_sheets(dashboard),
        filename=f"so-lieu-sxsh-{dashboard.choices.year}.pdf",
        back="dashboards:public",
    )
