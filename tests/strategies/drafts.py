"""Draft plans made through the DOIT's own service, for the tests that need one."""

from strategies.authoring import plans
from strategies.models import ActionPlan, Strategy
from sxsh_portal.accounts.models import RoleAssignment
from sxsh_portal.territory.models import Agency


def doit_of(user) -> Agency:
    return user.assignments.get(role=RoleAssignment.Role.PROVINCE).agency


def draft_plan(user, *, strategy: Strategy | None = None, title="Kế hoạch dự thảo") -> ActionPlan:
    """A draft 2026–2030 plan of the user's (today's) province, written by its DOIT."""
    doit = doit_of(user)
    strategy = strategy or Strategy.objects.order_by("pk").first()
    return plans.plan_create(
        actor=user,
        province=doit.province,
        issuer=doit,
        values={
            "kind": ActionPlan.Kind.PLAN,
            "title": title,
            "strategy": strategy,
            "period_start": 2026,
            "period_end": 2030,
        },
        deadline_day=15,
        deadline_month=12,
    )
