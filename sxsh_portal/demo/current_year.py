"""The demo of the current year (setup_demo calls this after the seed documents, the demo
accounts and demo_reporting_load (history), which plays 2018–2020 as history).

A DEMONSTRATION plan of Thanh Hóa for 2021–2030 under QĐ 889/QĐ-TTg (current_plan),
written through the same services a DOIT uses, with today's communes and wards (and the
Nghi Sơn economic-zone board) as reporting units; the reporting year of "today" (passed in,
so tests and next year's `make run` get their own year) is opened, due 15/12, with reports
in every state.

Idempotent: the plan is found by its title, and a year already opened is left as it is, so
a second run creates nothing and never undoes what a user did.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from reporting.figures import Figure
from reporting.models import ReportingYear, ReportTransition, UnitReport
from reporting.services import (
    activity_create,
    reporting_year_open,
    unit_report_accept,
    unit_report_return,
    unit_report_save,
    unit_report_submit,
)
from strategies.authoring.plans import commune_committees_ensure
from strategies.models import FundingSource, Target
from sxsh_portal.accounts.models import RoleAssignment
from sxsh_portal.accounts.services import role_assign, user_create
from sxsh_portal.notifications.services import notifications_muted
from sxsh_portal.territory.models import REFORM_2025_FROM, AdministrativeUnit, Agency

from .current_plan import NATIONAL_PROGRAMME, ZONE_BOARD, demo_plan_ensure

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
DOIT_USERNAME = "so-ct-thanh-hoa"
COMMUNE_USERNAME = "ubnd-xa-hoang-hoa"
TUYEN_QUANG_USERNAME = "so-ct-tuyen-quang"
THANH_HOA, TUYEN_QUANG = "38", "08"

# Today's wards and communes of Thanh Hóa (GSO codes since 01/07/2025) that report in the
# demo: a manageable share of the 166, around the city, Sầm Sơn, Bỉm Sơn, Nghi Sơn and the
# former districts of the history plans.
COMMUNE_CODES = [
    "14797",  # Phường Hạc Thành
    "14758",  # Phường Hàm Rồng
    "16378",  # Phường Đông Sơn
    "16417",  # Phường Đông Quang
    "15853",  # Phường Đông Tiến
    "15925",  # Phường Nguyệt Viên
    "16531",  # Phường Sầm Sơn
    "16516",  # Phường Nam Sầm Sơn
    "14812",  # Phường Bỉm Sơn
    "14818",  # Phường Quang Trung
    "16561",  # Phường Tĩnh Gia
    "16654",  # Phường Nghi Sơn
    "15271",  # Xã Hà Trung
    "16012",  # Xã Hậu Lộc
    "16093",  # Xã Nga Sơn
    "16114",  # Xã Nga Thắng
    "15865",  # Xã Hoằng Hóa — the demo commune
    "15961",  # Xã Hoằng Lộc
    "15991",  # Xã Hoằng Tiến
    "16438",  # Xã Lưu Vệ
    "16489",  # Xã Quảng Chính
    "16279",  # Xã Nông Cống
    "15772",  # Xã Thiệu Hóa
    "16021",  # Xã Triệu Lộc
]
DEMO_COMMUNE_CODE = "15865"
RETURN_REASON = (
    "Chưa có danh sách cơ sở được tuyên truyền về sản xuất và tiêu dùng bền vững trong năm; "
    "đề nghị bổ sung và gửi lại."
)
# What the other units' reports end as, in the order of their names, wards and communes mixed.
STATES = [
    "accepted",
    "submitted",
    "draft",
    "not started",
    "accepted",
    "returned",
    "submitted",
    "draft",
    "accepted",
    "not started",
    "submitted",
    "accepted",
] * 2


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=LOCAL)


def _province_today(code: str) -> AdministrativeUnit | None:
    return AdministrativeUnit.objects.filter(
        level=AdministrativeUnit.Level.PROVINCE, code=code, valid_from=REFORM_2025_FROM
    ).first()


# ---------------------------------------------------------------------------- the year


def _fill(report: UnitReport, *, actor, index: int, today: datetime.date) -> None:
    report = unit_report_save(
        report=report,
        actor=actor,
        expected_version=report.version,
        reported_values={
            Figure.OFFICERS: Decimal(1 + index % 2),
            Figure.OFFICERS_TRAINED: Decimal(index % 2),
        },
        difficulties="Cơ sở trên địa bàn chủ yếu quy mô nhỏ, hộ gia đình."
        if index % 2 == 0
        else "",
        proposals="Đề nghị Sở Công Thương tổ chức tập huấn về sản xuất và tiêu dùng bền vững "
        "cho cán bộ xã, phường.",
    )
    activity_create(
        report=report,
        actor=actor,
        kind="communication" if index % 2 else "training",
        date=max(today - datetime.timedelta(days=20 + 3 * index), datetime.date(today.year, 1, 1)),
        title=f"Tuyên truyền về sản xuất và tiêu dùng bền vững năm {today.year}"
        if index % 2
        else f"Tập huấn sản xuất sạch hơn cho cơ sở sản xuất năm {today.year}",
        participants=25 + 5 * (index % 4),
        enterprises_reached=3 + index % 5,
        cost_vnd=10_000_000 + 2_000_000 * (index % 3),
        funding_source=FundingSource.Kind.PROVINCIAL_BUDGET,
    )


def _backdate(report: UnitReport, *, opened_on, today, index: int) -> None:
    """Move the submission (and acceptance or return) to days before `today`."""
    submitted_on = max(today - datetime.timedelta(days=2 + index % 9), opened_on)
    decided_on = min(submitted_on + datetime.timedelta(days=1), today)
    submitted = _at(submitted_on, hour=8 + index % 8)
    UnitReport.objects.filter(pk=report.pk).update(
        first_submitted_at=submitted,
        submitted_at=submitted,
        accepted_at=_at(decided_on, 15) if report.state == UnitReport.State.ACCEPTED else None,
    )
    transitions = ReportTransition.objects.filter(report=report)
    transitions.filter(action=ReportTransition.Action.SUBMIT).update(at=submitted)
    transitions.exclude(action=ReportTransition.Action.SUBMIT).update(at=_at(decided_on, 15))


def _play_year(reporting_year: ReportingYear, *, doit_user, commune_user, demo_unit, today):
    reports = list(reporting_year.unit_reports.select_related("agency").order_by("agency__name"))
    others = [report for report in reports if report.agency_id != demo_unit.pk]
    opened_on = timezone.localdate(reporting_year.opened_at)
    for index, report in enumerate(others):
        state = STATES[index % len(STATES)]
        if state == "not started":
            continue
        _fill(report, actor=None, index=index, today=today)
        if state == "draft":
            continue
        report.refresh_from_db()
        report = unit_report_submit(report=report, actor=None, expected_version=report.version)
        if state == "accepted":
            report = unit_report_accept(report=report, actor=doit_user)
        elif state == "returned":
            report = unit_report_return(report=report, actor=doit_user, reason=RETURN_REASON)
        _backdate(report, opened_on=opened_on, today=today, index=index)
    # The demo commune has started its report: a draft for its officer to finish and send.
    demo = next(report for report in reports if report.agency_id == demo_unit.pk)
    _fill(demo, actor=commune_user, index=len(others), today=today)


def _open_current_year(plan, *, today, doit_user, commune_user, demo_unit) -> None:
    if ReportingYear.objects.filter(plan=plan, year=today.year).exists():
        return
    reporting_year = reporting_year_open(plan=plan, year=today.year, actor=doit_user)
    opened_on = min(
        max(today - datetime.timedelta(days=60), datetime.date(today.year, 1, 2)), today
    )
    ReportingYear.objects.filter(pk=reporting_year.pk).update(opened_at=_at(opened_on, 8))
    reporting_year.refresh_from_db()
    _play_year(
        reporting_year,
        doit_user=doit_user,
        commune_user=commune_user,
        demo_unit=demo_unit,
        today=today,
    )


# ---------------------------------------------------------------------------- accounts


def _account(*, username, full_name, role, agency, password):
    User = get_user_model()
    user = User.objects.filter(username=username).first() or user_create(
        username=username,
        password=password,
        full_name=full_name,
        email=f"{username}@demo.sxsh.gov.vn",
    )
    role_assign(user=user, role=role, agency=agency)
    return user


def _tuyen_quang_doit(password) -> tuple[str, str] | None:
    """The DOIT of today's Tuyên Quang, which took in Hà Giang on 01/07/2025."""
    province = _province_today(TUYEN_QUANG)
    if province is None:
        return None
    agency, _created = Agency.objects.get_or_create(
        province=province,
        name="Sở Công Thương Tuyên Quang",
        defaults={"kind": Agency.Kind.DOIT, "short_name": "Sở Công Thương"},
    )
    _account(
        username=TUYEN_QUANG_USERNAME,
        full_name="Cán bộ Sở Công Thương Tuyên Quang",
        role=RoleAssignment.Role.PROVINCE,
        agency=agency,
        password=password,
    )
    return (
        TUYEN_QUANG_USERNAME,
        f"{RoleAssignment.Role.PROVINCE.label} — {agency} (kế thừa Hà Giang từ 01/07/2025)",
    )


@notifications_muted()
@transaction.atomic
def demo_current_year_load(
    *, password: str, today: datetime.date | None = None
) -> list[tuple[str, str]]:
    """Set up the demonstration plan and this year's reporting; returns the new demo logins
    as (username, description). Skipped (empty list) without the territory and seed data."""
    today = today or timezone.localdate()
    logins = []
    tuyen_quang = _tuyen_quang_doit(password)
    if tuyen_quang:
        logins.append(tuyen_quang)
    province = _province_today(THANH_HOA)
    doit_user = get_user_model().objects.filter(username=DOIT_USERNAME).first()
    doit = Agency.objects.filter(kind=Agency.Kind.DOIT, province=province).first()
    has_programme = Target.objects.filter(phase__strategy__number=NATIONAL_PROGRAMME).exists()
    if province is None or doit_user is None or doit is None or not has_programme:
        return logins
    communes = {
        unit.code: unit
        for unit in province.children.filter(
            level=AdministrativeUnit.Level.COMMUNE, code__in=COMMUNE_CODES
        )
    }
    committees = commune_committees_ensure(
        actor=doit_user,
        province=province,
        communes=[communes[code] for code in COMMUNE_CODES if code in communes],
    )
    demo_unit = next((a for a in committees if a.territory.code == DEMO_COMMUNE_CODE), None)
    if demo_unit is None:
        return logins
    zone = Agency.objects.filter(kind=Agency.Kind.ZONE_BOARD, name=ZONE_BOARD).first()
    plan = demo_plan_ensure(
        province=province,
        doit_user=doit_user,
        doit=doit,
        units=committees + ([zone] if zone else []),
        zone=zone,
    )
    commune_user = _account(
        username=COMMUNE_USERNAME,
        full_name=f"Cán bộ {demo_unit.name}",
        role=RoleAssignment.Role.UNIT,
        agency=demo_unit,
        password=password,
    )
    logins.append(
        (COMMUNE_USERNAME, f"{RoleAssignment.Role.UNIT.label} — {demo_unit} (xã của năm nay)")
    )
    _open_current_year(
        plan, today=today, doit_user=doit_user, commune_user=commune_user, demo_unit=demo_unit
    )
    return logins
