"""Write fixtures/strategies/{agencies,indicators,strategies,plans}.json."""

import json

from . import plan_contents, plans, programmes
from .agencies import agencies
from .indicators import indicators
from .seeds import OUT


def main():
    # The order is the pks' order: strategies.json takes the first pks of the models it shares
    # with plans.json, and each plan's rows follow the plan before it.
    national = programmes.build()
    plan_rows = plans.build(national)
    plan_contents.thanh_hoa(plan_rows, national.N)
    plan_contents.ha_giang(plan_rows, national.N)
    plan_contents.green_growth(plan_rows)

    for name, data in [
        ("agencies", agencies),
        ("indicators", indicators),
        ("strategies", national.rows),
        ("plans", plan_rows),
    ]:
        (OUT / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        print(name, len(data))
