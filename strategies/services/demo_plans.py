"""Minimal writes for a province's action plan: create the plan, its tasks, funding,
assignments and reporting rule, and record today's commune committees as reporting units.

Written for the demo of `make run` (reporting.services.demo_current), which must go through
services as a DOIT would; the plan-authoring pages of issue 16 may replace or extend them.
Each function validates with the model's rules (full_clean) and records the acting user in
the history.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sxsh_portal.territory.models import AdministrativeUnit, Agency

from ..models import (
    ActionPlan,
    AgencyAssignment,
    FundingSource,
    ReportingRule,
    Strategy,
    Task,
)


def _saved(instance, actor):
    # simple_history reads this attribute to record who made the change outside a request.
    instance._history_user = actor
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def plan_create(
    *,
    actor,
    province: AdministrativeUnit,
    title: str,
    strategy: Strategy | None,
    period_start: int,
    period_end: int,
    issuer_name: str,
    issuer: Agency | None = None,
    decision_number: str = "",
    issued_on: datetime.date | None = None,
    predecessor: ActionPlan | None = None,
    overall_goal: str = "",
    source_note: str = "",
) -> ActionPlan:
    """A province's action plan under a national programme, for today's province."""
    if province.level != AdministrativeUnit.Level.PROVINCE:
        raise ValidationError({"province": _("Kế hoạch phải thuộc một tỉnh, thành phố.")})
    plan = ActionPlan(
        kind=ActionPlan.Kind.PLAN,
        title=title,
        province=province,
        strategy=strategy,
        period_start=period_start,
        period_end=period_end,
        issuer_name=issuer_name,
        issuer=issuer,
        decision_number=decision_number,
        issued_on=issued_on,
        predecessor=predecessor,
        overall_goal=overall_goal,
        source_note=source_note,
    )
    return _saved(plan, actor)


@transaction.atomic
def plan_task_create(
    *,
    actor,
    plan: ActionPlan,
    text: str,
    label: str = "",
    position: int = 0,
    lead_agency: Agency | None = None,
    parent: Task | None = None,
) -> Task:
    if parent is not None and parent.plan_id != plan.pk:
        raise ValidationError({"parent": _("Nhiệm vụ cha phải thuộc cùng kế hoạch.")})
    task = Task(
        plan=plan,
        text=text,
        label=label,
        position=position,
        lead_agency=lead_agency,
        parent=parent,
    )
    return _saved(task, actor)


@transaction.atomic
def plan_funding_source_create(
    *, actor, plan: ActionPlan, kind: str, text: str, position: int = 0
) -> FundingSource:
    return _saved(FundingSource(plan=plan, kind=kind, text=text, position=position), actor)


@transaction.atomic
def plan_assignment_create(
    *,
    actor,
    plan: ActionPlan,
    assignee: str,
    role: str,
    duties: str,
    agencies: Iterable[Agency] = (),
    covers_kind: str = "",
    position: int = 0,
) -> AgencyAssignment:
    assignment = _saved(
        AgencyAssignment(
            plan=plan,
            assignee=assignee,
            role=role,
            duties=duties,
            covers_kind=covers_kind,
            position=position,
        ),
        actor,
    )
    assignment.agencies.set(list(agencies))
    return assignment


@transaction.atomic
def plan_reporting_rule_set(
    *,
    actor,
    plan: ActionPlan,
    recipient: Agency,
    deadline_day: int,
    deadline_month: int,
    reporting_units: Iterable[Agency],
    forwarded_to: Iterable[Agency] = (),
    text: str = "",
) -> ReportingRule:
    """Who reports under the plan, to whom, and by which day of each year."""
    units = list(reporting_units)
    provinces = _province_and_predecessors(plan)
    outside = [unit for unit in units if unit.province_id not in provinces]
    if outside:
        raise ValidationError(
            {
                "reporting_units": _("Đơn vị báo cáo không thuộc tỉnh của kế hoạch: %(names)s.")
                % {"names": ", ".join(unit.name for unit in outside)}
            }
        )
    rule = ReportingRule.objects.filter(plan=plan).first() or ReportingRule(plan=plan)
    rule.recipient = recipient
    rule.deadline_day = deadline_day
    rule.deadline_month = deadline_month
    rule.text = text
    _saved(rule, actor)
    rule.reporting_units.set(units)
    rule.forwarded_to.set(list(forwarded_to))
    return rule


def _province_and_predecessors(plan: ActionPlan) -> set[int]:
    # A board recorded under the pre-2025 province still reports to today's province.
    return {plan.province_id, *plan.province.predecessors.values_list("pk", flat=True)}


@transaction.atomic
def commune_committees_ensure(
    *, actor, province: AdministrativeUnit, communes: Iterable[AdministrativeUnit]
) -> list[Agency]:
    """The people's committee of each of today's communes, wards or special zones, as an
    agency of the province that can report. Idempotent; returns them in the given order."""
    communes = list(communes)
    wrong = [c for c in communes if c.level != AdministrativeUnit.Level.COMMUNE]
    wrong += [c for c in communes if c.parent_id != province.pk]
    if wrong:
        raise ValidationError(
            _("Không phải xã, phường của tỉnh %(province)s: %(names)s.")
            % {"province": province.name, "names": ", ".join(c.name for c in wrong)}
        )
    existing = {
        agency.territory_id: agency
        for agency in Agency.objects.filter(
            kind=Agency.Kind.COMMUNE_COMMITTEE, territory__in=communes
        )
    }
    committees = []
    for commune in communes:
        agency = existing.get(commune.pk)
        if agency is None:
            agency = _saved(
                Agency(
                    name=f"UBND {commune.name[0].lower()}{commune.name[1:]}",
                    kind=Agency.Kind.COMMUNE_COMMITTEE,
                    province=province,
                    territory=commune,
                ),
                actor,
            )
        committees.append(agency)
    return committees
