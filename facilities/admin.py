from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Facility, FacilityRepresentative, FacilityYearStatus, Measure, Sector


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    search_fields = ["name", "code"]


class YearStatusInline(admin.TabularInline):
    model = FacilityYearStatus
    extra = 0


@admin.register(Facility)
class FacilityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "tax_code", "sector", "size_class", "province", "status"]
    list_filter = ["status", "size_class", "sector"]
    search_fields = ["name", "tax_code"]
    raw_id_fields = ["admin_unit", "province", "verified_by"]
    list_select_related = ["sector", "province"]
    inlines = [YearStatusInline]


@admin.register(FacilityYearStatus)
class FacilityYearStatusAdmin(SimpleHistoryAdmin):
    list_display = ["facility", "year", "is_aware", "is_applying", "has_dedicated_unit"]
    list_filter = ["year", "is_applying"]
    raw_id_fields = ["facility"]
    list_select_related = ["facility"]


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
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
class FacilityRepresentativeAdmin(SimpleHistoryAdmin):
    list_display = ["user", "facility", "created_at"]
    raw_id_fields = ["user", "facility"]
