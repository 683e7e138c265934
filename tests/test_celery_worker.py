"""A real `celery worker` runs the portal's tasks through the configured broker.

The rest of the suite runs tasks in-process (eager); this is the one test that proves the
production path: message to Redis, worker process, Django ORM in the worker, result back.
CI runs it on the production set-up (.ci/run): CELERY_BROKER_URL=redis://… and PostgreSQL.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from sxsh_portal.celery import app as celery_app
from sxsh_portal.territory.models import AdministrativeUnit
from tests.factories import CurrentProvinceFactory, ProvinceFactory

ROOT = Path(__file__).resolve().parent.parent
WORKER_TIMEOUT_S = 60

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(
        not os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"),
        reason="needs a Redis broker: set CELERY_BROKER_URL=redis://… (CI does)",
    ),
]


def url_of_the_test_database() -> str:
    """The URL of the database this test runs on (pytest-django's "test_…" database)."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "localhost"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{quote(db['NAME'], safe='')}"


def start_worker(queue: str, log_file, env: dict | None = None) -> subprocess.Popen:
    env = {
        **os.environ,
        **(env or {}),
        "DATABASE_URL": url_of_the_test_database(),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DJANGO_SETTINGS_MODULE": "sxsh_portal.settings",
    }
    celery = Path(sys.executable).with_name("celery")
    return subprocess.Popen(
        [
            str(celery),
            "-A",
            "sxsh_portal",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-l",
            "info",
            # A queue of its own: a development worker on the same broker (`celery worker` on
            # the default queue, another database) must not take this test's task.
            "-Q",
            queue,
            "-n",
            f"{queue}-{os.getpid()}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )


def stop_worker(worker: subprocess.Popen) -> None:
    if worker.poll() is not None:
        return
    worker.send_signal(signal.SIGTERM)  # warm shutdown
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait(timeout=10)


@pytest.fixture
def eager_mode_off():
    # CI runs the suite with CELERY_TASK_ALWAYS_EAGER=true; here the result must come back
    # through the result backend, as in production.
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = previous


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_counts_the_administrative_units_committed_by_the_portal(
    tmp_path, eager_mode_off
):
    if connection.vendor != "postgresql":
        pytest.skip(
            "the worker process must reach the test database: set DATABASE_URL=postgres://…"
        )
    ProvinceFactory(code="38", name="Thanh Hóa")
    CurrentProvinceFactory(code="38", name="Thanh Hóa")
    ProvinceFactory(code="02", name="Hà Giang")
    expected = AdministrativeUnit.objects.count()
    assert expected == 3

    queue = "sxsh-test-worker"
    log_path = tmp_path / "worker.log"
    result = None
    with log_path.open("w") as log_file:
        worker = start_worker(queue, log_file)
        try:
            result = celery_app.send_task("territory.administrative_unit_count", queue=queue)
            deadline = time.monotonic() + WORKER_TIMEOUT_S
            # Poll rather than block in result.get(): a worker that dies at start-up should fail
            # the test at once, with its log, not after the whole time-out.
            while not result.ready():
                if worker.poll() is not None:
                    pytest.fail(
                        f"the worker exited with {worker.returncode}:\n{log_path.read_text()}"
                    )
                if time.monotonic() > deadline:
                    pytest.fail(f"no result within {WORKER_TIMEOUT_S} s:\n{log_path.read_text()}")
                time.sleep(0.2)
            count = result.get(timeout=5)
        finally:
            stop_worker(worker)
            if result is not None:
                result.forget()

    assert count == expected
