from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from sxsh_portal.accounts.access import scope_for

from . import selectors


def strategy_list(request):
    return render(
        request,
        "strategies/strategy_list.html",
        {"strategies": selectors.strategy_list(), "indicators": selectors.indicator_list()},
    )


def strategy_detail(request, pk):
    strategy = selectors.strategy_get(pk=pk)
    return render(request, "strategies/strategy_detail.html", {"strategy": strategy})


def indicator_list(request):
    return render(
        request, "strategies/indicator_list.html", {"indicators": selectors.indicator_list()}
    )


@login_required
def plan_list(request):
    plans = selectors.plan_list(scope=scope_for(request.user))
    return render(request, "strategies/plan_list.html", {"plans": plans})


@login_required
def plan_detail(request, pk):
    scope = scope_for(request.user)
    plan = selectors.plan_get(scope=scope, pk=pk)
    context = {
        "plan": plan,
        "chain": selectors.plan_chain(scope=scope, plan=plan),
        "reporting_agencies": selectors.plan_reporting_agencies(plan=plan),
    }
    return render(request, "strategies/plan_detail.html", context)


@login_required
def agency_list(request):
    agencies = selectors.agency_list(scope=scope_for(request.user))
    return render(request, "strategies/agency_list.html", {"agencies": agencies})
