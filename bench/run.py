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
4. locust, headless, against gunicorn with 2 workers on 127.0.0.1.

Requests go to 127.0.0.1 only; every loop is bounded. Benchmarks are not tests: nothing here
fails a build on a slow figure.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "bench"
TMP_DIR = BENCH_DIR / "tmp"
RESULTS = BENCH_DIR / "results.json"
PASSWORD = "BenchSxsh@2026"
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
    },
}

GOALS = {
    "page_p95_ms": 150,
    "page_vs_sql": 1.5,
    "pdf_seconds": 4.0,
    "pdf_vs_reference": 1.2,
    "pdf_peak_mb": 400,
    "import_rows_per_s": 20_000,
    "import_vs_plain": 4.0,
    "import_peak_mb": 500,
    "load_p95_ms": 300,
    "load_errors": 0,
}


def log(message: str) -> None:
    print(message, flush=True)


def _environment(db: str) -> dict[str, str]:
    """The production set-up, pointed at the bench database, on this machine only."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=env.get("BENCH_DATABASE_URL", f"{PG}/{db}"),
        REDIS_URL=env.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"),
        SXSH_ENV="production",
        SECRET_KEY="bench-only-not-a-secret-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
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


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def _peak_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux carries ru_maxrss
    over exec, so a worker would report its (larger) parent's peak."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker(kind: str, *args: str, env: dict) -> dict:
    """Run one measurement in a fresh process, so that its peak memory is its own."""
    completed = subprocess.run(
        [sys.executable, str(Path(__file__)), "--worker", kind, *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=3600,
    )
    if completed.returncode != 0:
        return {"error": (completed.stderr or completed.stdout)[-2000:]}
    return json.loads(completed.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------- setup


def setup_data(size: dict, env: dict) -> dict:
    import django
    from django.core.management import call_command

    django.setup()
    from reporting.services.synthetic import SYNTHETIC_MARKER
    from strategies.models import ActionPlan

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


def users_ensure() -> dict:
    """Bench accounts: the Ministry, one DOIT, and every district committee of its province."""
    from django.contrib.auth import get_user_model

    from reporting.models import UnitReport
    from reporting.services.synthetic import SYNTHETIC_MARKER
    from strategies.models import ActionPlan
    from sxsh_portal.accounts.models import RoleAssignment
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
    # Thanh Hóa when it is in the data set: a large province, the seeds' home.
    plans = ActionPlan.objects.filter(source_note=SYNTHETIC_MARKER).select_related("province")
    plan = plans.filter(province__code="38").first() or plans.order_by("province__code").first()
    province = plan.province
    doit = Agency.objects.filter(province=province, kind=Agency.Kind.DOIT).order_by("pk").first()
    user("bench-so", Role.PROVINCE, doit)
    units = []
    for index, agency in enumerate(
        Agency.objects.filter(province=province, kind=Agency.Kind.DISTRICT_COMMITTEE).order_by("pk")
    ):
        username = f"bench-dv-{index:02d}"
        user(username, Role.UNIT, agency)
        last = (
            UnitReport.objects.filter(agency=agency, reporting_year__plan=plan)
            .order_by("-reporting_year__year")
            .values_list("pk", flat=True)
            .first()
        )
        units.append({"username": username, "report": last})
    latest = plan.reporting_years.order_by("-year").first()
    first_sent = plan.reporting_years.order_by("year").first()
    return {
        "province_id": province.pk,
        "province": province.name,
        "plan_id": plan.pk,
        "year_id": first_sent.pk,
        "latest_year_id": latest.pk,
        "units": units,
    }


# ---------------------------------------------------------------------------- 1. pages


def _dashboard_urls(context: dict) -> list[tuple[str, str]]:
    """The dashboards' pages, if the reporting app has them when the bench runs."""
    from django.urls import NoReverseMatch, get_resolver, reverse

    namespace = get_resolver().namespace_dict.get("reporting")
    names = sorted(
        f"reporting:{name}"
        for name in (namespace[1].reverse_dict if namespace else {})
        if isinstance(name, str) and "dashboard" in name
    )
    urls = []
    candidates = [
        {},
        {"pk": context["province_id"]},
        {"province": context["province_id"]},
        {"pk": context["plan_id"]},
    ]
    for name in names:
        for kwargs in candidates:
            try:
                urls.append((name, reverse(name, kwargs=kwargs)))
                break
            except NoReverseMatch:
                continue
    return urls


def _readable_select(sql: str) -> str | None:
    """The SELECT of a captured query (server-side cursors wrap it in DECLARE … FOR)."""
    text = sql.strip()
    if text.upper().startswith("DECLARE"):
        text = text.split(" FOR ", 1)[-1]
    return text if text.upper().startswith("SELECT") else None


def _time_sql(sql: str, params, runs: int) -> float:
    from django.db import connection

    times = []
    with connection.cursor() as cursor:
        for _run in range(runs):
            started = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def bench_pages(context: dict, size: dict) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from facilities.models import Sector

    runs = size["runs"]
    sector = Sector.objects.order_by("order").values_list("pk", flat=True).first()
    unit = context["units"][0]
    pages = [
        (
            "facility list, filtered, page 1",
            "bench-bo",
            f"{reverse('facilities:facility_list')}?sector={sector}&status=verified",
        ),
        (
            f"facility list, filtered, page {size['facility_page']}",
            "bench-bo",
            f"{reverse('facilities:facility_list')}?sector={sector}&status=verified"
            f"&page={size['facility_page']}",
        ),
        (
            "unit report page",
            unit["username"],
            reverse("reporting:report_detail", kwargs={"pk": unit["report"]}),
        ),
        (
            "consolidated provincial report (page)",
            "bench-so",
            reverse("reporting:consolidated_detail", kwargs={"pk": context["latest_year_id"]}),
        ),
    ]
    notes = []
    dashboards = _dashboard_urls(context)
    if dashboards:
        for name, url in dashboards:
            pages.append((f"dashboard {name.split(':')[-1]}", "bench-bo", url))
    else:
        notes.append("no dashboard URL names in the reporting namespace yet: dashboards skipped")

    results = []
    clients = {}
    for label, username, url in pages:
        client = clients.get(username)
        if client is None:
            client = clients[username] = Client()
            client.force_login(get_user_model().objects.get(username=username))
        try:
            response = client.get(url)  # warm caches and the connection
        except Exception as exc:  # a page another change left broken: report, go on
            results.append({"page": label, "url": url, "error": repr(exc)[:200]})
            continue
        if response.status_code != 200:
            results.append({"page": label, "url": url, "error": f"HTTP {response.status_code}"})
            continue
        times = []
        queries = 0
        heaviest = (0.0, "", None)
        for _run in range(runs):
            reset_queries()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            queries = len(captured.captured_queries)
            for query in captured.captured_queries:
                sql = _readable_select(query["sql"])
                if sql and float(query["time"]) * 1000 > heaviest[0]:
                    heaviest = (float(query["time"]) * 1000, sql, None)
        sql_ms = _time_sql(heaviest[1], None, runs) if heaviest[1] else None
        p95 = _percentile(times, 0.95)
        results.append(
            {
                "page": label,
                "url": url,
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(p95, 1),
                "queries": queries,
                "sql_reference_ms": round(sql_ms, 1) if sql_ms is not None else None,
                "sql_reference": heaviest[1][:300],
                "ratio_p50_to_sql": round(statistics.median(times) / sql_ms, 2) if sql_ms else None,
                "goal_met": p95 <= GOALS["page_p95_ms"],
            }
        )
    return {"pages": results, "notes": notes}


# ---------------------------------------------------------------------------- 2. PDF


def _static_html(pages: int) -> str:
    rows = "".join(
        f"<tr><td>{i}</td><td>UBND huyện số {i}</td><td>{i * 37 % 500}</td>"
        f"<td>{i * 13 % 100},{i % 10}%</td><td>Đã chấp nhận</td></tr>"
        for i in range(pages * 38)
    )
    return (
        "<html><head><meta charset='utf-8'><style>body{font-family:'Noto Serif',serif;"
        "font-size:11pt} table{width:100%;border-collapse:collapse} td{border:1px solid #999;"
        "padding:2px}</style></head><body><h1>BÁO CÁO TỔNG HỢP KẾT QUẢ THỰC HIỆN SXSH</h1>"
        f"<table>{rows}</table></body></html>"
    )


def worker_pdf_reference(pages: str) -> dict:
    from weasyprint import HTML

    html = _static_html(int(pages))
    started = time.perf_counter()
    pdf = HTML(string=html).write_pdf()
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 2), "peak_mb": round(_peak_mb(), 1), "pages": _pdf_pages(pdf)}


def worker_pdf_portal(year_id: str, username: str) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from reporting.models import GeneratedDocument

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    url = reverse(_pdf_url_name(), kwargs={"pk": int(year_id)})
    before = GeneratedDocument.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    # Celery runs eagerly here: the POST renders the document in this process, as a worker.
    started = time.perf_counter()
    response = client.post(url)
    seconds = time.perf_counter() - started
    created = GeneratedDocument.objects.filter(pk__gt=before)
    pages = None
    document = created.first()
    if document is not None and document.file:
        pages = _pdf_pages(document.file.read())
    # The next run must render again, not find this one ready.
    created.delete()
    return {
        "seconds": round(seconds, 2),
        "peak_mb": round(_peak_mb(), 1),
        "status": response.status_code if response.status_code != 302 else 200,
        "pages": pages,
        "url": url,
    }


def _pdf_pages(content: bytes) -> int | None:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        info = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True, check=False)
    match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
    return int(match.group(1)) if match else None


def _pdf_url_name() -> str | None:
    from django.urls import get_resolver

    resolver = get_resolver()
    namespace = resolver.namespace_dict.get("reporting")
    if namespace is None:
        return None
    names = [
        name
        for name in namespace[1].reverse_dict
        if isinstance(name, str) and "consolidated" in name and "pdf" in name
    ]
    return f"reporting:{sorted(names)[0]}" if names else None


def bench_pdf(context: dict, size: dict, env: dict) -> dict:
    runs = max(3, min(5, size["runs"]))
    reference = [_worker("pdf-reference", "20", env=env) for _run in range(runs)]
    reference = [r for r in reference if "error" not in r]
    result = {
        "reference_seconds": statistics.median(r["seconds"] for r in reference)
        if reference
        else None,
        "reference_peak_mb": max(r["peak_mb"] for r in reference) if reference else None,
        "reference_pages": reference[0]["pages"] if reference else None,
    }
    if _pdf_url_name() is None:
        result["note"] = "no consolidated PDF URL in the reporting namespace yet: skipped"
        return result
    portal = [
        _worker("pdf-portal", str(context["year_id"]), "bench-so", env=env) for _run in range(runs)
    ]
    good = [r for r in portal if "error" not in r and r.get("status") == 200]
    if not good:
        result["error"] = (portal[0].get("error") or f"HTTP {portal[0].get('status')}")[-500:]
        return result
    seconds = statistics.median(r["seconds"] for r in good)
    result.update(
        seconds=seconds,
        peak_mb=max(r["peak_mb"] for r in good),
        pages=good[0]["pages"],
        ratio_to_reference=round(seconds / result["reference_seconds"], 2)
        if result["reference_seconds"]
        else None,
    )
    result["goal_met"] = (
        seconds <= GOALS["pdf_seconds"]
        and result["peak_mb"] <= GOALS["pdf_peak_mb"]
        and (result["ratio_to_reference"] or 99) <= GOALS["pdf_vs_reference"]
    )
    result["batch_note"] = "34-province batch with 2 workers: not measured (no batch entry yet)"
    return result


# ---------------------------------------------------------------------------- 3. import


def _import_file(rows: int, province_id: int) -> Path:
    """A cached .xlsx of `rows` new facilities in the bench DOIT's districts."""
    import django

    django.setup()
    path = TMP_DIR / f"facilities-{rows}-{province_id}.xlsx"
    if path.exists():
        return path
    from openpyxl import Workbook

    from facilities.models import Sector
    from facilities.resources import ALL_HEADERS
    from sxsh_portal.territory.models import AdministrativeUnit

    districts = list(
        AdministrativeUnit.objects.filter(level="district", parent_id=province_id)
        .order_by("code")
        .values_list("code", "name")
    )
    sectors = list(Sector.objects.order_by("order").values_list("name", flat=True))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(ALL_HEADERS)
    index = {header: i for i, header in enumerate(ALL_HEADERS)}
    for i in range(rows):
        code, name = districts[i % len(districts)]
        # Empty strings, not None: openpyxl drops trailing empty cells of a write-only row.
        row = [""] * len(ALL_HEADERS)
        row[index["Mã số thuế"]] = f"99{i:08d}"
        row[index["Tên cơ sở"]] = f"Công ty TNHH nhập thử {i}"
        row[index["Ngành"]] = sectors[i % len(sectors)]
        row[index["Quy mô"]] = ["Nhỏ", "Vừa", "Lớn"][i % 3]
        row[index["Mã đơn vị hành chính"]] = code
        row[index["Tên đơn vị hành chính"]] = name
        row[index["Địa chỉ"]] = f"Số {i}, {name}"
        row[index["Năm"]] = 2024
        row[index["Nhận thức lợi ích SXSH"]] = "Có"
        row[index["Áp dụng SXSH"]] = "Có" if i % 2 else "Không"
        sheet.append(row)
    TMP_DIR.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def worker_import(kind: str, path: str) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction

    content = Path(path).read_bytes()
    started = time.perf_counter()
    rows = 0
    if kind == "read-project":
        from facilities.resources import dataset_from_upload

        rows = len(dataset_from_upload(content, "f.xlsx"))
    elif kind == "read-calamine":
        from python_calamine import CalamineWorkbook

        with open(path, "rb") as handle:
            sheet = CalamineWorkbook.from_filelike(handle).get_sheet_by_index(0)
            rows = len(sheet.to_python()) - 1
    elif kind == "project":
        from facilities.resources import dataset_from_upload
        from facilities.services import facilities_import

        actor = get_user_model().objects.get(username="bench-so")
        with transaction.atomic():
            report = facilities_import(actor=actor, dataset=dataset_from_upload(content, "f.xlsx"))
            rows = report.total if report.imported else 0
            if not report.imported:
                return {"error": f"not imported: {report.problems[:3]}"}
            transaction.set_rollback(True)
    elif kind == "plain":
        rows = _plain_import(content)
    seconds = time.perf_counter() - started
    return {
        "rows": rows,
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows / seconds) if seconds else None,
        "peak_mb": round(_peak_mb(), 1),
    }


def _plain_import(content: bytes) -> int:
    """django-import-export's plain ModelResource on the same file: the framework's default
    path, with only the column mapping the file needs."""
    from django.db import transaction
    from import_export import fields, resources, widgets
    from import_export.formats import base_formats

    from facilities.models import Facility, Sector
    from sxsh_portal.territory.models import AdministrativeUnit

    class PlainFacilityResource(resources.ModelResource):
        tax_code = fields.Field(attribute="tax_code", column_name="Mã số thuế")
        name = fields.Field(attribute="name", column_name="Tên cơ sở")
        sector = fields.Field(
            attribute="sector", column_name="Ngành", widget=widgets.ForeignKeyWidget(Sector, "name")
        )
        unit = fields.Field(
            attribute="unit",
            column_name="Mã đơn vị hành chính",
            widget=widgets.ForeignKeyWidget(AdministrativeUnit, "code"),
        )
        address = fields.Field(attribute="address", column_name="Địa chỉ")

        class Meta:
            model = Facility
            import_id_fields = ["tax_code"]
            fields = ["tax_code", "name", "sector", "unit", "address"]

        def before_save_instance(self, instance, row, **kwargs):
            instance.size_class = "small"
            instance.province_id = instance.unit.parent_id

    dataset = base_formats.XLSX().create_dataset(content)
    with transaction.atomic():
        result = PlainFacilityResource().import_data(dataset, dry_run=False, raise_errors=True)
        transaction.set_rollback(True)
    return result.total_rows


def bench_import(context: dict, size: dict, env: dict) -> dict:
    path = _import_file(size["import_rows"], context["province_id"])
    runs = 3 if size["import_rows"] <= 10_000 else 1
    out = {"rows": size["import_rows"], "file": str(path.relative_to(BASE_DIR))}
    for kind in ("read-project", "read-calamine", "project", "plain"):
        measured = [_worker("import", kind, str(path), env=env) for _run in range(runs)]
        good = [m for m in measured if "error" not in m]
        if not good:
            out[kind] = {"error": measured[0]["error"][-800:]}
            continue
        seconds = statistics.median(m["seconds"] for m in good)
        out[kind] = {
            "seconds": seconds,
            "rows_per_s": round(good[0]["rows"] / seconds) if seconds else None,
            "peak_mb": max(m["peak_mb"] for m in good),
        }
        log(f"  import {kind}: {out[kind]}")
    project, plain = out.get("project", {}), out.get("plain", {})
    if project.get("rows_per_s") and plain.get("rows_per_s"):
        out["ratio_to_plain"] = round(project["rows_per_s"] / plain["rows_per_s"], 2)
        out["goal_met"] = (
            project["rows_per_s"] >= GOALS["import_rows_per_s"]
            and out["ratio_to_plain"] >= GOALS["import_vs_plain"]
            and project["peak_mb"] <= GOALS["import_peak_mb"]
        )
    return out


# ---------------------------------------------------------------------------- 4. load


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_load(context: dict, size: dict, env: dict, seconds: int, users: int) -> dict:
    locust = shutil.which("locust", path=str(Path(sys.executable).parent)) or shutil.which("locust")
    if locust is None:
        return {"note": "locust is not installed (pip install -r requirements-bench.txt): skipped"}
    port = _free_port()
    gunicorn = [
        str(Path(sys.executable).parent / "gunicorn"),
        "sxsh_portal.wsgi:application",
        "--workers",
        "2",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    load_env = dict(env)
    load_env["BENCH_CONTEXT"] = json.dumps(context)
    load_env["BENCH_PASSWORD"] = PASSWORD
    server = subprocess.Popen(gunicorn, env=load_env, cwd=BASE_DIR)
    try:
        for _try in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        prefix = TMP_DIR / "locust"
        TMP_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                locust,
                "-f",
                str(BENCH_DIR / "locustfile.py"),
                "--headless",
                "-u",
                str(users),
                "-r",
                str(max(1, users // 5)),
                "-t",
                f"{seconds}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--stop-timeout",
                "5",
            ],
            env=load_env,
            cwd=BASE_DIR,
            check=False,
            timeout=seconds + 120,
            capture_output=True,
        )
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    import csv

    stats_file = Path(f"{prefix}_stats.csv")
    if not stats_file.exists():
        return {"error": "locust wrote no statistics"}
    with stats_file.open() as handle:
        rows = list(csv.DictReader(handle))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    by_name = {
        row["Name"]: {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50_ms": float(row["50%"] or 0),
            "p95_ms": float(row["95%"] or 0),
        }
        for row in rows
        if row["Name"] != "Aggregated"
    }
    p95 = float(total["95%"] or 0)
    errors = int(total["Failure Count"])
    return {
        "users": users,
        "seconds": seconds,
        "requests": int(total["Request Count"]),
        "requests_per_s": round(float(total["Requests/s"]), 1),
        "p50_ms": float(total["50%"] or 0),
        "p95_ms": p95,
        "errors": errors,
        "by_request": by_name,
        "goal_met": p95 <= GOALS["load_p95_ms"] and errors == 0,
    }


# ---------------------------------------------------------------------------- report


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


def table(results: dict) -> str:
    lines = [f"{'measure':<44} {'value':>22} {'reference':>18} {'goal':>18} {'met':>4}"]

    def add(name, value, reference, goal, met):
        flag = "" if met is None else ("yes" if met else "NO")
        lines.append(f"{name:<44} {value:>22} {reference:>18} {goal:>18} {flag:>4}")

    for page in results["pages"]["pages"]:
        if "error" in page:
            add(page["page"][:44], page["error"], "", "", None)
            continue
        add(
            page["page"][:44],
            f"{page['p50_ms']}/{page['p95_ms']} ms, {page['queries']} q",
            f"SQL {page['sql_reference_ms']} ms",
            "p95≤150, ≤1.5×SQL",
            page["goal_met"] and (page["ratio_p50_to_sql"] or 0) <= GOALS["page_vs_sql"],
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
    imp = results["import"]
    for kind in ("read-project", "read-calamine", "plain", "project"):
        data = imp.get(kind, {})
        value = (
            f"{data.get('rows_per_s')} rows/s, {data.get('peak_mb')} MB"
            if "rows_per_s" in data
            else data.get("error", "")[:22]
        )
        add(
            f"import {imp['rows']:,} rows: {kind}",
            value,
            "",
            "≥20k rows/s" if kind == "project" else "",
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
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true")
    parser.add_argument("--runs", type=int)
    parser.add_argument("--load-seconds", type=int)
    parser.add_argument("--users", type=int)
    parser.add_argument("--import-rows", type=int)
    parser.add_argument("--skip", default="", help="comma list: pages,pdf,import,load")
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
    for key in ("runs", "load_seconds", "users", "import_rows"):
        if getattr(args, key) is not None:
            size[key] = getattr(args, key)
    skip = set(filter(None, args.skip.split(",")))
    env = _environment(size["db"])
    os.environ.update(env)
    _database_ensure(size["db"])
    started = time.perf_counter()
    results: dict = {"size": "tiny" if args.tiny else "full", "machine": machine()}
    results["data"] = setup_data(size, env)
    context = users_ensure()
    results["context"] = {k: v for k, v in context.items() if k != "units"}
    results["data"].update(_data_counts())
    log("Pages …")
    results["pages"] = bench_pages(context, size) if "pages" not in skip else {"pages": []}
    log("PDF …")
    results["pdf"] = bench_pdf(context, size, env) if "pdf" not in skip else {"note": "skipped"}
    log("Import …")
    results["import"] = bench_import(context, size, env) if "import" not in skip else {"rows": 0}
    log("Load …")
    results["load"] = (
        bench_load(context, size, env, size["load_seconds"], size["users"])
        if "load" not in skip
        else {"note": "skipped"}
    )
    results["goals"] = GOALS
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
