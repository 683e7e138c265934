"""Filters and sorting of the DOIT's list of measures awaiting publication (django-filter)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from sxsh_portal.lists import ListFilter, sort_choices
from sxsh_portal.territory.models import AdministrativeUnit

from .models import Measure

MEASURE_SORTS = {
    "co-so": ("facility__name",),
    "giai-phap": ("title",),
    "nam": ("year",),
    "tiet-kiem": ("yearly_saving_vnd",),
}


class MeasureFilter(ListFilter):
    SEARCH_FIELDS = ["title", "facility__name"]
    SORTS = MEASURE_SORTS
    DEFAULT_ORDER = ("facility__name", "title")

    year = django_filters.TypedChoiceFilter(label=_("Năm"), field_name="year", coerce=int)
    category = django_filters.ChoiceFilter(
        label=_("Nhóm giải pháp"), choices=Measure.Category.choices
    )
    admin_unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị hành chính"),
        field_name="facility__admin_unit",
        queryset=AdministrativeUnit.objects.none(),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sắp xếp"), choices=sort_choices(MEASURE_SORTS), method="filter_sort"
    )

    class Meta:
        model = Measure
        fields = ["q", "year", "category", "admin_unit"]

    def __init__(self, data=None, *args, scope, **kwargs):
        super().__init__(data, *args, scope=scope, **kwargs)
        visible = self.queryset.order_by()
        years = sorted(set(visible.values_list("year", flat=True)), reverse=True)
        self.filters["year"].extra["choices"] = [(y, y) for y in years]
        self.filters["admin_unit"].queryset = AdministrativeUnit.objects.filter(
            pk__in=visible.values("facility__admin_unit_id")
        ).order_by("name")
