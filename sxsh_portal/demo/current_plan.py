"""The demonstration plan of Thanh Hóa for 2021–2030 under QĐ 889/QĐ-TTg, written by the
demo DOIT officer through the same authoring services as the plan pages (strategies
.authoring.plans): a draft with its targets, tasks, funding and reporting units, then issued
with a decision number, so it obeys every rule a DOIT's plan obeys and the history names
the officer.

Idempotent: the plan is found by its title.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from strategies.authoring.plans import (
    plan_create,
    plan_funding_save,
    plan_issue,
    plan_reporting_units_set,
    plan_targets_save,
    plan_tasks_save,
)
from strategies.authoring.rows import Row
from strategies.models import (
    ActionPlan,
    AgencyAssignment,
    FundingSource,
    Indicator,
    Strategy,
    Target,
)
from sxsh_portal.audit import record_actor
from sxsh_portal.territory.models import Agency

SEED_PLAN_2017_2020 = 1
NATIONAL_PROGRAMME = "889/QĐ-TTg"
DEMO_PLAN_TITLE = (
    "[Minh họa] Kế hoạch hành động thực hiện Chương trình hành động quốc gia về sản xuất và "
    "tiêu dùng bền vững giai đoạn 2021 - 2030 trên địa bàn tỉnh Thanh Hóa"
)
DEMO_NOTE = (
    "DỮ LIỆU MINH HỌA do lệnh setup_demo tạo để trình diễn cổng thông tin; không phải văn bản "
    "thật. Số, ngày quyết định, người ký, các mục tiêu, nhiệm vụ và báo cáo là giả định."
)
# An invented decision, numbered and dated as the province's plans are (…/KH-UBND).
DEMO_DECISION = ("215/KH-UBND", datetime.date(2021, 9, 20), "Phó Chủ tịch UBND tỉnh (minh họa)")
ZONE_BOARD = "Ban Quản lý Khu kinh tế Nghi Sơn và các khu công nghiệp"

# indicator code, 2030 target (min, max), baseline 2020, wording
TARGETS = [
    (
        "industry-material-consumption-cut",
        (7, 10),
        0,
        "Giảm 7 - 10% mức tiêu hao nguyên liệu, nhiên liệu, vật liệu của các cơ sở dệt "
        "may, xi măng, chế biến thủy hải sản trên địa bàn tỉnh (minh họa).",
    ),
    (
        "parks-clusters-villages-scp-aware",
        (100, 100),
        40,
        "100% khu công nghiệp, cụm công nghiệp, làng nghề trên địa bàn tỉnh được phổ biến, "
        "nâng cao nhận thức về sản xuất và tiêu dùng bền vững (minh họa).",
    ),
]
FUNDING = [
    (FundingSource.Kind.CENTRAL_BUDGET, "Kinh phí Chương trình quốc gia (minh họa)."),
    (FundingSource.Kind.PROVINCIAL_BUDGET, "Ngân sách tỉnh, kinh phí khuyến công."),
    (FundingSource.Kind.ENTERPRISE, "Vốn của doanh nghiệp áp dụng mô hình."),
]
RULE_TEXT = (
    "Định kỳ hằng năm, UBND các xã, phường và Ban Quản lý Khu kinh tế Nghi Sơn và các khu công "
    "nghiệp báo cáo kết quả thực hiện về Sở Công Thương trước ngày 15 tháng 12 (minh họa)."
)


def _national_target(code: str, year: int) -> Target | None:
    return Target.objects.filter(
        phase__strategy__number=NATIONAL_PROGRAMME, indicator__code=code, year=year
    ).first()


def _target_rows() -> list[Row]:
    return [
        Row(
            instance=None,
            values={
                "indicator": Indicator.objects.get(code=code),
                "year": 2030,
                "value_min": Decimal(low),
                "value_max": Decimal(high),
                "baseline_year": 2020,
                "baseline_value": Decimal(baseline),
                "localises": _national_target(code, 2030),
                "text": text,
            },
        )
        for code, (low, high), baseline, text in TARGETS
    ]


def _task_rows(doit: Agency, zone: Agency | None) -> list[Row]:
    tasks = [
        (
            "Tuyên truyền, phổ biến về sản xuất và tiêu dùng bền vững cho doanh nghiệp, "
            "khu, cụm công nghiệp và làng nghề.",
            doit,
        ),
        ("Hỗ trợ doanh nghiệp xây dựng, áp dụng mô hình sản xuất và tiêu dùng bền vững.", doit),
        (
            "Hướng dẫn doanh nghiệp trong Khu kinh tế Nghi Sơn và các khu công nghiệp áp "
            "dụng sản xuất sạch hơn, sử dụng hiệu quả tài nguyên.",
            zone,
        ),
    ]
    return [
        Row(instance=None, values={"text": text, "label": f"{number}.", "lead_agency": lead})
        for number, (text, lead) in enumerate(tasks, start=1)
    ]


def _assignments_record(plan: ActionPlan, *, actor, doit: Agency, zone: Agency | None) -> None:
    """Who does what, and whom the yearly reports are forwarded to.

    Private on purpose: the authoring pages write neither the assignments nor the rule's
    forwarding and wording yet (the seed documents carry them), and a commune's report
    lists the duties assigned to it. Each row is checked by the model's rules and saved
    with the acting user, as the services do."""
    Role = AgencyAssignment.Role
    rows = [
        (
            "Sở Công Thương",
            [doit],
            "",
            Role.LEAD,
            "Chủ trì triển khai Kế hoạch; tổng hợp báo cáo hằng năm gửi Bộ Công Thương, UBND tỉnh.",
        ),
        (
            "Ủy ban nhân dân các xã, phường",
            [],
            Agency.Kind.COMMUNE_COMMITTEE,
            Role.COORDINATING,
            "Tuyên truyền trên địa bàn; theo dõi các cơ sở, làng nghề; báo cáo kết quả về "
            "Sở Công Thương trước ngày 15 tháng 12 hằng năm.",
        ),
    ]
    if zone is not None:
        rows.append(
            (
                ZONE_BOARD,
                [zone],
                "",
                Role.IMPLEMENTING,
                "Hướng dẫn doanh nghiệp trong khu kinh tế, khu công nghiệp; báo cáo kết quả "
                "về Sở Công Thương trước ngày 15 tháng 12 hằng năm.",
            )
        )
    for position, (assignee, agencies, covers_kind, role, duties) in enumerate(rows, start=1):
        assignment = AgencyAssignment(
            plan=plan,
            position=position,
            assignee=assignee,
            covers_kind=covers_kind,
            role=role,
            duties=duties,
        )
        _saved(assignment, actor)
        assignment.agencies.set(agencies)
    rule = plan.reporting_rule
    rule.text = RULE_TEXT
    _saved(rule, actor)
    rule.forwarded_to.set(
        Agency.objects.filter(
            kind__in=(Agency.Kind.MINISTRY, Agency.Kind.PROVINCIAL_COMMITTEE),
            name__in=("Bộ Công Thương", "Ủy ban nhân dân tỉnh Thanh Hóa"),
        )
    )
    # That the plan is a demonstration is no field of the plan's form.
    plan.refresh_from_db()
    plan.source_note = DEMO_NOTE
    _saved(plan, actor)


def _saved(instance, actor):
    record_actor(instance, actor)
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def demo_plan_ensure(
    *, province, doit_user, doit: Agency, units: list[Agency], zone: Agency | None
) -> ActionPlan:
    """The demonstration plan, issued; written once, found by its title afterwards."""
    plan = ActionPlan.objects.filter(province=province, title=DEMO_PLAN_TITLE).first()
    if plan is not None:
        return plan
    decision_number, issued_on, signer = DEMO_DECISION
    plan = plan_create(
        actor=doit_user,
        province=province,
        issuer=doit,
        values={
            "kind": ActionPlan.Kind.PLAN,
            "title": DEMO_PLAN_TITLE,
            "strategy": Strategy.objects.get(number=NATIONAL_PROGRAMME),
            "predecessor": ActionPlan.objects.filter(pk=SEED_PLAN_2017_2020).first(),
            "period_start": 2021,
            "period_end": 2030,
            "overall_goal": "Thúc đẩy sản xuất và tiêu dùng bền vững trên địa bàn tỉnh, góp "
            "phần thực hiện các mục tiêu của Chương trình hành động quốc gia (minh họa).",
            "decision_number": decision_number,
            "issued_on": issued_on,
            "signer": signer,
        },
        deadline_day=15,
        deadline_month=12,
    )
    plan_targets_save(plan=plan, actor=doit_user, rows=_target_rows())
    plan_tasks_save(plan=plan, actor=doit_user, rows=_task_rows(doit, zone))
    plan_funding_save(
        plan=plan,
        actor=doit_user,
        rows=[Row(instance=None, values={"kind": kind, "text": text}) for kind, text in FUNDING],
    )
    plan_reporting_units_set(plan=plan, actor=doit_user, agencies=units)
    _assignments_record(plan, actor=doit_user, doit=doit, zone=zone)
    plan_issue(plan=plan, actor=doit_user)
    plan.refresh_from_db()
    return plan
