"""The figures of `make bench`: the machine it ran on and the table it prints."""

from __future__ import annotations

import os
import platform
import subprocess


def machine() -> dict:
    cpu = ""
    with open("/proc/cpuinfo") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as handle:
        memory_kb = int(handle.readline().split()[1])
    pg = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SHOW server_version"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "postgresql": pg,
    }


def load_average() -> list[float]:
    """The machine's 1-, 5- and 15-minute load: the bench shares its cores."""
    return [round(value, 2) for value in os.getloadavg()]


def _page_flags(page: dict) -> str:
    """Both halves of a judged page's goal: "yes/NO" reads p95 met, floor ratio missed;
    the others are judged on their floor ratio alone."""
    keys = ("p95_goal_met", "floor_goal_met") if page.get("judged") else ("floor_goal_met",)
    if any(key not in page for key in keys):
        return ""
    return "/".join("yes" if page[key] else "NO" for key in keys)


def table(results: dict) -> str:
    lines = [f"{'measure':<44} {'value':>24} {'reference':>22} {'goal':>21} {'met':>7}"]

    def add(name, value, reference, goal, met):
        flag = met if isinstance(met, str) else ("" if met is None else ("yes" if met else "NO"))
        lines.append(f"{name:<44} {value:>24} {reference:>22} {goal:>21} {flag:>7}")

    for page in results["pages"]["pages"]:
        if "error" in page:
            add(page["page"][:44], page["error"], "", "", None)
            continue
        add(
            page["page"][:44],
            f"{page['p50_ms']}/{page['p95_ms']} ms, {page['queries']} q",
            f"{page.get('floor_ms')}+{page['sql_reference_ms']} ms "
            f"({page.get('ratio_p95_to_floor_plus_sql')}×)",
            "p95≤150, ≤1.5×(F+SQL)" if page.get("judged") else "≤1.5×(F+SQL)",
            _page_flags(page),
        )
    pdf = results["pdf"]
    if "seconds" in pdf:
        add(
            "consolidated PDF",
            f"{pdf['seconds']} s, {pdf['peak_mb']} MB",
            f"{pdf['reference_seconds']} s",
            "≤4 s, ≤1.2×, ≤400MB",
            pdf["goal_met"],
        )
    else:
        add(
            "consolidated PDF",
            pdf.get("note", pdf.get("error", ""))[:22],
            f"{pdf.get('reference_seconds')} s",
            "≤4 s",
            None,
        )
    batch = pdf.get("batch") or {}
    if "wall_seconds" in batch:
        add(
            f"PDF batch {batch.get('year', '')}: {batch.get('documents')} provinces",
            f"{batch['wall_seconds']} s, peak {max(batch['worker_peak_mb'])} MB",
            f"{batch.get('documents_per_min')} docs/min",
            "2 workers ≤400MB",
            batch.get("goal_met"),
        )
    elif batch:
        add("PDF batch", str(batch.get("error", batch.get("note", "")))[:22], "", "", None)
    imp = results["import"]
    for kind in ("read-project", "read-calamine", "plain", "project"):
        data = imp.get(kind, {})
        value = (
            f"{data.get('rows_per_s')} rows/s, {data.get('peak_mb')} MB"
            if "rows_per_s" in data
            else data.get("error", "")[:22]
        )
        add(
            f"import {data.get('rows', imp['rows']):,} rows: {kind}",
            value,
            f"{imp.get('ratio_to_plain')}× plain" if kind == "project" else "",
            "≥20k rows/s, ≥4×" if kind == "project" else "",
            imp.get("goal_met") if kind == "project" else None,
        )
    load = results["load"]
    if "p95_ms" in load:
        add(
            f"load {load['users']} users {load['seconds']} s",
            f"{load['requests_per_s']} req/s p95 {load['p95_ms']} ms",
            f"{load['errors']} errors",
            "p95≤300, 0 errors",
            load["goal_met"],
        )
    else:
        add("load", load.get("note", load.get("error", ""))[:22], "", "", None)
    _deadline_rows(results.get("deadline") or {}, add)
    if results.get("load_average"):
        before, after = results["load_average"]["start"], results["load_average"]["end"]
        add(
            "machine load average 1/5/15 min: end",
            "/".join(map(str, after)),
            "start " + "/".join(map(str, before)),
            "",
            None,
        )
    return "\n".join(lines)


def _deadline_rows(deadline: dict, add) -> None:
    """The deadline day: the run, each request kind, the figures checked, the worker models."""
    if "p95_ms" not in deadline:
        if deadline:
            add(
                "deadline day",
                str(deadline.get("note", deadline.get("error", "")))[:24],
                "",
                "",
                None,
            )
        return
    add(
        f"deadline {deadline['users']} users {deadline['seconds']} s",
        f"{deadline['requests_per_s']} req/s p95 {deadline['p95_ms']} ms",
        f"{deadline['errors']} errors, {deadline['gunicorn']}",
        "p95≤300 each, 0 err",
        deadline["goal_met"],
    )
    for name, row in sorted(deadline["by_request"].items()):
        add(
            f"  {name}"[:44],
            f"{row['p50_ms']:.0f}/{row['p95_ms']:.0f} ms, {row['requests']} req",
            f"{row['failures']} errors",
            "p95≤300",
            row["p95_ms"] <= 300 and row["failures"] == 0,
        )
    check = deadline.get("integrity") or {}
    add(
        "  figures checked after the run",
        f"{check.get('saves')} saves, {check.get('submitted')} sent",
        f"{check.get('lost')} lost, {check.get('duplicated')} dup",
        "0 lost, 0 duplicated",
        check.get("goal_met"),
    )
    for model in deadline.get("models", []):
        add(
            f"  worker model {model['gunicorn']} ({model['seconds']} s)"[:44],
            f"{model.get('requests_per_s')} req/s p95 {model.get('p95_ms')} ms",
            f"{model.get('errors')} errors",
            "(compared)",
            None,
        )
