from django.contrib import admin
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from .forms import TargetForm
from .models import (
    ActionPlan,
    AgencyAssignment,
    FundingSource,
    Indicator,
    Phase,
    ReportingRule,
    ReviewFigure,
    Scheme,
    SolutionGroup,
    SolutionItem,
    Strategy,
    Target,
    Task,
)
from .resources import ActionPlanResource, IndicatorResource, TargetResource


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    show_change_link = True


class TaskInline(admin.TabularInline):
    model = Task
    extra = 0
    fields = ["label", "position", "parent", "text", "lead_agency"]
    raw_id_fields = ["parent", "lead_agency"]


class SolutionGroupInline(admin.TabularInline):
    model = SolutionGroup
    extra = 0
    fields = ["label", "position", "title"]
    show_change_link = True


class SchemeInline(admin.TabularInline):
    model = Scheme
    extra = 0


class TargetInline(admin.TabularInline):
    model = Target
    form = TargetForm
    extra = 0
    fields = ["position", "indicator", "year", "value_min", "value_max", "baseline_year"]
    fields += ["baseline_value", "localises", "text"]
    raw_id_fields = ["localises"]


class FundingSourceInline(admin.TabularInline):
    model = FundingSource
    extra = 0


class AgencyAssignmentInline(admin.StackedInline):
    model = AgencyAssignment
    extra = 0
    filter_horizontal = ["agencies"]


class ReportingRuleInline(admin.StackedInline):
    model = ReportingRule
    extra = 0
    raw_id_fields = ["recipient"]
    filter_horizontal = ["reporting_units", "forwarded_to"]


class ReviewFigureInline(admin.TabularInline):
    model = ReviewFigure
    extra = 0


class SolutionItemInline(admin.TabularInline):
    model = SolutionItem
    extra = 0


@admin.register(Strategy)
class StrategyAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "issued_on", "period_start", "period_end"]
    search_fields = ["number", "title"]
    inlines = [PhaseInline, TaskInline, SolutionGroupInline, SchemeInline]


@admin.register(Phase)
class PhaseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "strategy", "start_year", "end_year"]
    list_filter = ["strategy"]
    inlines = [TargetInline]


@admin.register(Indicator)
class IndicatorAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [IndicatorResource]
    list_display = ["code", "name", "measure_unit", "source"]
    list_filter = ["measure_unit", "source"]
    search_fields = ["code", "name", "name_en"]


@admin.register(Target)
class TargetAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [TargetResource]
    form = TargetForm
    list_display = ["indicator", "year", "value_min", "value_max", "phase", "plan"]
    list_filter = ["year", "indicator"]
    raw_id_fields = ["plan", "localises"]
    list_select_related = ["indicator", "phase", "plan"]


@admin.register(ActionPlan)
class ActionPlanAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [ActionPlanResource]
    list_display = ["title", "province", "period_start", "period_end", "decision_number"]
    list_filter = ["kind", "strategy"]
    search_fields = ["title", "decision_number", "province__name"]
    raw_id_fields = ["province", "issuer", "predecessor"]
    list_select_related = ["province"]
    inlines = [
        TargetInline,
        ReviewFigureInline,
        TaskInline,
        FundingSourceInline,
        AgencyAssignmentInline,
        ReportingRuleInline,
    ]


@admin.register(Task)
class TaskAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "strategy", "plan", "parent"]
    raw_id_fields = ["strategy", "plan", "parent", "lead_agency"]


@admin.register(SolutionGroup)
class SolutionGroupAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "strategy", "plan"]
    raw_id_fields = ["strategy", "plan"]
    inlines = [SolutionItemInline]


@admin.register(SolutionItem)
class SolutionItemAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "group"]
    raw_id_fields = ["group"]


@admin.register(Scheme)
class SchemeAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "strategy", "position"]


@admin.register(FundingSource)
class FundingSourceAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "plan"]
    raw_id_fields = ["plan"]


@admin.register(AgencyAssignment)
class AgencyAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "plan", "role"]
    list_filter = ["role"]
    raw_id_fields = ["plan"]
    filter_horizontal = ["agencies"]


@admin.register(ReportingRule)
class ReportingRuleAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "recipient", "deadline_day", "deadline_month"]
    raw_id_fields = ["plan", "recipient"]
    filter_horizontal = ["reporting_units", "forwarded_to"]


@admin.register(ReviewFigure)
class ReviewFigureAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "plan", "year_from", "year_to"]
    raw_id_fields = ["plan"]
