"""`make bench`: the portal on PostgreSQL + Redis at national size, timed against references
measured in the same run. Writes bench/results.json and prints a table.

    python bench/run.py              # full size: 300,000 facilities, 2010–2025, 2-minute load
    python bench/run.py --tiny       # CI: a few provinces, seconds of load; proves it works

Every figure is the median of several runs and sits beside its reference:
1. pages (server time p50/p95, SQL queries) vs the page's heaviest SQL query timed alone;
2. the consolidated-report PDF (if the reporting app has one yet) vs WeasyPrint rendering a
   static HTML file of about the same size, with the worker's peak memory;
3. importing facility rows from .xlsx through facilities' import path vs a plain
   django-import-export ModelResource on the same file vs reading the file alone;
4. locust, headless, against gunicorn with 2 workers on 127.0.0.1;
5. the deadline day (bench/deadline_day.py): a tenth of the communes typing into and sending
   their reports at once while the DOITs accept and the Ministry watches, with gunicorn's
   worker models compared, and every figure the users saved checked against the database.

The parts live beside this file: pages.py, pdf.py, imports.py, load.py, deadline_day.py
(+ deadline.py, its locust scenario), report.py (the table); shared.py holds what they share
and the goals.

Requests go to 127.0.0.1 only; every loop is bounded. Benchmarks are not tests: nothing here
fails a build on a slow figure.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

from deadline_day import GOALS as DEADLINE_GOALS
from deadline_day import bench_deadline
from imports import bench_import, registry_vacuum, worker_import
from load import bench_load
from pages import bench_pages
from pdf import bench_pdf, worker_pdf_portal, worker_pdf_reference
from report import load_average, machine, table
from shared import BASE_DIR, BENCH_DIR, GOALS, PASSWORD, TMP_DIR, log

RESULTS = BENCH_DIR / "results.json"
# Reporting units with a bench account (the load test's district or commune committees).
BENCH_UNITS = 30
PG = "postgres://postgres@127.0.0.1:5432"

SIZES = {
    "full": {
        "db": "sxsh_bench",
        "facilities": 300_000,
        "years": "2010-2025",
        "provinces": None,
        "import_rows": 100_000,
        "load_seconds": 120,
        "users": 50,
        "runs": 15,
        "facility_page": 500,
        # The deadline day: a tenth of the 3,321 communes, 3 minutes (worker models 45 s each).
        "deadline_users": 333,
        "deadline_seconds": 180,
        "deadline_compare_seconds": 45,
    },
    "tiny": {
        "db": "sxsh_bench_tiny",
        "facilities": 3_000,
        "years": "2019-2025",
        "provinces": 3,
        "import_rows": 1_000,
        "load_seconds": 10,
        "users": 10,
        "runs": 3,
        "facility_page": 5,
        "deadline_users": 20,
        "deadline_seconds": 20,
        "deadline_compare_seconds": 0,
    },
}


def _environment(db: str) -> dict[str, str]:
    """The production set-up, pointed at the bench database, on this machine only
    (SXSH_ENV=benchmark: production's settings over plain HTTP, loopback hosts only)."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=env.get("BENCH_DATABASE_URL", f"{PG}/{db}"),
        REDIS_URL=env.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/10"),
        SXSH_ENV="benchmark",
        SECRET_KEY="bench-only-not-a-secret-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        CELERY_TASK_ALWAYS_EAGER="true",
        LOG_LEVEL="WARNING",
        AXES_FAILURE_LIMIT="1000",
        PYTHONPATH=str(BASE_DIR),
        DJANGO_SETTINGS_MODULE="sxsh_portal.settings",
    )
    return env


def _database_ensure(db: str) -> None:
    exists = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{db}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if exists != "1":
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", db], check=True)


# ---------------------------------------------------------------------------- setup


def setup_data(size: dict, env: dict) -> dict:
    import django
    from django.core.management import call_command

    django.setup()
    from strategies.models import ActionPlan
    from sxsh_portal.demo.synthetic import SYNTHETIC_MARKER

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    info = {"generated_now": False}
    if not ActionPlan.objects.filter(source_note=SYNTHETIC_MARKER).exists():
        log(f"Generating {size['facilities']:,} facilities ({size['years']}) …")
        started = time.perf_counter()
        args = ["--facilities", str(size["facilities"]), "--years", size["years"]]
        if size["provinces"]:
            args += ["--provinces", str(size["provinces"])]
        call_command("generate_national_data", *args)
        info = {"generated_now": True, "generate_seconds": round(time.perf_counter() - started, 1)}
    return info


def users_ensure(*, last_year: int) -> dict:
    """Bench accounts: the Ministry; the DOIT of Thanh Hóa (today's province, which reads the
    old province's years too); and the reporting units of its latest year of the data set
    (up to `last_year`: the deadline day opens the next), at most BENCH_UNITS of them:
    today's commune committees from 2025, district committees before.

    Thanh Hóa (code 38) when it is in the data set: a large province, the seeds' home."""
    from django.contrib.auth import get_user_model

    from reporting.models import ConsolidatedReport, UnitReport
    from strategies.models import ActionPlan
    from sxsh_portal.accounts.models import RoleAssignment
    from sxsh_portal.demo.synthetic import SYNTHETIC_MARKER
    from sxsh_portal.territory.models import Agency

    User = get_user_model()
    Role = RoleAssignment.Role

    def user(username: str, role: str, agency) -> None:
        account, created = User.objects.get_or_create(username=username)
        if created:
            account.set_password(PASSWORD)
            account.save()
        RoleAssignment.objects.get_or_create(user=account, role=role, agency=agency)

    ministry = Agency.objects.filter(kind=Agency.Kind.MINISTRY).order_by("pk").first()
    if ministry is None:
        ministry = Agency.objects.create(name="Bộ Công Thương", kind=Agency.Kind.MINISTRY)
    user("bench-bo", Role.MINISTRY, ministry)
    plans = ActionPlan.objects.filter(source_note=SYNTHETIC_MARKER).select_related("province")
    code = "38" if plans.filter(province__code="38").exists() else None
    if code is None:
        code = plans.order_by("province__code").values_list("province__code", flat=True).first()
    of_code = plans.filter(province__code=code).order_by("period_start")
    # The old province's plan (until 2024) and today's (from 2025), where the years reach it.
    old_plan = of_code.filter(province__valid_to__isnull=False).first() or of_code.first()
    plan = of_code.filter(province__valid_to__isnull=True).first() or old_plan
    doit = plan.reporting_rule.recipient
    user("bench-so", Role.PROVINCE, doit)
    latest = plan.reporting_years.filter(year__lte=last_year).order_by("-year").first()
    units = []
    reports = (
        UnitReport.objects.filter(reporting_year=latest)
        .select_related("agency")
        .order_by("agency__name", "pk")[:BENCH_UNITS]
    )
    for index, report in enumerate(reports):
        username = f"bench-dv-{index:02d}"
        user(username, Role.UNIT, report.agency)
        units.append({"username": username, "report": report.pk})
    sent = (
        ConsolidatedReport.objects.filter(
            reporting_year__plan__in=[plan, old_plan], state=ConsolidatedReport.State.SUBMITTED
        )
        .order_by("-reporting_year__year")
        .values_list("reporting_year_id", flat=True)
        .first()
    )
    return {
        "province_id": plan.province_id,
        "province": plan.province.name,
        # The province before 1/7/2025 that today's succeeded (its years are in the lineage).
        "old_province_id": old_plan.province_id,
        "plan_id": plan.pk,
        # This year's consolidated report, a draft computed live: its page, its PDF.
        "year_id": latest.pk,
        "latest_year_id": latest.pk,
        # What the Ministry reads: the latest report the province sent.
        "sent_year_id": sent,
        "units": units,
    }


# ---------------------------------------------------------------------------- 3. import


STEPS = {"pages", "pdf", "import", "load", "deadline"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true")
    parser.add_argument("--runs", type=int)
    parser.add_argument("--load-seconds", type=int)
    parser.add_argument("--users", type=int)
    parser.add_argument("--import-rows", type=int)
    parser.add_argument("--deadline-users", type=int)
    parser.add_argument("--deadline-seconds", type=int)
    parser.add_argument("--skip", default="", help="comma list: pages,pdf,import,load,deadline")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        kind, *rest = args.worker
        functions = {
            "pdf-reference": worker_pdf_reference,
            "pdf-portal": worker_pdf_portal,
            "import": worker_import,
        }
        print(json.dumps(functions[kind](*rest)))
        return

    size = dict(SIZES["tiny" if args.tiny else "full"])
    for key in (
        "runs",
        "load_seconds",
        "users",
        "import_rows",
        "deadline_users",
        "deadline_seconds",
    ):
        if getattr(args, key) is not None:
            size[key] = getattr(args, key)
    skip = set(filter(None, args.skip.split(",")))
    env = _environment(size["db"])
    os.environ.update(env)
    _database_ensure(size["db"])
    started = time.perf_counter()
    results: dict = {"size": "tiny" if args.tiny else "full", "machine": machine()}
    load_at_start = load_average()
    results["data"] = setup_data(size, env)
    context = users_ensure(last_year=int(size["years"].split("-")[-1]))
    results["context"] = {k: v for k, v in context.items() if k != "units"}
    results["data"].update(_data_counts())
    if skip >= STEPS:
        log("Every step skipped: the data is ready, results.json is left as it was.")
        return
    log("Pages …")
    results["pages"] = bench_pages(context, size, GOALS) if "pages" not in skip else {"pages": []}
    log("PDF …")
    results["pdf"] = bench_pdf(context, size, env) if "pdf" not in skip else {"note": "skipped"}
    log("Import …")
    results["import"] = (
        bench_import(context, size, env, GOALS) if "import" not in skip else {"rows": 0}
    )
    log("Load …")
    if "load" not in skip:
        registry_vacuum()
        results["load"] = bench_load(context, size, env, size["load_seconds"], size["users"], GOALS)
    else:
        results["load"] = {"note": "skipped"}
    log("Deadline day …")
    results["deadline"] = (
        bench_deadline(size_name=results["size"], size=size, env=env)
        if "deadline" not in skip
        else {"note": "skipped"}
    )
    results["load_average"] = {"start": load_at_start, "end": load_average()}
    results["goals"] = {**GOALS, **DEADLINE_GOALS}
    results["seconds"] = round(time.perf_counter() - started, 1)
    results["ran_at"] = time.strftime("%Y-%m-%d %H:%M:%S %z")
    output = RESULTS if not args.tiny else TMP_DIR / "results-tiny.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n")
    print()
    print(table(results))
    print(f"\nwritten to {output.relative_to(BASE_DIR)}")


def _data_counts() -> dict:
    from facilities.models import Facility, FacilityYearStatus
    from reporting.models import ConsolidatedReport, UnitReport

    return {
        "facilities": Facility.objects.count(),
        "year_statuses": FacilityYearStatus.objects.count(),
        "unit_reports": UnitReport.objects.count(),
        "consolidated_reports": ConsolidatedReport.objects.count(),
    }


if __name__ == "__main__":
    sys.path.insert(0, str(BASE_DIR))
    tempfile.tempdir = str(TMP_DIR) if TMP_DIR.exists() else None
    main()
