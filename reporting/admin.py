"""Admin (superusers only, see sxsh_portal.admin_site): the reminder schedule is edited here;
reports are read-only, because every change of a report goes through the services (version
check, state rules, audit trail)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sxsh_portal.admin_site import ReadOnlyAdminMixin

from .models import (
    ConsolidatedReport,
    ReminderSent,
    ReminderStep,
    ReportingYear,
    ReportTransition,
    UnitReport,
)


class ReportTransitionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ReportTransition
    extra = 0
    fields = ["at", "action", "from_state", "to_state", "actor", "reason"]
    readonly_fields = fields


@admin.register(ReportingYear)
class ReportingYearAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "year", "opened_at", "opened_by", "discrepancy_tolerance_percent"]
    list_filter = ["year"]
    readonly_fields = ["plan", "year", "opened_at", "opened_by"]
    fields = ["plan", "year", "opened_at", "opened_by", "discrepancy_tolerance_percent"]

    def has_add_permission(self, request):
        return False


@admin.register(UnitReport)
class UnitReportAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["agency", "reporting_year", "state", "due_date", "submitted_at", "version"]
    list_filter = ["state", "reporting_year__year"]
    search_fields = ["agency__name"]
    inlines = [ReportTransitionInline]


@admin.register(ConsolidatedReport)
class ConsolidatedReportAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["reporting_year", "state", "submitted_at", "submitted_by"]
    list_filter = ["state"]


@admin.register(ReminderStep)
class ReminderStepAdmin(admin.ModelAdmin):
    list_display = ["__str__", "days_before", "is_active"]
    list_editable = ["is_active"]


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["report", "days_before", "sent_at", "recipients"]
    list_filter = ["days_before"]
