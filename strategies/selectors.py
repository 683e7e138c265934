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
