"""`make bench`, step 3: importing facility rows from .xlsx through facilities' import path
(and its dry run) against django-import-export's plain ModelResource and against reading
the file alone; each run in a fresh process (`run.py --worker import …`)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from shared import BASE_DIR, TMP_DIR, log, peak_mb, worker_run


def _import_file(rows: int, province_id: int) -> Path:
    """A cached .xlsx of `rows` new facilities in the bench DOIT's communes (today's units:
    the import refuses the districts abolished on 1/7/2025)."""
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
        AdministrativeUnit.objects.filter(parent_id=province_id, valid_to__isnull=True)
        .exclude(level="province")
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


def _commit_checks() -> float:
    """What a COMMIT would still do before the bench's rollback: PostgreSQL checks the
    deferred foreign keys of every row written (an atomic import pays it, so it counts)."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    return time.perf_counter() - started


def worker_import(kind: str, path: str) -> dict:
    import django

    django.setup()
    # Imports and the actor before the clock, as in a running server.
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from python_calamine import CalamineWorkbook

    from facilities.imports.parse import dataset_from_upload
    from facilities.services import facilities_import, facilities_import_check

    actor = get_user_model().objects.get(username="bench-so")
    content = Path(path).read_bytes()
    started = time.perf_counter()
    rows, checks = 0, None
    if kind == "read-project":
        rows = len(dataset_from_upload(content, "f.xlsx"))
    elif kind == "read-calamine":
        with open(path, "rb") as handle:
            sheet = CalamineWorkbook.from_filelike(handle).get_sheet_by_index(0)
            rows = len(sheet.to_python()) - 1
    elif kind == "project":
        with transaction.atomic():
            report = facilities_import(actor=actor, dataset=dataset_from_upload(content, "f.xlsx"))
            rows = report.total if report.imported else 0
            if not report.imported:
                return {"error": f"not imported: {report.problems[:3]}"}
            checks = _commit_checks()
            transaction.set_rollback(True)
    elif kind == "dry-run":
        # What the DOIT waits on before confirming: the file read and every row checked.
        report = facilities_import_check(
            actor=actor, dataset=dataset_from_upload(content, "f.xlsx")
        )
        if not report.ok:
            return {"error": f"problems: {report.problems[:3]}"}
        rows = report.total
    elif kind == "plain":
        rows, checks = _plain_import(content)
    seconds = time.perf_counter() - started
    return {
        "rows": rows,
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows / seconds) if seconds else None,
        "commit_checks_seconds": None if checks is None else round(checks, 2),
        "peak_mb": round(peak_mb(), 1),
    }


def _plain_import(content: bytes) -> tuple[int, float]:
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
        admin_unit = fields.Field(
            attribute="admin_unit",
            column_name="Mã đơn vị hành chính",
            widget=widgets.ForeignKeyWidget(AdministrativeUnit, "code"),
        )
        address = fields.Field(attribute="address", column_name="Địa chỉ")

        class Meta:
            model = Facility
            import_id_fields = ["tax_code"]
            fields = ["tax_code", "name", "sector", "admin_unit", "address"]

        def before_save_instance(self, instance, row, **kwargs):
            instance.size_class = "small"
            instance.province_id = instance.admin_unit.parent_id

    dataset = base_formats.XLSX().create_dataset(content)
    with transaction.atomic():
        result = PlainFacilityResource().import_data(dataset, dry_run=False, raise_errors=True)
        checks = _commit_checks()
        transaction.set_rollback(True)
    return result.total_rows, checks


# The plain ModelResource runs at ~100 rows/s: it is timed on this many first rows of the
# same file (the generator makes row i alike in every file, so the smaller file is that
# prefix) and compared in rows/s.
PLAIN_IMPORT_ROWS = 10_000


def registry_vacuum() -> None:
    """This PostgreSQL runs without autovacuum, and each import run leaves the 100,000 rows
    it rolled back in the registry's tables and indexes: clean them, as production's
    autovacuum would within a minute (the data does not change), so that no run pays for
    the one before."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "VACUUM (ANALYZE) facilities_facility, facilities_facilityyearstatus, "
                "facilities_historicalfacility, facilities_historicalfacilityyearstatus"
            )


def _import_run(kind: str, file: Path, env: dict) -> dict:
    registry_vacuum()
    return worker_run("import", kind, str(file), env=env)


def bench_import(context: dict, size: dict, env: dict, goals: dict) -> dict:
    path = _import_file(size["import_rows"], context["province_id"])
    plain_rows = min(size["import_rows"], PLAIN_IMPORT_ROWS)
    plain_path = _import_file(plain_rows, context["province_id"])
    # Medians of three runs, each in a fresh process (its peak memory its own).
    runs = 3
    out = {
        "rows": size["import_rows"],
        "file": str(path.relative_to(BASE_DIR)),
        "plain_rows": plain_rows,
        "plain_note": f"plain is timed on the file's first {plain_rows:,} rows; rows/s compared",
        "note": "seconds include the foreign-key checks a COMMIT runs (commit_checks_seconds)",
    }
    for kind in ("read-project", "read-calamine", "dry-run", "project", "plain"):
        file = plain_path if kind == "plain" else path
        measured = [_import_run(kind, file, env) for _run in range(runs)]
        good = [m for m in measured if "error" not in m]
        if not good:
            out[kind] = {"error": measured[0]["error"][-800:]}
            continue
        seconds = statistics.median(m["seconds"] for m in good)
        out[kind] = {
            "rows": good[0]["rows"],
            "seconds": seconds,
            "rows_per_s": round(good[0]["rows"] / seconds) if seconds else None,
            "peak_mb": max(m["peak_mb"] for m in good),
        }
        checks = [m["commit_checks_seconds"] for m in good if m.get("commit_checks_seconds")]
        if checks:
            out[kind]["commit_checks_seconds"] = statistics.median(checks)
            before = seconds - out[kind]["commit_checks_seconds"]
            out[kind]["rows_per_s_without_commit_checks"] = round(good[0]["rows"] / before)
        log(f"  import {kind}: {out[kind]}")
    project, plain = out.get("project", {}), out.get("plain", {})
    if project.get("rows_per_s") and plain.get("rows_per_s"):
        out["ratio_to_plain"] = round(project["rows_per_s"] / plain["rows_per_s"], 2)
        out["goal_met"] = (
            project["rows_per_s"] >= goals["import_rows_per_s"]
            and out["ratio_to_plain"] >= goals["import_vs_plain"]
            and project["peak_mb"] <= goals["import_peak_mb"]
        )
    dry_run = out.get("dry-run", {})
    if dry_run.get("rows_per_s"):
        out["dry_run_goal_met"] = dry_run["rows_per_s"] >= goals["import_dry_run_rows_per_s"]
    return out
