"""Reads for strategies and plans, filtered by the user's Scope.

Strategies and the indicator catalogue are public. Plans and agencies are scoped: the
ministry sees all; province and reporting-unit users see their readable provinces. Plans
whose province is unknown are visible to the ministry only.
"""

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from sxsh_portal.accounts.access import Scope, get_scoped_or_404
from sxsh_portal.territory.models import Agency

from . import access
from .models import (
    ActionPlan,
    AgencyAssignment,
    Indicator,
    Phase,
    SolutionGroup,
    Strategy,
    Target,
    Task,
)


def strategy_list() -> QuerySet[Strategy]:
    return Strategy.objects.prefetch_related("phases").order_by("issued_on", "number")


def strategy_get(*, pk: int) -> Strategy:
    queryset = Strategy.objects.prefetch_related(
        Prefetch(
            "phases",
            queryset=Phase.objects.prefetch_related(
                Prefetch("targets", queryset=Target.objects.select_related("indicator"))
            ),
        ),
        Prefetch("tasks", queryset=Task.objects.filter(parent=None).prefetch_related("items")),
        Prefetch("solutiongroups", queryset=SolutionGroup.objects.prefetch_related("items")),
        "schemes",
    )
    return get_object_or_404(queryset, pk=pk)


def indicator_list() -> QuerySet[Indicator]:
    return Indicator.objects.order_by("code")


def indicators_of(codes) -> QuerySet[Indicator]:
    """The catalogue's indicators with these codes (unordered: the caller orders)."""
    return Indicator.objects.filter(code__in=codes)


def national_targets(indicator_code: str | None = None) -> dict[str, list[Target]]:
    """The strategies' targets (those of a phase) by indicator code, in one query."""
    targets = Target.objects.filter(phase__isnull=False)
    if indicator_code is not None:
        targets = targets.filter(indicator__code=indicator_code)
    found: dict[str, list[Target]] = {}
    for target in targets.select_related("indicator", "phase").order_by("year", "position", "pk"):
        found.setdefault(target.indicator.code, []).append(target)
    return found


def targets_of_plans(plan_ids) -> QuerySet[Target]:
    """The plans' own targets, with the indicator and the national target each localises."""
    return Target.objects.filter(plan_id__in=plan_ids).select_related(
        "indicator", "localises", "localises__indicator"
    )


def plan_get(*, scope: Scope, pk: int) -> ActionPlan:
    queryset = (
        access.plans_readable(scope)
        .select_related("issuer", "reporting_rule__recipient")
        .prefetch_related("reporting_rule__forwarded_to", "reporting_rule__reporting_units")
        .prefetch_related(
            Prefetch(
                "targets",
                queryset=Target.objects.select_related("indicator", "localises__phase"),
            ),
            Prefetch(
                "tasks",
                queryset=Task.objects.filter(parent=None)
                .select_related("lead_agency")
                .prefetch_related("items"),
            ),
            Prefetch("solutiongroups", queryset=SolutionGroup.objects.prefetch_related("items")),
            Prefetch("assignments", queryset=AgencyAssignment.objects.prefetch_related("agencies")),
            "funding_sources",
            "review_figures__indicator",
            "versions",
        )
    )
    return get_scoped_or_404(queryset, pk=pk)


def plan_chain(*, scope: Scope, plan: ActionPlan) -> list[ActionPlan]:
    """The plan with its predecessors and successors, oldest first, within the scope."""
    visible = access.plans_readable(scope)
    chain = [plan]
    seen = {plan.pk}
    earlier = plan.predecessor_id
    while earlier is not None and earlier not in seen:
        previous = visible.filter(pk=earlier).first()
        if previous is None:
            break
        chain.insert(0, previous)
        seen.add(previous.pk)
        earlier = previous.predecessor_id
    later = visible.filter(predecessor=plan).order_by("period_start", "pk").first()
    while later is not None and later.pk not in seen:
        chain.append(later)
        seen.add(later.pk)
        later = visible.filter(predecessor=later).order_by("period_start", "pk").first()
    return chain


def plan_reporting_agencies(*, plan: ActionPlan) -> QuerySet[Agency]:
    """The agencies that report under a plan's reporting rule (one unit report each)."""
    rule = getattr(plan, "reporting_rule", None)
    if rule is None:
        return Agency.objects.none()
    condition = Q(pk__in=rule.reporting_units.values("pk"))
    if rule.reporting_unit_kind and plan.province_id is not None:
        condition |= Q(kind=rule.reporting_unit_kind, province_id=plan.province_id)
    return Agency.objects.filter(condition).order_by("name")


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
    """The plan's tasks the agency leads."""
    return Task.objects.filter(plan=plan, lead_agency=agency).order_by("position", "pk")
