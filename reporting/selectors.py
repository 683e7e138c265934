"""Reads for the reporting cycle, always through the user's Scope.

Who sees what: a reporting unit sees its own agency's reports; the DOIT sees every report,
year and consolidated report of its province's plans; the Ministry reads everything, but a
consolidated report only once the DOIT has sent it. Anything else is answered with 404.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from facilities.selectors import area_year_totals
from strategies.models import ActionPlan
from sxsh_portal.accounts.access import Scope, get_scoped_or_404
from sxsh_portal.territory.models import Agency

from . import access
from .figures import Figure
from .models import (
    ConsolidatedReport,
    ReportingYear,
    ReportTransition,
    TaskProgress,
    UnitReport,
    UnitReportValue,
)

# Lines per page of the lists of reports.
PAGE_SIZE = 50

# ---------------------------------------------------------------------------- scoping


def year_list(*, scope: Scope) -> QuerySet[ReportingYear]:
    """The reporting years the user sees, with what their pages show."""
    return access.reporting_years_visible(scope).select_related(
        "plan", "plan__province", "opened_by"
    )


def year_get(*, scope: Scope, pk: int) -> ReportingYear:
    return get_scoped_or_404(year_list(scope=scope), pk=pk)


def plan_for_reporting_get(*, scope: Scope, pk: int) -> ActionPlan:
    return get_scoped_or_404(access.plans_for_reporting(scope), pk=pk)


def report_get(*, scope: Scope, pk: int) -> UnitReport:
    queryset = access.reports_visible(scope).prefetch_related(
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


def report_get_bare(*, scope: Scope, pk: int) -> UnitReport:
    """The report with its year, plan and unit only: for a write, whose service locks and
    reads again what it changes, and which answers with a redirect or a fragment (the page's
    activities, attachments and history would be four queries read for nothing)."""
    return get_scoped_or_404(access.reports_visible(scope), pk=pk)


def report_list(*, scope: Scope, year: int | None = None) -> QuerySet[UnitReport]:
    reports = access.reports_visible(scope)
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


def consolidated_year_get(*, scope: Scope, pk: int) -> ReportingYear:
    """The reporting year behind a consolidated-report page: the DOIT always; the Ministry
    only once a consolidated report was sent."""
    year = get_scoped_or_404(access.reporting_years_visible(scope), pk=pk)
    if access.reporting_year_may_manage(scope, year):
        return year
    consolidated = ConsolidatedReport.objects.filter(reporting_year=year).first()
    if consolidated is None or not consolidated.is_submitted:
        raise Http404
    return year


def consolidated_of(year: ReportingYear) -> ConsolidatedReport | None:
    return ConsolidatedReport.objects.filter(reporting_year=year).first()


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
