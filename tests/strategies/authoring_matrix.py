"""The authoring pages' rows of the permission matrix (tests/test_permission_matrix.py).

Only the Ministry changes national programmes and indicators; only the province's DOIT
writes, issues and amends its plan; everyone else gets 404 (anonymous: the login page), so
a DOIT never learns that another province's draft exists. Issued plans and their versions
are public.
"""

from django.core.files.base import ContentFile

from strategies.authoring.snapshot import plan_snapshot
from strategies.models import ActionPlan, Indicator, PlanVersion
from tests.strategies.drafts import draft_plan


def _draft(w, status=ActionPlan.Status.DRAFT):
    w._seed()
    plan = draft_plan(w.users["province"], strategy=w.strategy_1419(), title=f"Kế hoạch {status}")
    plan.signed_file.save("qd.pdf", ContentFile(b"%PDF-1.4 thu nghiem"))
    if status != ActionPlan.Status.DRAFT:
        ActionPlan.objects.filter(pk=plan.pk).update(status=status)
        plan.refresh_from_db()
        PlanVersion.objects.create(
            plan=plan,
            number=1,
            kind=PlanVersion.Kind.ISSUE,
            decision_number="01/QĐ-UBND",
            decided_on="2026-01-15",
            snapshot=plan_snapshot(plan),
            created_by=w.users["province"],
        )
    return plan


def authoring_cases(Case, *, everyone, signed_in, OK, FOUND, NOT_FOUND, LOGIN):
    only_ministry = {**signed_in(NOT_FOUND), "ministry": OK}
    only_doit = {**signed_in(NOT_FOUND), "province": OK}
    only_doit_post = {**signed_in(NOT_FOUND), "province": FOUND}
    return [
        Case("strategies:programme_create", only_ministry),
        Case(
            "strategies:programme_edit",
            only_ministry,
            kwargs=lambda w: {"pk": w.strategy_1419().pk},
        ),
        *(
            Case(
                "strategies:programme_section",
                only_ministry,
                kwargs=lambda w, section=section: {"pk": w.strategy_1419().pk, "section": section},
                variant=section,
            )
            for section in ("giai-doan", "muc-tieu", "nhiem-vu", "giai-phap", "de-an")
        ),
        Case("strategies:indicator_create", only_ministry),
        Case(
            "strategies:indicator_edit",
            only_ministry,
            kwargs=lambda w: (w._seed(), {"pk": Indicator.objects.order_by("pk").first().pk})[1],
        ),
        Case("strategies:plan_create", only_doit),
        Case("strategies:agency_create", only_doit),
        Case(
            "strategies:plan_detail",
            {**everyone(NOT_FOUND), "ministry": OK, "province": OK},
            kwargs=lambda w: {"pk": _draft(w).pk},
            variant="draft of Thanh Hóa",
        ),
        Case("strategies:plan_edit", only_doit, kwargs=lambda w: {"pk": _draft(w).pk}),
        *(
            Case(
                "strategies:plan_section",
                only_doit,
                kwargs=lambda w, section=section: {"pk": _draft(w).pk, "section": section},
                variant=section,
            )
            for section in ("muc-tieu", "nhiem-vu", "kinh-phi")
        ),
        Case("strategies:plan_units", only_doit, kwargs=lambda w: {"pk": _draft(w).pk}),
        Case(
            "strategies:plan_issue",
            only_doit_post,
            kwargs=lambda w: {"pk": _draft(w).pk},
            method="post",
        ),
        Case(
            "strategies:plan_amendment_start",
            only_doit_post,
            kwargs=lambda w: {"pk": _draft(w, ActionPlan.Status.ISSUED).pk},
            method="post",
        ),
        Case(
            "strategies:plan_amendment_issue",
            only_doit,
            kwargs=lambda w: {"pk": _draft(w, ActionPlan.Status.AMENDING).pk},
        ),
        Case(
            "strategies:plan_version",
            everyone(OK),
            kwargs=lambda w: {"pk": _draft(w, ActionPlan.Status.ISSUED).pk, "number": 1},
        ),
        Case(
            "strategies:plan_signed_file",
            {**everyone(NOT_FOUND), "ministry": OK, "province": OK},
            kwargs=lambda w: {"pk": _draft(w).pk},
            variant="draft",
        ),
        Case(
            "strategies:plan_signed_file",
            everyone(OK),
            kwargs=lambda w: {"pk": _draft(w, ActionPlan.Status.ISSUED).pk},
            variant="issued",
        ),
        Case(
            "strategies:plan_carry_over",
            only_doit,
            kwargs=lambda w: {"pk": w.plan("Thanh Hóa").pk},
            variant="Thanh Hóa plan of 2017",
        ),
    ]
