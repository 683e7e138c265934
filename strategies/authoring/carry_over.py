"""Carrying a plan issued before the 2025 reform over to today's province, in one step.

A plan of 2021–2025 (or earlier) names districts that were abolished on 01/07/2025. The DOIT
of the province that succeeded the plan's province starts a new draft from it: the chosen
targets and tasks are copied (targets keep their indicator, so its trend runs on across the
reform), and the district committees give way to the committees of today's communes, wards
and special zones of the successor province (the territory app records which new province
each old one became). Baselines are not copied: the new plan must state its own.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sxsh_portal.audit import record_actor
from sxsh_portal.territory.models import REFORM_2025_FROM, AdministrativeUnit, Agency

from ..models import ActionPlan, ReportingRule, Strategy, Target, Task
from .plans import commune_committees_ensure

ABOLISHED_KINDS = (Agency.Kind.DISTRICT_COMMITTEE,)


def carry_over_province(plan: ActionPlan) -> AdministrativeUnit | None:
    """Today's province that answers for the plan's old province, if exactly one."""
    if plan.province is None or plan.province.valid_to is None:
        return None
    successors = list(plan.province.successors.filter(valid_to__isnull=True))
    return successors[0] if len(successors) == 1 else None


def can_carry_over(plan: ActionPlan) -> bool:
    issued_before = plan.issued_on is None or plan.issued_on < REFORM_2025_FROM
    return (
        plan.status == ActionPlan.Status.ISSUED
        and issued_before
        and carry_over_province(plan) is not None
    )


def kept_units(plan: ActionPlan) -> list[Agency]:
    """Reporting units that outlived the reform: zone boards, departments, …"""
    rule = getattr(plan, "reporting_rule", None)
    if rule is None:
        return []
    return list(rule.reporting_units.exclude(kind__in=ABOLISHED_KINDS))


@transaction.atomic
def plan_carry_over(
    *,
    plan: ActionPlan,
    actor,
    issuer: Agency,
    title: str,
    strategy: Strategy,
    period_start: int,
    period_end: int,
    targets: list[Target],
    tasks: list[Task],
    keep_units: list[Agency],
    all_communes: bool,
) -> ActionPlan:
    """A new draft plan of today's province continuing an old one."""
    province = carry_over_province(plan)
    if not can_carry_over(plan) or province is None:
        raise ValidationError(
            _(
                "Chỉ chuyển tiếp được kế hoạch đã ban hành trước 01/07/2025 của một tỉnh đã sáp "
                "nhập hoặc đổi địa giới."
            )
        )
    if issuer.province_id != province.pk:
        raise ValidationError(
            _("Chỉ Sở Công Thương của tỉnh kế thừa được chuyển tiếp kế hoạch này.")
        )
    errors = []
    if not title.strip():
        errors.append(_("Hãy nhập tên kế hoạch mới."))
    if period_start is None or period_end is None or period_start > period_end:
        errors.append(_("Giai đoạn của kế hoạch mới không hợp lệ."))
    elif period_start < REFORM_2025_FROM.year:
        errors.append(_("Kế hoạch mới phải bắt đầu từ năm 2025 trở đi."))
    if any(target.plan_id != plan.pk for target in targets) or any(
        task.plan_id != plan.pk for task in tasks
    ):
        errors.append(_("Chỉ chuyển được mục tiêu và nhiệm vụ của kế hoạch này."))
    allowed_units = {agency.pk for agency in kept_units(plan)}
    if any(agency.pk not in allowed_units for agency in keep_units):
        errors.append(_("Chỉ giữ được các đơn vị báo cáo của kế hoạch cũ còn tồn tại."))
    if not keep_units and not all_communes:
        errors.append(_("Kế hoạch mới phải có ít nhất một đơn vị báo cáo."))
    if errors:
        raise ValidationError(errors)

    new = ActionPlan(
        kind=plan.kind,
        title=title.strip(),
        province=province,
        issuer=issuer,
        issuer_name=issuer.name,
        status=ActionPlan.Status.DRAFT,
        strategy=strategy,
        predecessor=plan,
        period_start=period_start,
        period_end=period_end,
        overall_goal=plan.overall_goal,
        source_note=_("Chuyển tiếp từ kế hoạch %(plan)s.") % {"plan": plan},
    )
    new.full_clean()
    record_actor(new, actor)
    new.save()
    for position, target in enumerate(targets, start=1):
        copy = Target(
            plan=new,
            indicator=target.indicator,
            year=period_end,
            value_min=target.value_min,
            value_max=target.value_max,
            text=target.text,
            position=position,
        )
        record_actor(copy, actor)
        copy.save()
    for position, task in enumerate(tasks, start=1):
        lead = task.lead_agency
        copy = Task(
            plan=new,
            label=task.label,
            text=task.text,
            duties=task.duties,
            position=position,
            lead_agency=lead if lead is not None and lead.kind not in ABOLISHED_KINDS else None,
        )
        record_actor(copy, actor)
        copy.save()
        copy.coordinating_agencies.set(task.coordinating_agencies.exclude(kind__in=ABOLISHED_KINDS))
    old_rule = getattr(plan, "reporting_rule", None)
    rule = ReportingRule(
        plan=new,
        recipient=issuer,
        deadline_day=old_rule.deadline_day if old_rule else 15,
        deadline_month=old_rule.deadline_month if old_rule else 12,
    )
    record_actor(rule, actor)
    rule.save()
    units = list(keep_units)
    if all_communes:
        units += commune_committees_ensure(actor=actor, province=province)
    rule.reporting_units.set({agency.pk for agency in units})
    return new
