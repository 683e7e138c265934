"""The parts every filtered list shares: a FilterSet scoped to the user, accent-insensitive
free text, sorting by a whitelist of columns (the pk last, so pages never repeat or skip a
line), Bootstrap classes on the filter widgets."""

from __future__ import annotations

from io import BytesIO

import django_filters
from django import forms
from django.db.models import F, QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sxsh_portal.accounts.access import Scope
from sxsh_portal.search import search

from .spreadsheets import append_row


def sort_choices(sorts: dict) -> list[tuple[str, str]]:
    return [(key, key) for key in sorts] + [(f"-{key}", f"-{key}") for key in sorts]


def ordered(queryset: QuerySet, sorts: dict, value: str, default: tuple) -> QuerySet:
    descending = value.startswith("-")
    columns = sorts.get(value.lstrip("-"))
    if not columns:
        return queryset.order_by(*default, "pk")
    if descending:
        return queryset.order_by(*(F(c).desc(nulls_last=True) for c in columns), "-pk")
    return queryset.order_by(*(F(c).asc(nulls_last=True) for c in columns), "pk")


class ListFilter(django_filters.FilterSet):
    """Subclasses set SEARCH_FIELDS, SORTS (URL name → columns) and DEFAULT_ORDER."""

    q = django_filters.CharFilter(
        label=_("Tìm"), method="filter_q", widget=forms.TextInput(attrs={"type": "search"})
    )

    def __init__(self, data=None, *args, scope: Scope, **kwargs):
        self.scope = scope
        self.today = timezone.localdate()
        super().__init__(data, *args, **kwargs)

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_styled", False):
            for field in form.fields.values():
                select = isinstance(field.widget, forms.Select)
                css = "form-select form-select-sm" if select else "form-control form-control-sm"
                field.widget.attrs.setdefault("class", css)
            form._styled = True
        return form

    def filter_q(self, queryset, name, value):
        return search(queryset, self.SEARCH_FIELDS, value)

    def filter_sort(self, queryset, name, value):
        return queryset  # applied last, in `qs`

    @property
    def qs(self):
        queryset = super().qs
        sort = (self.form.cleaned_data or {}).get("sort") if self.is_bound else ""
        return ordered(queryset, self.SORTS, sort or "", self.DEFAULT_ORDER)


def xlsx_response(headers: list, lines: list[list], *, title: str, filename: str) -> HttpResponse:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(str(title)[:31])
    sheet.append([str(header) for header in headers])
    for line in lines:
        append_row(sheet, line)
    output = BytesIO()
    book.save(output)
    response = HttpResponse(
        output.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.xlsx"'
    return response
