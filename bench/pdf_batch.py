"""The consolidated-PDF batch of bench/run.py: every province's consolidated report of one
year queued by `manage.py consolidated_pdfs_generate` (the issue's 34 provinces of 2025),
rendered by a real Celery worker with 2 processes through Redis on 127.0.0.1.

The worker is one `celery worker --pool=prefork --concurrency=2`, not two `--pool=solo`
workers: that is how production runs it (docker-compose's `celery worker`, prefork, one pool
process per core: 2 on a 2-core machine). Its 2 pool processes are the 2 workers that render,
each taking one message at a time (prefetch multiplier 1, late acks); the parent only takes
messages off the queue and hands them out. The figures: wall seconds from the command's start
to the last document finished, documents per minute, each pool process's peak resident memory
(VmHWM from /proc, read while it runs and before it stops) and the parent's.

The worker consumes a queue of its own (another worker on the same broker must not take these
messages), so the command runs in a small process that routes the render task there first.
Every document the batch made, its history rows and its files are deleted afterwards, so that
the next run measures again.

    python bench/pdf_batch.py queue 2025     # what bench/run.py starts: route, then the command
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

QUEUE = "sxsh-bench-pdf"
BROKER = os.environ.get("BENCH_CELERY_BROKER_URL", "redis://127.0.0.1:6379/12")
CONCURRENCY = 2
READY_TIMEOUT_S = 120
STOP_TIMEOUT_S = 30
POLL_S = 0.25


def _vm_hwm_mb(pid: int) -> float | None:
    """Peak resident memory of a process (VmHWM); None once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def _sample(worker: subprocess.Popen, peaks: dict[int, float]) -> None:
    for pid in _children(worker.pid):
        peak = _vm_hwm_mb(pid)
        if peak is not None:
            peaks[pid] = max(peak, peaks.get(pid, 0.0))


def _start_worker(env: dict, log_path: Path, cwd: Path) -> subprocess.Popen:
    celery = Path(sys.executable).with_name("celery")
    command = [str(celery), "-A", "sxsh_portal", "worker", "--pool=prefork"]
    command += [f"--concurrency={CONCURRENCY}", "-Q", QUEUE, "-l", "info"]
    command += ["-n", f"{QUEUE}-{os.getpid()}@%h"]
    command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
    with log_path.open("w") as log_file:
        return subprocess.Popen(
            command, cwd=cwd, env=env, stdout=log_file, stderr=subprocess.STDOUT
        )


def _wait_ready(worker: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while " ready." not in log_path.read_text(errors="replace"):
        if worker.poll() is not None:
            raise RuntimeError(f"the worker exited with {worker.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the worker was not ready within {READY_TIMEOUT_S} s")
        time.sleep(POLL_S)


def _stop(process: subprocess.Popen) -> None:
    """Warm shutdown (SIGTERM), then SIGKILL if it lingers."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT_S)


def _purge() -> None:
    """Messages a run that died left behind (they name deleted rows: harmless, but not ours)."""
    from kombu import Connection

    with Connection(BROKER, connect_timeout=5) as connection:
        connection.default_channel.queue_purge(QUEUE)


def _documents(year: int):
    from sxsh_portal.documents.models import GeneratedDocument

    return GeneratedDocument.objects.filter(kind=GeneratedDocument.Kind.CONSOLIDATED, year=year)


def _delete(documents) -> int:
    """The rows, their history and (the caller removes the folder) their files."""
    from sxsh_portal.documents.models import GeneratedDocument

    ids = list(documents.values_list("pk", flat=True))
    GeneratedDocument.objects.filter(pk__in=ids).delete()
    GeneratedDocument.history.filter(id__in=ids).delete()
    return len(ids)


def measure(*, year: int, env: dict, base_dir: Path, tmp_dir: Path, timeout_s: float) -> dict:
    """Run the batch once; the caller has set Django up on the bench database."""
    from sxsh_portal.documents.models import GeneratedDocument

    media = tmp_dir / "pdf-batch-media"
    log_path = tmp_dir / "pdf-batch-worker.log"
    shutil.rmtree(media, ignore_errors=True)
    media.mkdir(parents=True)
    run_env = {
        **env,
        "CELERY_BROKER_URL": BROKER,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        # The portal reads the document's row, never a task result: store none.
        "CELERY_RESULT_BACKEND": "",
        "MEDIA_ROOT": str(media),
    }
    # Left by a run that died: the command would find them done and queue nothing.
    leftovers = _delete(_documents(year))
    before = GeneratedDocument.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    mine = _documents(year).filter(pk__gt=before)
    result: dict = {
        "year": year,
        "workers": f"1 × celery prefork --concurrency={CONCURRENCY}",
        "broker": BROKER,
    }
    if leftovers:
        result["leftovers_deleted"] = leftovers
    peaks: dict[int, float] = {}
    worker = queue = None
    try:
        _purge()
        worker = _start_worker(run_env, log_path, base_dir)
        _wait_ready(worker, log_path)
        _sample(worker, peaks)
        idle = dict(peaks)
        started = time.perf_counter()
        queue = subprocess.Popen(
            [sys.executable, str(Path(__file__)), "queue", str(year)],
            cwd=base_dir,
            env=run_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        expected = None
        while True:
            _sample(worker, peaks)
            if expected is None and queue.poll() is not None:
                out, err = queue.communicate()
                if queue.returncode != 0:
                    raise RuntimeError(f"the command failed: {(err or out)[-1500:]}")
                queued = json.loads(out.strip().splitlines()[-1])
                result["command_seconds"] = round(time.perf_counter() - started, 2)
                result["command_output"] = queued["output"]
                expected = queued["documents"]
            finished = mine.filter(state__in=("done", "failed")).count()
            if expected is not None and finished >= expected:
                break
            if worker.poll() is not None:
                raise RuntimeError(f"the worker exited with {worker.returncode}")
            if time.perf_counter() - started > timeout_s:
                raise RuntimeError(
                    f"{finished} of {expected or '?'} documents within {timeout_s:.0f} s"
                )
            time.sleep(POLL_S)
        wall = time.perf_counter() - started
        _sample(worker, peaks)
        parent_peak = _vm_hwm_mb(worker.pid)
        rows = list(mine.values("state", "started_at", "finished_at", "file_size", "attempts"))
        done = [row for row in rows if row["state"] == "done"]
        renders = [(r["finished_at"] - r["started_at"]).total_seconds() for r in done]
        pool = [round(peaks[pid], 1) for pid in sorted(peaks)]
        result.update(
            documents=len(rows),
            done=len(done),
            failed=len(rows) - len(done),
            wall_seconds=round(wall, 1),
            documents_per_min=round(len(done) / wall * 60, 1) if wall else None,
            render_seconds_median=round(statistics.median(renders), 2) if renders else None,
            render_seconds_max=round(max(renders), 2) if renders else None,
            pdf_kb_median=round(statistics.median(r["file_size"] for r in done) / 1024, 1)
            if done
            else None,
            # One entry per pool process that rendered (a replaced one adds an entry).
            worker_peak_mb=pool,
            worker_idle_mb=[round(idle[pid], 1) for pid in sorted(idle)],
            parent_peak_mb=round(parent_peak, 1) if parent_peak else None,
        )
    except Exception as error:  # a benchmark reports, it does not crash the run
        result["error"] = f"{type(error).__name__}: {error}"[-1500:]
        if log_path.exists():
            result["worker_log_tail"] = log_path.read_text(errors="replace")[-1500:]
    finally:
        if queue is not None and queue.poll() is None:
            queue.kill()
            queue.wait()
        if worker is not None:
            _stop(worker)
        with contextlib.suppress(Exception):
            _purge()
        _delete(mine)
        shutil.rmtree(media, ignore_errors=True)
    return result


def queue_main(year: int) -> None:
    """In its own process: route the render task to the bench worker's queue, then run the
    portal's command exactly as an operator would."""
    import io

    import django

    django.setup()
    from django.core.management import call_command

    from sxsh_portal.celery import app

    app.conf.task_routes = {"documents.render_document": {"queue": QUEUE}}
    app.amqp.flush_routes()
    app.amqp.__dict__.pop("router", None)
    before = _last_document_id()
    out = io.StringIO()
    call_command("consolidated_pdfs_generate", "--year", str(year), stdout=out)
    documents = _documents(year).filter(pk__gt=before).count()
    print(json.dumps({"documents": documents, "output": out.getvalue().strip()}))


def _last_document_id() -> int:
    from sxsh_portal.documents.models import GeneratedDocument

    return GeneratedDocument.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    if sys.argv[1:2] == ["queue"]:
        queue_main(int(sys.argv[2]))
    else:
        sys.exit(__doc__)
