"""Reads for the reporting cycle, always through the user's Scope.

Who sees what: a reporting unit sees its own agency's reports; the DOIT sees every report,
year and consolidated report of its province's plans; the Ministry reads everything, but a
consolidated report only once the DOIT has sent it. Anything else is answered with 404.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from facilities.models import SIZES_WITH_DEDICATED_UNIT, Facility, FacilityYearStatus
from strategies.models import ActionPlan, AgencyAssignment, Task
from sxsh_portal.accounts.access import Scope, get_scoped_or_404
from sxsh_portal.accounts.models import RoleAssignment
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


def _area_statuses(*, agency: Agency, year: int) -> QuerySet[FacilityYearStatus] | None:
    """Year statuses of the verified facilities in the agency's territory (a district and
    its communes); None for an agency without one (a department, the zone board)."""
    if agency.territory_id is None:
        return None
    territory = agency.territory_id
    return FacilityYearStatus.objects.filter(
        year=year, facility__status=Facility.Status.VERIFIED
    ).filter(Q(facility__unit_id=territory) | Q(facility__unit__parent_id=territory))


def registry_counts() -> dict:
    """The registry's counts over yearly statuses, as aggregate expressions: one unit's in
    registry_figures, every unit's at once in the synthetic data set (GROUP BY)."""
    medium_large = Q(size_class__in=[size.value for size in SIZES_WITH_DEDICATED_UNIT])
    return {
        "facilities": Count("pk"),
        "aware": Count("pk", filter=Q(is_aware=True)),
        "applying": Count("pk", filter=Q(is_applying=True)),
        "medium_large": Count("pk", filter=medium_large),
        "with_unit": Count("pk", filter=medium_large & Q(has_dedicated_unit=True)),
        "with_trained_staff": Count("pk", filter=Q(trained_staff_count__gt=0)),
        "trained_staff": Sum("trained_staff_count"),
        "saving_vnd": Sum("yearly_saving_vnd"),
    }


def registry_figures(*, agency: Agency, year: int) -> dict[str, Decimal]:
    """The figures the facility registry yields for a unit's area in a year.

    A facility counts when it has a status for that year (it was surveyed). The saving of a
    facility applying SXSH is the larger of its energy and material savings per unit
    product, since the indicator speaks of "energy, materials, fuel" together.
    """
    statuses = _area_statuses(agency=agency, year=year)
    if statuses is None:
        return {}
    totals = statuses.aggregate(**registry_counts())
    savings = [
        max(p for p in (energy, material) if p is not None)
        for energy, material in statuses.filter(is_applying=True)
        .filter(Q(energy_saving_percent__isnull=False) | Q(material_saving_percent__isnull=False))
        .values_list("energy_saving_percent", "material_saving_percent")
    ]
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


# ---------------------------------------------------------------------------- duties


def unit_assignments(*, plan: ActionPlan, agency: Agency) -> QuerySet[AgencyAssignment]:
    """The plan's "Tổ chức thực hiện" items that name the agency or its whole kind."""
    return (
        AgencyAssignment.objects.filter(plan=plan)
        .filter(Q(agencies=agency) | Q(covers_kind=agency.kind))
        .distinct()
        .order_by("position", "pk")
    )


def unit_led_tasks(*, plan: ActionPlan, agency: Agency) -> QuerySet[Task]:
    return Task.objects.filter(plan=plan, lead_agency=agency).order_by("position", "pk")


# ---------------------------------------------------------------------------- report content


def report_values(report: UnitReport) -> list[UnitReportValue]:
    """The report's figures in the catalogue's order (missing ones as unsaved rows)."""
    stored = {value.figure: value for value in report.values.all()}
    return [
        stored.get(figure.value) or UnitReportValue(report=report, figure=figure.value)
        for figure in Figure
    ]


def unit_recipients(*, agency: Agency) -> list[str]:
    """E-mail addresses of the unit's users (role "unit"), and the agency's own address."""
    addresses = list(
        RoleAssignment.objects.filter(
            role=RoleAssignment.Role.UNIT, agency=agency, user__is_active=True
        )
        .exclude(user__email="")
        .order_by("user__email")
        .values_list("user__email", flat=True)
        .distinct()
    )
    if agency.email and agency.email not in addresses:
        addresses.append(agency.email)
    return addresses
