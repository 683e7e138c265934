"""What the authoring tests share: formset bodies and a plan with everything needed to issue
it (the programme and communes fixtures live in conftest.py)."""

import datetime
from decimal import Decimal

from strategies.authoring import plans
from strategies.authoring.rows import Row
from tests.strategies.drafts import draft_plan


def formset_data(rows: list[dict], *, initial: int = 0) -> dict:
    """A modelformset's POST body (prefix "form") from the rows' field values."""
    data = {
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": str(initial),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"form-{index}-{name}"] = value
    return data


def plan_with_content(province_user, programme, communes):
    strategy, share, national = programme
    plan = draft_plan(province_user, strategy=strategy)
    plan.decision_number, plan.issued_on, plan.signer = (
        "100/QĐ-UBND",
        datetime.date(2026, 2, 1),
        "Phó Chủ tịch",
    )
    plan.save()
    plans.plan_targets_save(
        plan=plan,
        actor=province_user,
        rows=[
            Row(
                instance=None,
                values={
                    "indicator": share,
                    "localises": national,
                    "year": 2030,
                    "value_min": Decimal(90),
                    "value_max": None,
                    "baseline_year": 2025,
                    "baseline_value": Decimal("42.5"),
                    "text": "",
                },
            )
        ],
    )
    plans.plan_tasks_save(
        plan=plan,
        actor=province_user,
        rows=[Row(instance=None, values={"label": "1", "text": "Tuyên truyền", "duties": ""})],
    )
    plans.plan_reporting_units_set(plan=plan, actor=province_user, agencies=[], all_communes=True)
    return plan
