from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sxsh_portal.accounts.access import scope_for

from . import selectors
from .models import Facility, FacilityRepresentative, FacilityYearStatus, Measure, Sector


class ScopedAdmin(SimpleHistoryAdmin):
    """Staff who are not superusers see only their jurisdiction here too."""

    facility_path = "facility"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        visible = selectors.facilities_visible(scope_for(request.user)).values("pk")
        return queryset.filter(**{f"{self.facility_path}__in": visible})


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    search_fields = ["name", "code"]


class YearStatusInline(admin.TabularInline):
    model = FacilityYearStatus
    extra = 0


@admin.register(Facility)
class FacilityAdmin(ScopedAdmin):
    facility_path = "pk"
    list_display = ["name", "tax_code", "sector", "size_class", "province", "status"]
    list_filter = ["status", "size_class", "sector"]
    search_fields = ["name", "tax_code"]
    raw_id_fields = ["unit", "province", "verified_by"]
    list_select_related = ["sector", "province"]
    inlines = [YearStatusInline]


@admin.register(FacilityYearStatus)
class FacilityYearStatusAdmin(ScopedAdmin):
    list_display = ["facility", "year", "is_aware", "is_applying", "has_dedicated_unit"]
    list_filter = ["year", "is_applying"]
    raw_id_fields = ["facility"]
    list_select_related = ["facility"]


@admin.register(Measure)
class MeasureAdmin(ScopedAdmin):
    list_display = [
        "title",
        "facility",
        "year",
        "category",
        "publication_agreed",
        "publication_approved",
    ]
    list_filter = ["category", "publication_agreed", "publication_approved"]
    search_fields = ["title", "facility__name"]
    raw_id_fields = ["facility", "approved_by"]
    list_select_related = ["facility"]


@admin.register(FacilityRepresentative)
class FacilityRepresentativeAdmin(ScopedAdmin):
    list_display = ["user", "facility", "created_at"]
    raw_id_fields = ["user", "facility"]
