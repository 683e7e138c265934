from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from sxsh_portal.accounts.access import scope_for

from . import access, selectors
from .authoring.carry_over import can_carry_over
from .authoring.views_plans import SECTIONS
from .authoring.views_programmes import SECTION_TITLES as PROGRAMME_SECTIONS

SECTION_TITLES = {key: value[0] for key, value in SECTIONS.items()}


def strategy_list(request):
    context = {
        "strategies": selectors.strategy_list(),
        "indicators": selectors.indicator_list(),
        "can_edit": access.can_edit_programmes(scope_for(request.user)),
    }
    return render(request, "strategies/strategy_list.html", context)


def strategy_detail(request, pk):
    strategy = selectors.strategy_get(pk=pk)
    context = {
        "strategy": strategy,
        "can_edit": access.can_edit_programmes(scope_for(request.user)),
        "sections": PROGRAMME_SECTIONS,
    }
    return render(request, "strategies/strategy_detail.html", context)


def indicator_list(request):
    context = {
        "indicators": selectors.indicator_list(),
        "can_edit": access.can_edit_programmes(scope_for(request.user)),
    }
    return render(request, "strategies/indicator_list.html", context)


def plan_list(request):
    # Issued plans are public documents; drafts are listed to their DOIT and the Ministry.
    scope = scope_for(request.user)
    plans = access.plans_readable(scope)
    context = {"plans": plans, "can_write": access.writing_agency(request.user, scope) is not None}
    return render(request, "strategies/plan_list.html", context)


def plan_detail(request, pk):
    scope = scope_for(request.user)
    plan = selectors.plan_get(scope=scope, pk=pk)
    versions = list(plan.versions.all())
    if plan.status == plan.Status.AMENDING and not access.sees_unpublished(scope, plan):
        # Readers keep the issued text while the DOIT drafts an amendment.
        return redirect(versions[-1])
    context = {
        "plan": plan,
        "chain": selectors.plan_chain(scope=scope, plan=plan),
        "reporting_agencies": selectors.plan_reporting_agencies(plan=plan),
        "versions": versions,
        "can_write": access.can_write_plan(scope, plan),
        "can_carry_over": access.can_write_plan(scope, plan) and can_carry_over(plan),
        "sections": SECTION_TITLES,
    }
    return render(request, "strategies/plan_detail.html", context)


@login_required
def agency_list(request):
    agencies = access.agencies_visible(scope_for(request.user))
    return render(request, "strategies/agency_list.html", {"agencies": agencies})
