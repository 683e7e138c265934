"""What every part of `make bench` shares: paths, the bench password, logging, percentiles."""

from __future__ import annotations

import json
import resource
import socket
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "bench"
TMP_DIR = BENCH_DIR / "tmp"
PASSWORD = "BenchSxsh@2026"


def log(message: str) -> None:
    print(message, flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def peak_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux carries ru_maxrss
    over exec, so a worker would report its (larger) parent's peak."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_run(kind: str, *args: str, env: dict) -> dict:
    """Run one measurement in a fresh process, so that its peak memory is its own."""
    completed = subprocess.run(
        [sys.executable, str(BENCH_DIR / "run.py"), "--worker", kind, *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=3600,
    )
    if completed.returncode != 0:
        return {"error": (completed.stderr or completed.stdout)[-2000:]}
    return json.loads(completed.stdout.strip().splitlines()[-1])


# What each figure is judged against (the deadline day keeps its own, deadline_day.GOALS).
GOALS = {
    "page_p95_ms": 150,
    "page_vs_sql": 1.5,
    "pdf_seconds": 4.0,
    "pdf_vs_reference": 1.2,
    "pdf_peak_mb": 400,
    "import_rows_per_s": 20_000,
    "import_dry_run_rows_per_s": 50_000,
    "import_vs_plain": 4.0,
    "import_peak_mb": 500,
    "load_p95_ms": 300,
    "load_errors": 0,
}
