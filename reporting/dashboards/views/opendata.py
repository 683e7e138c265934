"""Open data downloads (public): national aggregates and published cases, CSV and JSON."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import opendata
from .dashboards import query_filters


def _download(table: opendata.Table, fmt: str) -> HttpResponse:
    if fmt == "csv":
        response = HttpResponse(opendata.as_csv(table), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            opendata.as_json(table), content_type="application/json; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{table.name}.{fmt}"'
    response["Link"] = f'<{opendata.licence_url()}>; rel="license"'
    return response


def open_data_index(request):
    context = {
        "years": opendata.years_sent(),
        "licence": opendata.licence(),
        "licence_url": opendata.licence_url(),
        "heading": _("Dữ liệu mở"),
    }
    return render(request, "dashboards/open_data.html", context)


def figures_download(request, fmt: str):
    return _download(opendata.figures_table(opendata.public_figures(**query_filters(request))), fmt)


def cases_download(request, fmt: str):
    return _download(opendata.cases_table(), fmt)
