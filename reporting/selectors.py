"""Reads for the reporting cycle, always through the user's Scope.

Who sees what: a reporting unit sees its own agency's reports; the DOIT sees every report,
year and consolidated report of its province's plans; the Ministry reads everything, but a
consolidated report only once the DOIT has sent it. Anything else is answered with 404.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from facilities.selectors import area_year_totals
from strategies.models import ActionPlan
from strategies.selectors import plan_list
from sxsh_portal.accounts.access import Scope, get_scoped_or_404
from sxsh_portal.territory.models import Agency

from .figures import Figure
from .models import (
    ConsolidatedReport,
    ReportingYear,
    ReportTransition,
    TaskProgress,
    UnitReport,
    UnitReportValue,
)
from .rules import plan_opens_years

# Lines per page of the lists of reports.
PAGE_SIZE = 50

# ---------------------------------------------------------------------------- scoping


def years_visible(*, scope: Scope) -> QuerySet[ReportingYear]:
    """Reporting years: the Ministry all, a DOIT its province's; units work on reports only."""
    years = ReportingYear.objects.select_related("plan", "plan__province", "opened_by")
    if scope.is_ministry:
        return years
    return years.filter(plan__province_id__in=scope.province_ids)


def year_get(*, scope: Scope, pk: int) -> ReportingYear:
    return get_scoped_or_404(years_visible(scope=scope), pk=pk)


def plans_for_reporting(*, scope: Scope) -> QuerySet[ActionPlan]:
    """Plans whose reporting years the user may see (not the plans a unit merely reads)."""
    plans = plan_list(scope=scope).filter(reporting_rule__isnull=False)
    if scope.is_ministry:
        return plans
    return plans.filter(province_id__in=scope.province_ids)


def plan_for_reporting_get(*, scope: Scope, pk: int) -> ActionPlan:
    return get_scoped_or_404(plans_for_reporting(scope=scope), pk=pk)


def reports_visible(*, scope: Scope) -> QuerySet[UnitReport]:
    reports = UnitReport.objects.select_related(
        "reporting_year", "reporting_year__plan", "reporting_year__plan__province", "agency"
    )
    if scope.is_ministry:
        return reports
    return reports.filter(
        Q(reporting_year__plan__province_id__in=scope.province_ids)
        | Q(agency_id__in=scope.unit_agency_ids)
    )


def report_get(*, scope: Scope, pk: int) -> UnitReport:
    queryset = reports_visible(scope=scope).prefetch_related(
        Prefetch(
            "progress",
            queryset=TaskProgress.objects.select_related("assignment", "task"),
        ),
        "activities",
        "attachments",
        Prefetch(
            "transitions", queryset=ReportTransition.objects.select_related("actor").order_by("at")
        ),
    )
    return get_scoped_or_404(queryset, pk=pk)


def report_list(*, scope: Scope, year: int | None = None) -> QuerySet[UnitReport]:
    reports = reports_visible(scope=scope)
    if year:
        reports = reports.filter(reporting_year__year=year)
    # The pk last: pages of a list cut where ties fall would repeat or skip reports.
    return reports.order_by(
        "-reporting_year__year", "reporting_year__plan__province__name", "agency__name", "pk"
    )


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One line of the list of unit reports: the few values it shows, already read."""

    pk: int
    url: str
    year: int
    agency: str
    province: str
    state: str
    state_label: str
    due_date: datetime.date
    first_submitted_at: datetime.datetime | None
    days_late: int


def report_rows(reports: QuerySet[UnitReport], ids: list[int]) -> list[ReportRow]:
    """The list's lines of these reports (a page of the scoped `reports`), in the order
    given: read as plain values, a fraction of the cost of five joined model instances a
    line."""
    states = dict(UnitReport.State.choices)
    unknown_province = gettext("Chưa rõ tỉnh")  # ActionPlan.province_label
    today = timezone.localdate()
    values = reports.filter(pk__in=ids).values_list(
        "pk",
        "reporting_year__year",
        "agency__name",
        "reporting_year__plan__province__name",
        "state",
        "due_date",
        "first_submitted_at",
    )
    rows = {}
    for pk, year, agency, province, state, due_date, first_submitted_at in values:
        rows[pk] = ReportRow(
            pk=pk,
            url=reverse("reporting:report_detail", kwargs={"pk": pk}),
            year=year,
            agency=agency,
            province=province or unknown_province,
            state=state,
            state_label=str(states.get(state, state)),
            due_date=due_date,
            first_submitted_at=first_submitted_at,
            # The model's rule, on the two dates it reads.
            days_late=UnitReport(
                due_date=due_date, first_submitted_at=first_submitted_at
            ).days_late(today),
        )
    return [rows[pk] for pk in ids if pk in rows]


def consolidated_visible(*, scope: Scope) -> QuerySet[ConsolidatedReport]:
    reports = ConsolidatedReport.objects.select_related(
        "reporting_year", "reporting_year__plan", "reporting_year__plan__province", "submitted_by"
    )
    if scope.is_ministry:
        return reports.filter(
            Q(state=ConsolidatedReport.State.SUBMITTED)
            | Q(reporting_year__plan__province_id__in=scope.province_ids)
        )
    return reports.filter(reporting_year__plan__province_id__in=scope.province_ids)


def consolidated_year_get(*, scope: Scope, pk: int) -> ReportingYear:
    """The reporting year behind a consolidated-report page: the DOIT always; the Ministry
    only once a consolidated report was sent."""
    year = get_scoped_or_404(years_visible(scope=scope), pk=pk)
    if scope.manages_province(year.plan.province_id):
        return year
    consolidated = ConsolidatedReport.objects.filter(reporting_year=year).first()
    if consolidated is None or not consolidated.is_submitted:
        raise Http404
    return year


def consolidated_of(year: ReportingYear) -> ConsolidatedReport | None:
    return ConsolidatedReport.objects.filter(reporting_year=year).first()


# ---------------------------------------------------------------------------- who may do what


def report_can_edit(*, scope: Scope, report: UnitReport) -> bool:
    """Only the unit writes its report, and only while it is a draft or handed back."""
    return report.agency_id in scope.unit_agency_ids and report.is_editable


def report_is_own(*, scope: Scope, report: UnitReport) -> bool:
    return report.agency_id in scope.unit_agency_ids


def report_can_review(*, scope: Scope, report: UnitReport) -> bool:
    return scope.manages_province(report.reporting_year.plan.province_id)


def year_can_manage(*, scope: Scope, year: ReportingYear) -> bool:
    return scope.manages_province(year.plan.province_id)


def plan_can_open_years(*, scope: Scope, plan: ActionPlan) -> bool:
    return scope.manages_province(plan.province_id) and plan_opens_years(plan)


# ---------------------------------------------------------------------------- the registry


def registry_figures(*, agency: Agency, year: int) -> dict[str, Decimal]:
    """The figures the facility registry yields for a unit's area in a year (by figure code;
    none for an agency without a territory)."""
    totals = area_year_totals(agency=agency, year=year)
    if totals is None:
        return {}
    savings = totals["saving_percents"]
    figures = {
        Figure.FACILITIES: totals["facilities"],
        Figure.AWARE: totals["aware"],
        Figure.APPLYING: totals["applying"],
        Figure.MEDIUM_LARGE: totals["medium_large"],
        Figure.WITH_UNIT: totals["with_unit"],
        Figure.WITH_TRAINED_STAFF: totals["with_trained_staff"],
        Figure.TRAINED_STAFF: totals["trained_staff"] or 0,
        Figure.SAVING_VND: totals["saving_vnd"] or 0,
        Figure.APPLIERS_WITH_SAVING: len(savings),
    }
    if savings:
        figures[Figure.SAVING_PERCENT] = (sum(savings) / len(savings)).quantize(Decimal("0.01"))
    return {key.value: Decimal(value) for key, value in figures.items()}


# ---------------------------------------------------------------------------- report content


def report_values(report: UnitReport) -> list[UnitReportValue]:
    """The report's figures in the catalogue's order (missing ones as unsaved rows)."""
    stored = {value.figure: value for value in report.values.all()}
    return [
        stored.get(figure.value) or UnitReportValue(report=report, figure=figure.value)
        for figure in Figure
    ]
