"""Filters and sorting of the lists of unit reports and consolidated reports (django-filter).

The same FilterSet answers the list, its export and the counts of the home page, so a count
on the home page is the number of lines of the list it links to.
"""

from __future__ import annotations

import datetime

import django_filters
from django.db.models import DurationField, ExpressionWrapper, F, Q, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext_lazy as _

from sxsh_portal.accounts.access import Scope
from sxsh_portal.forms import QuickSelect
from sxsh_portal.lists import ListFilter, sort_choices
from sxsh_portal.territory.models import AdministrativeUnit, Agency

from .models import ConsolidatedReport, UnitReport

# States of the list's filter: the stored states, and two the home page counts by.
NOT_STARTED = "not_started"
NOT_SENT = "not_sent"
REPORT_STATES = [
    (NOT_SENT, _("Chưa gửi (đang soạn hoặc bị trả lại)")),
    (NOT_STARTED, _("Chưa bắt đầu")),
    *UnitReport.State.choices,
]
YES_NO = [("yes", _("Có")), ("no", _("Không"))]

# Sortable columns: the name in the URL, the ORDER BY it means. The pk ends every order so
# that pages never repeat or skip a line.
REPORT_SORTS = {
    "nam": ("reporting_year__year",),
    "don-vi": ("agency__name",),
    "tinh": ("reporting_year__plan__province__name",),
    "trang-thai": ("state",),
    "han": ("due_date",),
    "ngay-gui": ("first_submitted_at",),
    "tre-han": ("lateness",),
}
REPORT_DEFAULT_ORDER = (
    "-reporting_year__year",
    "reporting_year__plan__province__name",
    "agency__name",
)
CONSOLIDATED_SORTS = {
    "nam": ("reporting_year__year",),
    "tinh": ("reporting_year__plan__province__name",),
    "ke-hoach": ("reporting_year__plan__title",),
    "trang-thai": ("state",),
    "ngay-gui": ("submitted_at",),
}


def late_condition(today: datetime.date) -> Q:
    """UnitReport.days_late() > 0 in SQL: first sent after the due date, or unsent past it."""
    return Q(first_submitted_at__isnull=True, due_date__lt=today) | Q(
        first_submitted_at__date__gt=F("due_date")
    )


def report_state_condition(state: str) -> Q:
    if state == NOT_SENT:
        return Q(state__in=[UnitReport.State.DRAFT, UnitReport.State.RETURNED])
    if state == NOT_STARTED:
        # Opened and never saved: every save bumps the version.
        return Q(state=UnitReport.State.DRAFT, version=UnitReport.UNSAVED_VERSION)
    if state == UnitReport.State.DRAFT:
        return Q(state=UnitReport.State.DRAFT, version__gt=UnitReport.UNSAVED_VERSION)
    return Q(state=state)


class ReportFilter(ListFilter):
    SEARCH_FIELDS = ["agency__name", "reporting_year__plan__province__name"]
    SORTS = REPORT_SORTS
    DEFAULT_ORDER = REPORT_DEFAULT_ORDER

    year = django_filters.TypedChoiceFilter(
        label=_("Năm"), field_name="reporting_year__year", coerce=int
    )
    state = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=REPORT_STATES, method="filter_state"
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Tỉnh"),
        field_name="reporting_year__plan__province",
        queryset=AdministrativeUnit.objects.none(),
        widget=QuickSelect,
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị báo cáo"),
        field_name="agency",
        queryset=Agency.objects.none(),
        widget=QuickSelect,
    )
    late = django_filters.ChoiceFilter(label=_("Trễ hạn"), choices=YES_NO, method="filter_late")
    sort = django_filters.ChoiceFilter(
        label=_("Sắp xếp"), choices=sort_choices(REPORT_SORTS), method="filter_sort"
    )

    class Meta:
        model = UnitReport
        fields = ["q", "year", "state", "province", "unit", "late"]

    def filter_queryset(self, queryset):
        # UnitReport.days_late() as a sortable column: the first submission's day (or today,
        # unsent) minus the due date; negative is early.
        lateness = ExpressionWrapper(
            Coalesce(TruncDate("first_submitted_at"), Value(self.today)) - F("due_date"),
            output_field=DurationField(),
        )
        return super().filter_queryset(queryset.alias(lateness=lateness))

    def __init__(self, data=None, *args, scope: Scope, **kwargs):
        super().__init__(data, *args, scope=scope, **kwargs)
        visible = self.queryset
        years = visible.order_by().values_list("reporting_year__year", flat=True).distinct()
        self.filters["year"].extra["choices"] = [(y, y) for y in sorted(set(years), reverse=True)]
        self.filters["province"].queryset = AdministrativeUnit.objects.filter(
            pk__in=visible.order_by().values("reporting_year__plan__province_id")
        ).order_by("name")
        self.filters["unit"].queryset = Agency.objects.filter(
            pk__in=visible.order_by().values("agency_id")
        ).order_by("name")

    def filter_state(self, queryset, name, value):
        return queryset.filter(report_state_condition(value))

    def filter_late(self, queryset, name, value):
        late = late_condition(self.today)
        return queryset.filter(late) if value == "yes" else queryset.exclude(late)


class ConsolidatedFilter(ListFilter):
    SEARCH_FIELDS = ["reporting_year__plan__province__name", "reporting_year__plan__title"]
    SORTS = CONSOLIDATED_SORTS
    DEFAULT_ORDER = ("-reporting_year__year",)

    year = django_filters.TypedChoiceFilter(
        label=_("Năm"), field_name="reporting_year__year", coerce=int
    )
    state = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=ConsolidatedReport.State.choices
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Tỉnh"),
        field_name="reporting_year__plan__province",
        queryset=AdministrativeUnit.objects.none(),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sắp xếp"), choices=sort_choices(CONSOLIDATED_SORTS), method="filter_sort"
    )

    class Meta:
        model = ConsolidatedReport
        fields = ["q", "year", "state", "province"]

    def __init__(self, data=None, *args, scope: Scope, **kwargs):
        super().__init__(data, *args, scope=scope, **kwargs)
        visible = self.queryset
        years = visible.order_by().values_list("reporting_year__year", flat=True).distinct()
        self.filters["year"].extra["choices"] = [(y, y) for y in sorted(set(years), reverse=True)]
        self.filters["province"].queryset = AdministrativeUnit.objects.filter(
            pk__in=visible.order_by().values("reporting_year__plan__province_id")
        ).order_by("name")
