"""The home page as the user's work, by role: what is due, returned, waiting, newest
deadline first. Every count links to a list filtered the same way, and is computed with
that list's own filter, so the count is the number of lines the link shows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from facilities import selectors as facility_selectors
from facilities.models import Facility, FacilityYearStatus
from reporting import access as report_access
from reporting import selectors as report_selectors
from reporting.filters import NOT_STARTED, ReportFilter
from reporting.models import ConsolidatedReport, ReportingYear, UnitReport
from sxsh_portal.accounts.access import Scope

# How many reporting years the DOIT and the Ministry see at once on the home page.
YEARS_SHOWN = 3
# Published cases newer than this are "new" to the Ministry.
NEW_CASES_DAYS = 30


@dataclass
class Count:
    label: str
    count: int
    url: str
    tone: str = "secondary"


@dataclass
class YearWork:
    year: int
    counts: list[Count] = field(default_factory=list)
    title: str = ""
    url: str = ""
    consolidated_label: str = ""
    consolidated_url: str = ""
    missing: list[str] = field(default_factory=list)
    late: list[str] = field(default_factory=list)


def _link(name: str, params: dict) -> str:
    return f"{reverse(name)}?{urlencode(params)}" if params else reverse(name)


def report_count(*, scope: Scope, params: dict) -> int:
    """Lines of the report list for these URL parameters, by the list's own filter."""
    reports = report_selectors.report_list(scope=scope)
    return ReportFilter(params, queryset=reports, scope=scope).qs.count()


def facility_count(*, scope: Scope, **filters) -> int:
    chosen = facility_selectors.FacilityFilters(**filters)
    return facility_selectors.facilities_filtered(scope, chosen).count()


# ---------------------------------------------------------------------------- unit


@dataclass
class UnitItem:
    report: UnitReport
    days_left: int
    days_late: int


def unit_work(*, scope: Scope, today: datetime.date) -> dict:
    reports = (
        report_access.reports_visible(scope)
        .filter(agency_id__in=scope.unit_agency_ids)
        .order_by("-due_date", "agency__name", "pk")
    )
    latest = reports.aggregate(year=Max("reporting_year__year"))["year"]

    def items(queryset):
        return [
            UnitItem(report, (report.due_date - today).days, report.days_late(today))
            for report in queryset
        ]

    return {
        "current": items(reports.filter(reporting_year__year=latest)) if latest else [],
        "returned": items(reports.filter(state=UnitReport.State.RETURNED)),
        "last_accepted": items(
            reports.filter(state=UnitReport.State.ACCEPTED, reporting_year__year=latest - 1)
        )
        if latest
        else [],
    }


# ---------------------------------------------------------------------------- DOIT

DOIT_STATES = [
    (NOT_STARTED, _("Chưa bắt đầu"), "secondary"),
    (UnitReport.State.DRAFT, _("Đang soạn"), "info"),
    (UnitReport.State.SUBMITTED, _("Đã gửi, chờ xem xét"), "primary"),
    (UnitReport.State.RETURNED, _("Bị trả lại"), "warning"),
    (UnitReport.State.ACCEPTED, _("Đã chấp nhận"), "success"),
]


def _open_years(years) -> list[int]:
    """The newest years still being worked on: the consolidated report not sent yet, and
    always the latest year."""
    numbers = sorted({y.year for y in years}, reverse=True)
    sent = {
        y.year
        for y in years
        if getattr(getattr(y, "consolidated_report", None), "is_submitted", False)
    }
    open_ = [n for n in numbers if n not in sent]
    if numbers and numbers[0] not in open_:
        open_.insert(0, numbers[0])
    return open_[:YEARS_SHOWN]


def doit_work(*, scope: Scope) -> dict:
    years = list(
        report_selectors.year_list(scope=scope)
        .filter(plan__province_id__in=scope.province_ids)
        .select_related("consolidated_report")
        .order_by("-year", "pk")
    )
    shown = _open_years(years)
    by_year = []
    for number in shown:
        for reporting_year in (y for y in years if y.year == number):
            work = YearWork(
                year=number, title=reporting_year.plan.title, url=reporting_year.get_absolute_url()
            )
            for state, label, tone in DOIT_STATES:
                params = {"year": number, "state": state}
                if len({y.plan.province_id for y in years if y.year == number}) > 1:
                    params["province"] = reporting_year.plan.province_id
                work.counts.append(
                    Count(
                        str(label),
                        report_count(scope=scope, params=params),
                        _link("reporting:report_list", params),
                        tone,
                    )
                )
            consolidated = getattr(reporting_year, "consolidated_report", None)
            work.consolidated_label = str(
                consolidated.get_state_display() if consolidated else _("Chưa lập")
            )
            work.consolidated_url = reverse(
                "reporting:consolidated_detail", args=[reporting_year.pk]
            )
            by_year.append(work)
    awaiting = [
        Count(
            str(_("Hồ sơ đăng ký cơ sở chờ xác minh")),
            facility_count(scope=scope, status=Facility.Status.PENDING),
            _link("facilities:facility_list", {"status": Facility.Status.PENDING}),
            "warning",
        ),
        Count(
            str(_("Cơ sở có thay đổi chờ xác nhận")),
            facility_count(scope=scope, unverified_changes=True),
            _link("facilities:facility_list", {"unverified_changes": "on"}),
            "warning",
        ),
        Count(
            str(_("Giải pháp chờ duyệt công bố")),
            facility_selectors.measures_awaiting_approval(scope).count(),
            reverse("facilities:measure_approval_list"),
            "warning",
        ),
    ]
    return {"years": by_year, "awaiting": awaiting}


# ---------------------------------------------------------------------------- Ministry


def ministry_work(*, scope: Scope, today: datetime.date) -> dict:
    numbers = list(
        ReportingYear.objects.order_by("-year").values_list("year", flat=True).distinct()
    )[:YEARS_SHOWN]
    by_year = []
    for number in numbers:
        years = list(
            ReportingYear.objects.filter(year=number)
            .select_related("plan__province", "consolidated_report")
            .annotate(deadline=Max("unit_reports__due_date"))
            .order_by("plan__province__name", "pk")
        )
        params = {"year": number, "state": ConsolidatedReport.State.SUBMITTED}
        sent = [y for y in years if _is_sent(y)]
        unsent = [y for y in years if not _is_sent(y)]
        work = YearWork(year=number)
        work.counts.append(
            Count(
                str(_("Tỉnh đã gửi báo cáo tổng hợp")),
                len(sent),
                _link("reporting:consolidated_list", params),
                "success",
            )
        )
        work.missing = [y.plan.province_label for y in unsent]
        work.late = [
            y.plan.province_label for y in unsent if y.deadline is not None and y.deadline < today
        ]
        by_year.append(work)
    since = timezone.now() - datetime.timedelta(days=NEW_CASES_DAYS)
    new_cases = facility_selectors.measures_public().filter(approved_at__gte=since).count()
    return {"years": by_year, "new_cases": new_cases}


def _is_sent(reporting_year: ReportingYear) -> bool:
    consolidated = getattr(reporting_year, "consolidated_report", None)
    return bool(consolidated and consolidated.is_submitted)


# ---------------------------------------------------------------------------- facility


def facility_work(*, scope: Scope, user, today: datetime.date) -> list[dict]:
    """The representative's facilities: registration state, changes awaiting the DOIT, and
    whether last year's SXSH status is filled in."""
    year = today.year - 1
    facilities = (
        Facility.objects.filter(representatives__user=user)
        .select_related("province")
        .order_by("name", "pk")
    )
    filled = set(
        FacilityYearStatus.objects.filter(facility__in=facilities, year=year).values_list(
            "facility_id", flat=True
        )
    )
    return [
        {
            "facility": facility,
            "status_year": year,
            "status_missing": facility.pk not in filled
            and facility.status == Facility.Status.VERIFIED,
        }
        for facility in facilities
    ]


def home_work(*, scope: Scope, user) -> dict:
    if not scope.is_authenticated:
        return {}
    today = timezone.localdate()
    work: dict = {"today": today}
    if scope.is_unit:
        work["unit"] = unit_work(scope=scope, today=today)
    if scope.is_doit:
        work["doit"] = doit_work(scope=scope)
    if scope.is_ministry:
        work["ministry"] = ministry_work(scope=scope, today=today)
    if scope.is_facility_representative:
        work["facilities"] = facility_work(scope=scope, user=user, today=today)
    return work
