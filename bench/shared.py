"""What every part of `make bench` shares: paths, the bench password, logging, percentiles."""

from __future__ import annotations

import socket
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
