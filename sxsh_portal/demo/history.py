"""Demo reporting data for Thanh Hóa (setup_demo calls this after the territory, the seed
documents, the demo accounts and the demo facilities).

Everything goes through the services, acting as the demo users; the dates of submission
and acceptance are then moved back to when they would have happened (a demo loaded in 2026
cannot have been sent before 15/12/2019 otherwise). Idempotent: a year already opened is
left as it is, so a second run changes nothing and never undoes what a user did.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from reporting.figures import Figure
from reporting.models import (
    ConsolidatedReport,
    ReportingYear,
    ReportTransition,
    UnitReport,
)
from reporting.services import (
    activity_create,
    consolidated_pdf_request,
    consolidated_report_submit,
    reporting_year_open,
    unit_report_accept,
    unit_report_return,
    unit_report_save,
    unit_report_submit,
)
from strategies.models import ActionPlan, FundingSource
from sxsh_portal.documents.pdf import pdf_support_problem
from sxsh_portal.notifications.services import notifications_muted
from sxsh_portal.territory.services import district_committees_ensure

THANH_HOA_PLAN = 1
DOIT_USERNAME = "so-ct-thanh-hoa"
UNIT_USERNAME = "ubnd-hoang-hoa"
DEMO_UNIT_NAME = "UBND huyện Hoằng Hóa"
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")

# Hoằng Hóa's registry holds none of its facilities yet: what it reports shows up as a
# disagreement with the registry on the consolidated page.
HOANG_HOA_FIGURES = {
    2018: {Figure.FACILITIES: 12, Figure.AWARE: 6, Figure.APPLYING: 2, Figure.MEDIUM_LARGE: 3},
    2019: {Figure.FACILITIES: 14, Figure.AWARE: 9, Figure.APPLYING: 4, Figure.MEDIUM_LARGE: 4},
    2020: {Figure.FACILITIES: 15, Figure.AWARE: 11, Figure.APPLYING: 6, Figure.MEDIUM_LARGE: 4},
}
RETURN_REASON = (
    "Số cơ sở áp dụng sản xuất sạch hơn chưa khớp với danh sách cơ sở gửi kèm; đề nghị rà "
    "soát lại và bổ sung kết quả tập huấn trong năm."
)


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=LOCAL)


def _backdate(report: UnitReport, *, submitted: datetime.datetime, accepted=None) -> None:
    UnitReport.objects.filter(pk=report.pk).update(
        first_submitted_at=submitted, submitted_at=submitted, accepted_at=accepted
    )
    ReportTransition.objects.filter(report=report, action=ReportTransition.Action.SUBMIT).update(
        at=submitted
    )
    if accepted is not None:
        ReportTransition.objects.filter(
            report=report, action=ReportTransition.Action.ACCEPT
        ).update(at=accepted)


def _fill(report: UnitReport, *, actor, index: int, year: int, is_demo_unit: bool) -> None:
    """Officers and activities for every unit; Hoằng Hóa also reports its own counts."""
    values: dict[str, Decimal | None] = {
        Figure.OFFICERS: Decimal(2 + index % 3),
        Figure.OFFICERS_TRAINED: Decimal(1 + index % 3),
    }
    if is_demo_unit:
        values.update({key: Decimal(value) for key, value in HOANG_HOA_FIGURES[year].items()})
    report = unit_report_save(
        report=report,
        actor=actor,
        expected_version=report.version,
        reported_values=values,
        difficulties=(
            "Doanh nghiệp trên địa bàn chủ yếu quy mô nhỏ, chưa bố trí được kinh phí đầu tư "
            "đổi mới công nghệ."
            if index % 2 == 0
            else ""
        ),
        proposals=(
            "Đề nghị Sở Công Thương tiếp tục tổ chức tập huấn về sản xuất sạch hơn cho cán bộ "
            "cấp huyện và doanh nghiệp."
        ),
    )
    activity_create(
        report=report,
        actor=actor,
        kind="training" if index % 2 else "workshop",
        date=datetime.date(year, 6 + index % 4, 10 + index % 15),
        title=(
            f"Tập huấn áp dụng sản xuất sạch hơn năm {year}"
            if index % 2
            else f"Hội thảo phổ biến sản xuất sạch hơn năm {year}"
        ),
        participants=30 + 5 * (index % 5),
        enterprises_reached=8 + index % 7,
        cost_vnd=25_000_000 + 5_000_000 * (index % 4),
        funding_source=FundingSource.Kind.PROVINCIAL_BUDGET
        if index % 3
        else FundingSource.Kind.CENTRAL_BUDGET,
    )


def _plan_states(reports: list[UnitReport], demo: UnitReport | None, year: int):
    """Which report ends in which state: (report, state, days_late) triples."""
    others = [report for report in reports if report != demo]
    scripted = []
    if year == 2018:
        for position, report in enumerate(others):
            scripted.append((report, "missing" if position >= len(others) - 2 else "accepted", 0))
        if demo:
            scripted.append((demo, "accepted", 0))
    elif year == 2019:
        for position, report in enumerate(others):
            if position == 0:
                scripted.append((report, "returned", 0))
            elif position == 1:
                scripted.append((report, "late", 6))
            elif position in (2, 3):
                scripted.append((report, "submitted", 0))
            elif position >= len(others) - 4:
                scripted.append((report, "missing", 0))
            else:
                scripted.append((report, "accepted", 0))
        if demo:
            scripted.append((demo, "accepted", 0))
    else:
        for position, report in enumerate(others):
            if position < 6:
                scripted.append((report, "accepted", 0))
            elif position < 9:
                scripted.append((report, "submitted", 0))
            else:
                scripted.append((report, "missing", 0))
        if demo:
            scripted.append((demo, "draft", 0))
    return scripted


def _play_year(reporting_year: ReportingYear, *, doit, unit_user) -> None:
    reports = list(reporting_year.unit_reports.select_related("agency").order_by("agency__name"))
    demo = next((r for r in reports if r.agency.name == DEMO_UNIT_NAME), None)
    year = reporting_year.year
    for index, (report, state, days_late) in enumerate(_plan_states(reports, demo, year)):
        if state == "missing":
            continue
        actor = unit_user if report == demo else None
        _fill(report, actor=actor, index=index, year=year, is_demo_unit=report == demo)
        if state == "draft":
            continue
        report.refresh_from_db()
        report = unit_report_submit(report=report, actor=actor, expected_version=report.version)
        submitted_on = report.due_date + datetime.timedelta(days=days_late or -(2 + index % 6))
        submitted = _at(submitted_on, hour=8 + index % 8)
        accepted = None
        if state == "accepted":
            report = unit_report_accept(report=report, actor=doit)
            accepted = _at(report.due_date + datetime.timedelta(days=5 + index % 3), hour=15)
        elif state == "returned":
            report = unit_report_return(report=report, actor=doit, reason=RETURN_REASON)
            ReportTransition.objects.filter(
                report=report, action=ReportTransition.Action.RETURN
            ).update(at=_at(report.due_date + datetime.timedelta(days=3), hour=14))
        _backdate(report, submitted=submitted, accepted=accepted)


# Years of replayed history are nobody's news: no notifications, no e-mails.
@notifications_muted()
@transaction.atomic
def demo_reporting_load() -> int:
    """Open 2018–2020 of the Thanh Hóa plan with reports in every state, and send the 2019
    consolidated report to the Ministry. Returns how many unit reports the plan has."""
    plan = ActionPlan.objects.select_related("province").filter(pk=THANH_HOA_PLAN).first()
    if plan is None or plan.province is None or not hasattr(plan, "reporting_rule"):
        return 0
    User = get_user_model()
    doit = User.objects.filter(username=DOIT_USERNAME).first()
    unit_user = User.objects.filter(username=UNIT_USERNAME).first()
    if doit is None or unit_user is None:
        return 0
    district_committees_ensure(province=plan.province)
    for year in (2018, 2019, 2020):
        if ReportingYear.objects.filter(plan=plan, year=year).exists():
            continue
        reporting_year = reporting_year_open(plan=plan, year=year, actor=doit)
        ReportingYear.objects.filter(pk=reporting_year.pk).update(
            opened_at=_at(datetime.date(year, 10, 1))
        )
        _play_year(reporting_year, doit=doit, unit_user=unit_user)
        if year in (2018, 2019):
            consolidated = consolidated_report_submit(reporting_year=reporting_year, actor=doit)
            sent_on = datetime.date(year + 1, 1, 10)
            ConsolidatedReport.objects.filter(pk=consolidated.pk).update(submitted_at=_at(sent_on))
            if year == 2019 and pdf_support_problem() is None:
                # The newcomer finds the 2019 progress report ready as a PDF.
                consolidated_pdf_request(reporting_year=reporting_year, actor=doit, today=sent_on)
    return UnitReport.objects.filter(reporting_year__plan=plan).count()
