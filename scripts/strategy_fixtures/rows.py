"""Builders shared by strategies.json and plans.json."""

import re

from .indicators import IND
from .seeds import q

# One counter per model across both files: they load into the same tables, so a plan's
# targets and tasks take the pks after the strategy's.
counters = {}


def add(bucket, model, fields, pk=None):
    counters[model] = counters.get(model, 0) + 1
    pk = pk or counters[model]
    bucket.append({"model": f"strategies.{model}", "pk": pk, "fields": fields})
    return pk


def target(
    bucket,
    indicator_code,
    year,
    vmin,
    vmax,
    text,
    seed,
    *,
    phase=None,
    plan=None,
    localises=None,
    position=0,
):
    return add(
        bucket,
        "target",
        {
            "indicator": IND[indicator_code],
            "phase": phase,
            "plan": plan,
            "year": year,
            "value_min": None if vmin is None else f"{vmin}",
            "value_max": None if vmin is None else f"{vmax if vmax is not None else vmin}",
            "localises": localises,
            "text": q(seed, text) if text else "",
            "position": position,
        },
    )


def task(bucket, text, seed, *, strategy=None, plan=None, parent=None, label="", position=0):
    return add(
        bucket,
        "task",
        {
            "strategy": strategy,
            "plan": plan,
            "parent": parent,
            "label": label,
            "position": position,
            "text": q(seed, text),
            "lead_agency": None,
        },
    )


def split_item(raw):
    m = re.match(r"^([a-z])\) (.*)$", raw)
    return (f"{m.group(1)})", m.group(2)) if m else ("", raw)


def tasks_from(bucket, seed, spec, **owner):
    for i, (title, items) in enumerate(spec, start=1):
        parent = task(bucket, title, seed, label=f"{i}.", position=i, **owner)
        for j, item in enumerate(items, start=1):
            label, text = split_item(item)
            task(bucket, text, seed, parent=parent, label=label or "-", position=j, **owner)


def solution_groups(bucket, seed, groups, **owner):
    for i, (title, items) in enumerate(groups, start=1):
        g = add(
            bucket,
            "solutiongroup",
            {
                "label": f"{i}.",
                "position": i,
                "title": q(seed, title),
                "strategy": None,
                "plan": None,
                **owner,
            },
        )
        for j, item in enumerate(items, start=1):
            label, text = split_item(item)
            add(
                bucket,
                "solutionitem",
                {"group": g, "label": label, "position": j, "text": q(seed, text)},
            )
