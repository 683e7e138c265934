"""The deadline day of `make bench`: on 15/12 the commune committees of the 34 provinces fill
in and send their reports at once, the DOITs review and accept them, the Ministry watches.

    prepare   the next reporting year (the current cycle) open for every province of today,
              a tenth of its communes with an account, their reports back to untouched drafts;
              a DOIT account per province; sessions made beforehand (the officials logged in
              in the morning: logins are the working-day test's, bench/locustfile.py)
    run       bench/deadline.py with locust against gunicorn on 127.0.0.1; the worker models
              compared briefly first, then the long run with the chosen one
    check     what every simulated user last saved, sent and accepted, against the database:
              no figure lost, none duplicated, each report sent and accepted exactly once
"""

from __future__ import annotations

import functools
import json
import time
from decimal import Decimal
from importlib import import_module

from load import gunicorn_serving, locust_failures, locust_path, locust_run, locust_stats
from shared import BENCH_DIR, PASSWORD, TMP_DIR, log

GOALS = {"deadline_p95_ms": 300, "deadline_errors": 0, "deadline_lost": 0}

# The worker models compared (name, gunicorn arguments). The long run uses CHOSEN: the app is
# DB-bound Django, a request mostly waits on PostgreSQL, so a few threads per process let a
# core serve other requests meanwhile, at a thread's memory instead of a process's; async
# workers would need a green-thread-aware PostgreSQL driver (psycopg does not patch itself)
# and every view would block the loop on its queries.
MODELS = {
    "sync 2": {"workers": 2, "worker_class": "sync", "threads": 1},
    "gthread 2×4": {"workers": 2, "worker_class": "gthread", "threads": 4},
}
CHOSEN = "gthread 2×4"

# A simulated user's pace: seconds between autosaves, autosaves before sending.
PACE = {
    "full": {"wait": (10, 20), "saves": (4, 8), "doit_wait": (3, 8), "ministry": 3},
    "tiny": {"wait": (1, 3), "saves": (2, 4), "doit_wait": (1, 2), "ministry": 1},
}


def _session(user) -> str:
    """A logged-in session for `user`, as `login()` leaves it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return store.session_key


@functools.cache
def _password_hash() -> str:
    """The bench password hashed once: hashing it for each of 370 accounts would take
    minutes of PBKDF2 (the simulated users never log in with it: their sessions are made)."""
    from django.contrib.auth.hashers import make_password

    return make_password(PASSWORD)


def _account(username: str, role: str, agency):
    from django.contrib.auth import get_user_model

    from sxsh_portal.accounts.models import RoleAssignment

    account, created = get_user_model().objects.get_or_create(username=username)
    if created:
        account.password = _password_hash()
        account.save()
    RoleAssignment.objects.get_or_create(user=account, role=role, agency=agency)
    return account


def _years_open(year: int):
    """The `year` of every plan of today's provinces, opened where it is not (once: 3,321
    reports at national size)."""
    from django.contrib.auth import get_user_model

    from reporting.models import ReportingYear
    from reporting.services import reporting_year_open
    from strategies.models import ActionPlan
    from sxsh_portal.demo.synthetic import SYNTHETIC_MARKER

    actor = get_user_model().objects.get(username="bench-bo")
    plans = (
        ActionPlan.objects.filter(source_note=SYNTHETIC_MARKER, province__valid_to__isnull=True)
        .select_related("province", "reporting_rule__recipient")
        .order_by("province__code")
    )
    opened = set(ReportingYear.objects.filter(year=year).values_list("plan_id", flat=True))
    started = time.perf_counter()
    for plan in plans:
        if plan.pk not in opened:
            reporting_year_open(plan=plan, year=year, actor=actor)
    if time.perf_counter() - started > 1:
        log(f"  opened {year} for {len(plans)} provinces in {time.perf_counter() - started:.0f} s")
    return list(plans)


def _reports_reset(year: int) -> int:
    """Every report of the year back to an untouched draft: the run starts where 15/12 does,
    and a second run finds what the first did. (Bench data: no history is written.)"""
    from reporting.models import ReportTransition, UnitReport, UnitReportValue

    touched = UnitReport.objects.filter(reporting_year__year=year).exclude(
        state=UnitReport.State.DRAFT, version=1
    )
    ids = list(touched.values_list("pk", flat=True))
    ReportTransition.objects.filter(report_id__in=ids).delete()
    UnitReportValue.objects.filter(report_id__in=ids).update(reported_value=None)
    UnitReport.objects.filter(pk__in=ids).update(
        state=UnitReport.State.DRAFT,
        version=1,
        difficulties="",
        proposals="",
        first_submitted_at=None,
        submitted_at=None,
        submitted_by=None,
        accepted_at=None,
        accepted_by=None,
        returned_reason="",
    )
    return len(ids)


def prepare(*, year: int, communes: int) -> dict:
    """Accounts and sessions for `communes` commune committees (spread over the provinces),
    a DOIT per province and the Ministry; the year's reports reset."""
    from django.contrib.auth import get_user_model

    from reporting.models import UnitReport
    from sxsh_portal.accounts.models import RoleAssignment

    Role = RoleAssignment.Role
    plans = _years_open(year)
    reset = _reports_reset(year)
    by_plan = []
    for plan in plans:
        by_plan.append(
            list(
                UnitReport.objects.filter(reporting_year__plan=plan, reporting_year__year=year)
                .select_related("agency")
                .order_by("agency__name", "pk")
            )
        )
    # Round robin over the provinces: a tenth of each province's communes, not one province.
    chosen = []
    for index in range(max((len(reports) for reports in by_plan), default=0)):
        chosen += [reports[index] for reports in by_plan if index < len(reports)]
    chosen = chosen[:communes]
    units = []
    for index, report in enumerate(chosen):
        account = _account(f"bench-xa-{index:03d}", Role.UNIT, report.agency)
        units.append({"username": account.username, "report": report.pk, "session": ""})
    doits = []
    for plan in plans:
        account = _account(
            f"bench-so-{plan.province.code}", Role.PROVINCE, plan.reporting_rule.recipient
        )
        doits.append({"username": account.username, "province": plan.province_id})
    ministry = get_user_model().objects.get(username="bench-bo")
    return {
        "year": year,
        "provinces": len(plans),
        "communes_in_year": sum(len(reports) for reports in by_plan),
        "reset": reset,
        "units": units,
        "doits": doits,
        "ministry": [{"username": ministry.username}],
    }


def _sessions(context: dict, ministry_users: int) -> dict:
    """Fresh sessions for every simulated user (a run's sessions are its own)."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.in_bulk(
        [row["username"] for row in context["units"] + context["doits"] + context["ministry"]],
        field_name="username",
    )
    with_sessions = dict(context)
    for key in ("units", "doits"):
        with_sessions[key] = [
            {**row, "session": _session(users[row["username"]])} for row in context[key]
        ]
    ministry = users[context["ministry"][0]["username"]]
    with_sessions["ministry"] = [
        {"username": ministry.username, "session": _session(ministry)}
        for _user in range(ministry_users)
    ]
    return with_sessions


def _unit_problems(row: dict, report, values: dict, transitions: dict) -> list[str]:
    """How one commune's report differs from what its user last saved and sent (a request
    whose answer never came is uncertain: either outcome is right)."""
    from reporting.models import UnitReport

    problems = []
    saved = row.get("saved")
    if saved and not row.get("uncertain"):
        for figure, text in saved["values"].items():
            stored = values.get(figure)
            if stored is None or stored != Decimal(text):
                problems.append(f"{figure} saved {text}, stored {stored}")
        if report.difficulties != saved["difficulties"]:
            problems.append("difficulties saved are not stored")
    if row.get("submitted"):
        if report.state not in (UnitReport.State.SUBMITTED, UnitReport.State.ACCEPTED):
            problems.append(f"sent, stored {report.state}")
        if transitions.get((report.pk, "submit")) != 1:
            problems.append(f"{transitions.get((report.pk, 'submit'))} submit records")
    elif report.state != UnitReport.State.DRAFT and not (
        row.get("uncertain") or row.get("sending")
    ):
        problems.append(f"not sent, stored {report.state}")
    return problems


def check(record: dict, year: int) -> dict:
    """What the users last saved, sent and accepted, against the database."""
    from django.db.models import Count

    from reporting.models import ReportTransition, UnitReport, UnitReportValue

    units = record.get("units", {})
    accepted_by_doits = {int(pk) for pk in record.get("accepted", [])}
    ids = [int(pk) for pk in units]
    reports = UnitReport.objects.in_bulk(ids)
    values: dict[int, dict[str, Decimal | None]] = {}
    for report_id, figure, value in UnitReportValue.objects.filter(report_id__in=ids).values_list(
        "report_id", "figure", "reported_value"
    ):
        values.setdefault(report_id, {})[figure] = value
    transitions = {
        (row["report_id"], row["action"]): row["n"]
        for row in ReportTransition.objects.filter(report__reporting_year__year=year)
        .values("report_id", "action")
        .annotate(n=Count("pk"))
    }
    duplicated = (
        UnitReportValue.objects.filter(report__reporting_year__year=year)
        .values("report_id", "figure")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    duplicated += sum(1 for n in transitions.values() if n > 1)
    lost, problems = 0, []
    saves = submitted = 0

    def problem(report_id, text):
        nonlocal lost
        lost += 1
        if len(problems) < 10:
            problems.append(f"report {report_id}: {text}")

    for key, row in units.items():
        report_id = int(key)
        saves += row["saves"]
        submitted += bool(row.get("submitted"))
        for text in _unit_problems(row, reports[report_id], values.get(report_id, {}), transitions):
            problem(report_id, text)
    for report_id in accepted_by_doits:
        state = UnitReport.objects.values_list("state", flat=True).get(pk=report_id)
        if state != UnitReport.State.ACCEPTED or transitions.get((report_id, "accept")) != 1:
            problem(report_id, f"accepted, stored {state}")
    stray = (
        UnitReport.objects.filter(reporting_year__year=year, state=UnitReport.State.ACCEPTED)
        .exclude(pk__in=accepted_by_doits)
        .count()
    )
    if stray:
        problem("-", f"{stray} accepted reports no DOIT accepted")
    return {
        "reports": len(units),
        "saves": saves,
        "submitted": submitted,
        "accepted": len(accepted_by_doits),
        "uncertain": sum(1 for row in units.values() if row.get("uncertain")),
        "lost": lost,
        "duplicated": duplicated,
        "problems": problems,
        "goal_met": lost == 0 and duplicated == 0,
    }


def _one_run(context, *, pace, env, model: str, seconds: int, ministry: int) -> dict:
    from reporting.models import ReportingYear

    year = context["year"]
    _reports_reset(year)
    ReportingYear.objects.filter(year=year).exists()  # the connection is alive
    run_context = _sessions(context, ministry)
    record_file = TMP_DIR / "deadline_record.json"
    record_file.unlink(missing_ok=True)
    context_file = TMP_DIR / "deadline_context.json"
    context_file.write_text(json.dumps({**run_context, "pace": pace}))
    run_env = dict(env)
    run_env.update(BENCH_DEADLINE_CONTEXT=str(context_file), BENCH_DEADLINE_RECORD=str(record_file))
    users = len(run_context["units"]) + len(run_context["doits"]) + ministry
    prefix = TMP_DIR / f"deadline-{model.split()[0]}"
    started_load = [round(value, 2) for value in __import__("os").getloadavg()]
    with gunicorn_serving(run_env, **MODELS[model]) as host:
        _warm_up(host, run_context, MODELS[model])
        # No logins: every simulated user is at work within half a minute.
        locust_run(
            BENCH_DIR / "deadline.py",
            host=host,
            users=users,
            spawn_per_s=max(10, users // 30),
            seconds=seconds,
            prefix=prefix,
            env=run_env,
        )
    stats = locust_stats(prefix)
    if stats is None:
        return {"gunicorn": model, "error": "locust wrote no statistics"}
    total, by_name = stats
    record = json.loads(record_file.read_text()) if record_file.exists() else {}
    worst = max((row["p95_ms"] for row in by_name.values()), default=0)
    errors = int(total["Failure Count"])
    return {
        "gunicorn": model,
        "seconds": seconds,
        "users": users,
        "communes": len(run_context["units"]),
        "doits": len(run_context["doits"]),
        "ministry": ministry,
        "requests": int(total["Request Count"]),
        "requests_per_s": round(float(total["Requests/s"]), 1),
        "p50_ms": float(total["50%"] or 0),
        "p95_ms": float(total["95%"] or 0),
        "worst_kind_p95_ms": worst,
        "errors": errors,
        "failures": locust_failures(prefix),
        "by_request": by_name,
        "load_average_before": started_load,
        "record": record,
    }


def _warm_up(host: str, context: dict, model: dict) -> None:
    """Each server process imports, compiles its templates and opens its connections on its
    first requests: make them before the clock, as a server up since the morning has."""
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    unit, doit = context["units"][0], context["doits"][0]
    pages = [
        (unit["session"], f"/bao-cao/{unit['report']}/sua/"),
        (unit["session"], f"/bao-cao/{unit['report']}/"),
        (doit["session"], f"/bao-cao/?year={context['year']}&state=submitted"),
        (doit["session"], "/bao-cao/bang-dieu-khien/"),
        (context["ministry"][0]["session"], "/bao-cao/bang-dieu-khien/"),
    ]

    def get(page):
        session, path = page
        request = urllib.request.Request(host + path, headers={"Cookie": f"sessionid={session}"})
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:
                answer.read()
        except OSError:
            pass  # a warm-up that fails is measured by the run itself

    rounds = 2 * model["workers"]
    with ThreadPoolExecutor(max_workers=model["workers"] * model["threads"]) as pool:
        list(pool.map(get, pages * rounds))


def bench_deadline(*, size_name: str, size: dict, env: dict) -> dict:
    if locust_path() is None:
        return {"note": "locust is not installed (pip install -r requirements-bench.txt): skipped"}
    pace = PACE[size_name]
    year = int(size["years"].split("-")[-1]) + 1
    log(f"Deadline day {year}: {size['deadline_users']} communes …")
    context = prepare(year=year, communes=size["deadline_users"])
    models = []
    # Tiny (CI) skips the comparison: the long run goes through the same code.
    for model in MODELS if size["deadline_compare_seconds"] else []:
        log(f"  worker model {model}, {size['deadline_compare_seconds']} s …")
        run = _one_run(
            context,
            pace=pace,
            env=env,
            model=model,
            seconds=size["deadline_compare_seconds"],
            ministry=pace["ministry"],
        )
        run.pop("record", None)
        run.pop("by_request", None)
        models.append(run)
        log(
            f"    {run.get('requests_per_s')} req/s p95 {run.get('p95_ms')} ms, worst kind "
            f"{run.get('worst_kind_p95_ms')} ms, {run.get('errors')} errors"
        )
    log(f"  the deadline run: {CHOSEN}, {size['deadline_seconds']} s …")
    result = _one_run(
        context,
        pace=pace,
        env=env,
        model=CHOSEN,
        seconds=size["deadline_seconds"],
        ministry=pace["ministry"],
    )
    if "error" in result:
        return {**result, "models": models}
    record = result.pop("record")
    integrity = check(record, year)
    result.update(
        year=year,
        provinces=context["provinces"],
        communes_in_year=context["communes_in_year"],
        integrity=integrity,
        models=models,
        goal_met=result["worst_kind_p95_ms"] <= GOALS["deadline_p95_ms"]
        and result["errors"] == GOALS["deadline_errors"]
        and integrity["goal_met"],
    )
    return result
