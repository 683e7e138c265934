"""Load tests of `make bench`: locust, headless, against gunicorn on 127.0.0.1.

bench_load is the working-day test (bench/locustfile.py: officials browsing, units saving);
bench/deadline_day.py drives the deadline day (bench/deadline.py) with the same helpers."""

from __future__ import annotations

import contextlib
import csv
import json
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from shared import BASE_DIR, BENCH_DIR, PASSWORD, TMP_DIR, free_port


def locust_path() -> str | None:
    return shutil.which("locust", path=str(Path(sys.executable).parent)) or shutil.which("locust")


@contextlib.contextmanager
def gunicorn_serving(
    env: dict, *, workers: int = 2, worker_class: str = "sync", threads: int = 1
) -> Iterator[str]:
    """gunicorn on a free port of 127.0.0.1 for the block; yields its base URL."""
    port = free_port()
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "sxsh_portal.wsgi:application",
        "--workers",
        str(workers),
        "--worker-class",
        worker_class,
        "--threads",
        str(threads),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        # The deadline day's several hundred browsers hold connections open between requests.
        "--backlog",
        "2048",
        # As the TLS proxy in front would keep its browsers' connections: with gunicorn's 2 s
        # default, an idle connection closed as a user sends its next request was reset.
        "--keep-alive",
        "75",
    ]
    server = subprocess.Popen(command, env=env, cwd=BASE_DIR)
    try:
        for _try in range(300):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def locust_run(
    locustfile: Path, *, host: str, users: int, spawn_per_s: float, seconds: int, prefix: Path, env
) -> None:
    TMP_DIR.mkdir(parents=True, exist_ok=True)
    for suffix in ("_stats.csv", "_failures.csv", "_exceptions.csv", "_stats_history.csv"):
        Path(f"{prefix}{suffix}").unlink(missing_ok=True)
    subprocess.run(
        [
            locust_path(),
            "-f",
            str(locustfile),
            "--headless",
            "-u",
            str(users),
            "-r",
            str(spawn_per_s),
            "-t",
            f"{seconds}s",
            "--host",
            host,
            "--csv",
            str(prefix),
            "--only-summary",
            "--stop-timeout",
            "30",
        ],
        env=env,
        cwd=BASE_DIR,
        check=False,
        timeout=seconds + 180,
        capture_output=True,
    )


def locust_stats(prefix: Path) -> tuple[dict, dict] | None:
    """(the aggregate row, {request name: figures}) of a locust run's CSV, or None."""
    stats_file = Path(f"{prefix}_stats.csv")
    if not stats_file.exists():
        return None
    with stats_file.open() as handle:
        rows = list(csv.DictReader(handle))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    by_name = {
        row["Name"]: {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50_ms": float(row["50%"] or 0),
            "p95_ms": float(row["95%"] or 0),
            "max_ms": round(float(row["Max Response Time"] or 0)),
        }
        for row in rows
        if row["Name"] != "Aggregated"
    }
    return total, by_name


def locust_failures(prefix: Path) -> list[dict]:
    path = Path(f"{prefix}_failures.csv")
    if not path.exists():
        return []
    with path.open() as handle:
        return [
            {"name": row["Name"], "error": row["Error"][:200], "count": int(row["Occurrences"])}
            for row in csv.DictReader(handle)
        ][:10]


def bench_load(context: dict, size: dict, env: dict, seconds: int, users: int, goals) -> dict:
    if locust_path() is None:
        return {"note": "locust is not installed (pip install -r requirements-bench.txt): skipped"}
    load_env = dict(env)
    # users_ensure names the latest report the DOIT sent: the one the Ministry reads.
    load_env["BENCH_CONTEXT"] = json.dumps(context)
    load_env["BENCH_PASSWORD"] = PASSWORD
    summary_file = TMP_DIR / "locust_summary.json"
    summary_file.unlink(missing_ok=True)
    load_env["BENCH_LOAD_SUMMARY"] = str(summary_file)
    # Officials arrive over a while: one a second, all 50 at work after 50 s. At ten a second
    # (users // 5) the 50 logins (PBKDF2, 0.2-0.3 s of a core each) queued behind each other
    # for several seconds, a storm no working morning sees.
    spawn_per_s = 1
    prefix = TMP_DIR / "locust"
    # Two sync workers, as this test has always run (the deadline day compares models).
    with gunicorn_serving(load_env, workers=2) as host:
        locust_run(
            BENCH_DIR / "locustfile.py",
            host=host,
            users=users,
            spawn_per_s=spawn_per_s,
            seconds=seconds,
            prefix=prefix,
            env=load_env,
        )
    stats = locust_stats(prefix)
    if stats is None:
        return {"error": "locust wrote no statistics"}
    total, by_name = stats
    p95 = float(total["95%"] or 0)
    errors = int(total["Failure Count"])
    # The goal counts every request, the logins included; the pages without them and the
    # logins' own times are reported beside it (locustfile._summary).
    summary = json.loads(summary_file.read_text()) if summary_file.exists() else {}
    return {
        "users": users,
        "seconds": seconds,
        "spawn_per_s": spawn_per_s,
        "gunicorn": "2 sync workers",
        "requests": int(total["Request Count"]),
        "requests_per_s": round(float(total["Requests/s"]), 1),
        "p50_ms": float(total["50%"] or 0),
        "p95_ms": p95,
        "pages": summary.get("pages"),
        "login": summary.get("login"),
        "errors": errors,
        "by_request": by_name,
        "goal_met": p95 <= goals["load_p95_ms"] and errors == 0,
    }
