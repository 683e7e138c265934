"""Who may see and manage reporting years, unit reports and consolidated reports: the
policy every reporting page, the API, the dashboards and the open data ask.

Built on the portal's one access rule (`sxsh_portal.accounts.access.scope_for`):
- a reporting unit sees and writes its own agency's reports;
- the DOIT sees and manages every reporting year, report and consolidated report of its
  province's plans (with the provinces it succeeded);
- the Ministry reads every reporting year and report, but a province's consolidated report
  (and the figures built from it) only once the DOIT has sent it;
- the public reads the figures of sent consolidated reports.
Anything else is answered with 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from strategies.models import ActionPlan
from sxsh_portal.accounts.access import Scope
from sxsh_portal.territory.models import Agency

from .models import ConsolidatedReport, ReportingYear, UnitReport

# ---------------------------------------------------------------------------- reporting years


def reporting_years_visible(scope: Scope, *, province_ids=None) -> QuerySet[ReportingYear]:
    """Reporting years and their unit reports: the Ministry all, a DOIT its province's;
    units work on reports only. With `province_ids`, only those provinces' years."""
    years = ReportingYear.objects.all()
    if province_ids is not None:
        years = years.filter(plan__province_id__in=province_ids)
    if scope.is_ministry:
        return years
    return years.filter(plan__province_id__in=scope.province_ids)


def reporting_years_with_figures(
    scope: Scope | None, *, province_ids=None
) -> QuerySet[ReportingYear]:
    """Reporting years whose consolidated figures the user may see (dashboards, open data):
    a DOIT its own always, the Ministry a province's once sent, the public (None) the sent
    ones."""
    years = ReportingYear.objects.filter(plan__province__isnull=False)
    if province_ids is not None:
        years = years.filter(plan__province_id__in=province_ids)
    sent = Q(consolidated_report__state=ConsolidatedReport.State.SUBMITTED)
    if scope is None:
        return years.filter(sent)
    if scope.is_ministry:
        return years.filter(sent | Q(plan__province_id__in=scope.province_ids))
    return years.filter(plan__province_id__in=scope.province_ids)


def reporting_year_may_see(scope: Scope, year: ReportingYear) -> bool:
    return scope.is_ministry or scope.manages_province(year.plan.province_id)


def reporting_year_may_manage(scope: Scope, year: ReportingYear) -> bool:
    """Open, remind, consolidate and send: the province's DOIT."""
    return scope.manages_province(year.plan.province_id)


def plans_for_reporting(scope: Scope) -> QuerySet[ActionPlan]:
    """Plans whose reporting years the user may see (not the plans a unit merely reads)."""
    plans = ActionPlan.objects.select_related("province", "strategy", "predecessor").filter(
        reporting_rule__isnull=False
    )
    if scope.is_ministry:
        return plans
    return plans.filter(province_id__in=scope.province_ids)


def plan_may_open_years(scope: Scope, plan: ActionPlan) -> bool:
    # A draft plan has no reporting units yet in force: years open once it is issued.
    return scope.manages_province(plan.province_id) and plan.status != ActionPlan.Status.DRAFT


# ---------------------------------------------------------------------------- unit reports


def reports_visible(scope: Scope) -> QuerySet[UnitReport]:
    reports = UnitReport.objects.select_related(
        "reporting_year", "reporting_year__plan", "reporting_year__plan__province", "agency"
    )
    if scope.is_ministry:
        return reports
    return reports.filter(
        Q(reporting_year__plan__province_id__in=scope.province_ids)
        | Q(agency_id__in=scope.unit_agency_ids)
    )


def report_is_own(scope: Scope, report: UnitReport) -> bool:
    return report.agency_id in scope.unit_agency_ids


def report_may_edit(scope: Scope, report: UnitReport) -> bool:
    """Only the unit writes its report, and only while it is a draft or handed back."""
    return report_is_own(scope, report) and report.is_editable


def report_may_review(scope: Scope, report: UnitReport) -> bool:
    return scope.manages_province(report.reporting_year.plan.province_id)


# ---------------------------------------------------------------------------- consolidated


def consolidated_visible(scope: Scope) -> QuerySet[ConsolidatedReport]:
    reports = ConsolidatedReport.objects.select_related(
        "reporting_year", "reporting_year__plan", "reporting_year__plan__province", "submitted_by"
    )
    if scope.is_ministry:
        return reports.filter(
            Q(state=ConsolidatedReport.State.SUBMITTED)
            | Q(reporting_year__plan__province_id__in=scope.province_ids)
        )
    return reports.filter(reporting_year__plan__province_id__in=scope.province_ids)


def consolidations_may_list(scope: Scope) -> bool:
    return scope.is_ministry or scope.is_doit


# ---------------------------------------------------------------------------- dashboards


def reports_may_list(scope: Scope) -> bool:
    """The list of reports and the dashboards: officials, never the public."""
    return scope.is_ministry or scope.is_doit or scope.is_unit


def national_dashboard_may_see(scope: Scope) -> bool:
    return scope.is_ministry


def province_dashboard_may_see(scope: Scope, province_id: int) -> bool:
    return scope.is_ministry or scope.manages_province(province_id)


def province_lineage_visible(scope: Scope, lineage_ids: list[int]) -> list[int]:
    """The provinces of a lineage whose figures the user reads on a province dashboard."""
    if scope.is_ministry:
        return lineage_ids
    return [pk for pk in lineage_ids if scope.manages_province(pk)]


def unit_dashboard_may_see(scope: Scope, agency: Agency) -> bool:
    return (
        scope.is_ministry
        or agency.pk in scope.unit_agency_ids
        or scope.manages_province(agency.province_id)
    )
