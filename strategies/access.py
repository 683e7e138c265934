"""Who may read and write programmes and plans: the policy every authoring page asks.

Built on the portal's one access rule (`sxsh_portal.accounts.access.scope_for`):
- national programmes (strategies) and the indicator catalogue are public; only the
  Ministry changes them;
- an issued plan is a public document; a draft is seen by its province's DOIT and the
  Ministry only; only the province's DOIT writes, issues and amends it;
- anything a user may not change answers 404, so that a DOIT does not even learn that
  another province's draft exists.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from sxsh_portal.accounts.access import Scope, get_scoped_or_404
from sxsh_portal.accounts.models import RoleAssignment
from sxsh_portal.territory.models import Agency

from .models import ActionPlan, Indicator, Strategy

PUBLISHED = (ActionPlan.Status.ISSUED, ActionPlan.Status.AMENDING)
EDITABLE = (ActionPlan.Status.DRAFT, ActionPlan.Status.AMENDING)


def can_edit_programmes(scope: Scope) -> bool:
    return scope.is_ministry


def require_ministry(scope: Scope) -> None:
    if not can_edit_programmes(scope):
        raise Http404


def programme_for_edit_or_404(scope: Scope, pk: int) -> Strategy:
    require_ministry(scope)
    return get_object_or_404(Strategy, pk=pk)


def indicator_for_edit_or_404(scope: Scope, pk: int) -> Indicator:
    require_ministry(scope)
    return get_object_or_404(Indicator, pk=pk)


def plans_readable(scope: Scope) -> QuerySet[ActionPlan]:
    """Issued plans for everyone; drafts for their province's DOIT and the Ministry."""
    plans = ActionPlan.objects.select_related("province", "strategy", "predecessor")
    if scope.is_ministry:
        return plans
    return plans.filter(Q(status__in=PUBLISHED) | Q(province_id__in=scope.province_ids))


def sees_unpublished(scope: Scope, plan: ActionPlan) -> bool:
    """Whether the user reads the plan's working rows (a draft, an amendment in progress)."""
    return scope.is_ministry or scope.manages_province(plan.province_id)


def can_write_plan(scope: Scope, plan: ActionPlan) -> bool:
    return scope.manages_province(plan.province_id)


def plans_writable(scope: Scope) -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(province_id__in=scope.province_ids)


def plan_for_write_or_404(scope: Scope, pk: int) -> ActionPlan:
    """A plan of the user's own province (any status): the DOIT's, 404 for everyone else."""
    return get_scoped_or_404(plans_writable(scope).select_related("province", "strategy"), pk=pk)


def plan_for_edit_or_404(scope: Scope, pk: int) -> ActionPlan:
    """A plan the DOIT may change now: a draft, or an issued plan under amendment."""
    plan = plan_for_write_or_404(scope, pk)
    if plan.status not in EDITABLE:
        raise Http404
    return plan


def writing_agency(user, scope: Scope) -> Agency | None:
    """The DOIT the user works for in today's province: it issues and receives the plan."""
    if not scope.is_doit:
        return None
    return (
        Agency.objects.filter(
            assignments__user=user,
            assignments__role=RoleAssignment.Role.PROVINCE,
            province__valid_to__isnull=True,
        )
        .select_related("province")
        .order_by("pk")
        .first()
    )


def agencies_visible(scope: Scope) -> QuerySet[Agency]:
    """The agencies of the provinces whose plans the user reads, and the central ones."""
    agencies = Agency.objects.select_related("province", "territory").order_by(
        "province__name", "kind", "name"
    )
    if scope.is_ministry:
        return agencies
    if not scope.readable_province_ids:
        return agencies.none()
    return agencies.filter(
        Q(province_id__in=scope.readable_province_ids) | Q(province__isnull=True)
    )
