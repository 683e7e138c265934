"""A plan as JSON: what an issued version said, kept unchanged by later amendments."""

from __future__ import annotations

from decimal import Decimal

from strategies.models import ActionPlan


def _number(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def plan_snapshot(plan: ActionPlan) -> dict:
    rule = getattr(plan, "reporting_rule", None)
    return {
        "title": plan.title,
        "kind": plan.kind,
        "province": plan.province.name if plan.province else "",
        "issuer": plan.issuer.name if plan.issuer else plan.issuer_name,
        "decision_number": plan.decision_number,
        "issued_on": plan.issued_on.isoformat() if plan.issued_on else None,
        "signer": plan.signer,
        "signed_file": plan.signed_file.name if plan.signed_file else "",
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "strategy": str(plan.strategy) if plan.strategy else "",
        "other_strategies": [str(strategy) for strategy in plan.other_strategies.all()],
        "predecessor": str(plan.predecessor) if plan.predecessor else "",
        "overall_goal": plan.overall_goal,
        "targets": [
            {
                "indicator": target.indicator.name,
                "indicator_code": target.indicator.code,
                "year": target.year,
                "value": target.value_label,
                "value_min": _number(target.value_min),
                "value_max": _number(target.value_max),
                "baseline_year": target.baseline_year,
                "baseline_value": _number(target.baseline_value),
                "localises": target.localises.value_label if target.localises else "",
                "text": target.text,
            }
            for target in plan.targets.select_related("indicator", "localises__indicator")
        ],
        "tasks": [
            {
                "label": task.label,
                "text": task.text,
                "lead_agency": task.lead_agency.name if task.lead_agency else "",
                "coordinating_agencies": [
                    agency.name for agency in task.coordinating_agencies.all()
                ],
                "duties": task.duties,
            }
            for task in plan.tasks.filter(parent=None).select_related("lead_agency")
        ],
        "funding": [
            {
                "kind": source.get_kind_display(),
                "year": source.year,
                "amount": _number(source.amount),
                "text": source.text,
            }
            for source in plan.funding_sources.all()
        ],
        "reporting": None
        if rule is None
        else {
            "recipient": rule.recipient.name,
            "deadline": rule.deadline_label,
            "units": [agency.name for agency in rule.reporting_units.order_by("name")],
        },
    }
