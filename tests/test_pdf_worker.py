"""PDF generation through a real Celery worker and the Redis broker (CI's production set-up).

1. A document requested by the portal is rendered by the worker; the worker is killed
   (SIGKILL) while it renders, a new worker picks the unacknowledged message up once the
   broker's visibility timeout (5 s here) has passed, and the document exists once.
2. A task that fails for good leaves the row failed with its reason, and the page says so
   in Vietnamese.
"""

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from facilities import services as facility_services
from sxsh_portal.celery import app as celery_app
from sxsh_portal.documents.models import GeneratedDocument
from sxsh_portal.documents.pdf import pdf_support_problem
from tests.test_celery_worker import stop_worker, url_of_the_test_database

ROOT = Path(__file__).resolve().parent.parent
QUEUE = "sxsh-test-pdf"
TIMEOUT_S = 90
VISIBILITY_TIMEOUT_S = 5

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(
        not os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"),
        reason="needs a Redis broker: set CELERY_BROKER_URL=redis://… (CI does)",
    ),
    pytest.mark.skipif(
        pdf_support_problem() is not None, reason="WeasyPrint (Pango) is not installed"
    ),
]


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("the worker process must reach the test database: DATABASE_URL=postgres://…")


def route_tasks(routes):
    """Change the task routes of the running app. Celery compiles them into a cached router
    the first time any task is sent, so setting conf.task_routes alone is ignored after an
    earlier test (tests/test_celery_worker.py) has sent one."""
    celery_app.conf.task_routes = routes
    celery_app.amqp.flush_routes()
    celery_app.amqp.__dict__.pop("router", None)


@pytest.fixture
def worker_set_up(settings, tmp_path, postgres_only):
    """Eager mode off, PDFs routed to this test's queue, files in a media folder the worker
    shares with the test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    previous = (celery_app.conf.task_always_eager, celery_app.conf.task_routes)
    celery_app.conf.task_always_eager = False
    route_tasks({"documents.render_document": {"queue": QUEUE}})
    # A message another run left behind must not be rendered against this database.
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_purge(QUEUE)
    yield settings.MEDIA_ROOT
    celery_app.conf.task_always_eager = previous[0]
    route_tasks(previous[1])


def start_worker(log_file, media_root: Path, *, delay_seconds: float = 0) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": url_of_the_test_database(),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT_S),
        "MEDIA_ROOT": str(media_root),
        "DJANGO_SETTINGS_MODULE": "sxsh_portal.settings",
    }
    if delay_seconds:
        # Each render waits that long first: a worker slow enough to be killed mid-way.
        command = [sys.executable, "-m", "tests.slow_render_worker", str(delay_seconds)]
    else:
        command = [str(Path(sys.executable).with_name("celery")), "-A", "sxsh_portal", "worker"]
    command += ["--pool=solo", "--concurrency=1"]
    command += ["-l", "info", "-Q", QUEUE, "-n", f"{QUEUE}-{os.getpid()}-{time.time_ns()}@%h"]
    command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT)


def wait_for(condition, *, worker, log_path: Path, what: str):
    deadline = time.monotonic() + TIMEOUT_S
    while True:
        value = condition()
        if value:
            return value
        if worker.poll() is not None:
            pytest.fail(f"the worker exited with {worker.returncode}:\n{log_path.read_text()}")
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {TIMEOUT_S} s:\n{log_path.read_text()}")
        time.sleep(0.2)


def state_of(document_id: int) -> GeneratedDocument:
    return GeneratedDocument.objects.get(pk=document_id)


@pytest.fixture
def facility(dong_son):
    from facilities.services import sectors_load
    from tests.facilities.factories import FacilityFactory, YearStatusFactory

    sectors_load()
    facility = FacilityFactory(name="Công ty TNHH Giấy Đông Sơn", admin_unit=dong_son)
    YearStatusFactory(facility=facility, year=2019, is_aware=True)
    return facility


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_while_rendering_leaves_one_document_after_the_retry(
    tmp_path, worker_set_up, facility
):
    media_root = worker_set_up
    log_path = tmp_path / "worker.log"
    with log_path.open("w") as log_file:
        first = start_worker(log_file, media_root, delay_seconds=30)
        try:
            document = facility_services.facility_summary_pdf_request(
                facility=facility, year=2019, actor=None
            )
            wait_for(
                lambda: state_of(document.pk).state == "running",
                worker=first,
                log_path=log_path,
                what="the first worker starts rendering",
            )
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
            taken_at = state_of(document.pk).started_at
        finally:
            stop_worker(first)

        # Asking again while it runs (a second click) does not make a second document.
        again = facility_services.facility_summary_pdf_request(
            facility=facility, year=2019, actor=None
        )
        assert again.pk == document.pk

        # The broker hands the unacknowledged message out again once the visibility timeout
        # has passed: the new worker sweeps for such messages when it starts.
        time.sleep(max(0.0, VISIBILITY_TIMEOUT_S + 1.5 - (time.time() - taken_at.timestamp())))
        second = start_worker(log_file, media_root)
        try:
            finished = wait_for(
                lambda: (row := state_of(document.pk)).state in ("done", "failed") and row,
                worker=second,
                log_path=log_path,
                what="the second worker finishes the document",
            )
        finally:
            stop_worker(second)

    assert finished.state == "done", finished.failure_reason
    assert finished.attempts == 2
    assert GeneratedDocument.objects.count() == 1
    files = list(Path(media_root).rglob("*.pdf"))
    assert len(files) == 1
    assert files[0].read_bytes().startswith(b"%PDF")
    assert hashlib.sha256(files[0].read_bytes()).hexdigest() == finished.file_checksum


@pytest.mark.django_db(transaction=True)
def test_a_document_that_cannot_be_rendered_is_shown_as_failed_in_vietnamese(
    tmp_path, worker_set_up, facility, province_user, client
):
    from sxsh_portal.documents.tasks import render_document

    broken = GeneratedDocument.objects.create(
        kind=GeneratedDocument.Kind.FACILITY_SUMMARY,
        object_id=facility.pk,
        year=2019,
        # A snapshot without its data: no retry can fix that.
        snapshot={"header": {"issuer": "?", "number": "", "place": "", "title": ""}},
        snapshot_checksum="0" * 64,
        document_date="2019-12-16",
    )
    log_path = tmp_path / "worker.log"
    with log_path.open("w") as log_file:
        worker = start_worker(log_file, worker_set_up)
        try:
            render_document.apply_async(args=[broken.pk], queue=QUEUE)
            failed = wait_for(
                lambda: (row := state_of(broken.pk)).state == "failed" and row,
                worker=worker,
                log_path=log_path,
                what="the worker records the failure",
            )
        finally:
            stop_worker(worker)

    assert failed.attempts == 1  # a permanent error is not retried
    assert failed.failure_reason.startswith("Lỗi khi dựng tài liệu (KeyError")
    client.force_login(province_user, backend="django.contrib.auth.backends.ModelBackend")
    body = client.get(reverse("facilities:facility_pdf_status", args=[facility.pk])).content
    assert "Không tạo được PDF.".encode() in body
    assert "Lỗi khi dựng tài liệu (KeyError".encode() in body
