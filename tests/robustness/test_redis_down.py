"""With Redis stopped (cache and broker at a closed port), every page answers below 500, a
unit's submission is saved and a PDF asked for is kept; when Redis comes back, the outbox
sends the queued work and a real worker does it.

CI's redis-down job (.ci/run) starts a second redis-server on its own port, stops it, and
runs these with REDIS_URL and CELERY_BROKER_URL pointing at it and SXSH_REDIS_DOWN=1; the
second test starts that Redis again and a real `celery worker` (PostgreSQL, so that the
worker reads what the test wrote). tests/reporting/test_resilience.py tells the same story
in-process on the embedded default.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from reporting.models import UnitReport
from sxsh_portal.celery import app as celery_app
from sxsh_portal.documents.models import GeneratedDocument
from sxsh_portal.documents.pdf import pdf_support_problem
from sxsh_portal.outbox import services as outbox
from sxsh_portal.outbox.models import OutboxMessage
from tests.robustness.test_fuzz import Fuzzer, _parameterless_urls

pytestmark = [
    pytest.mark.redis_down,
    pytest.mark.skipif(
        not os.environ.get("SXSH_REDIS_DOWN"),
        reason="needs the cache and broker at a stopped Redis: SXSH_REDIS_DOWN=1 (CI does)",
    ),
]


def _redis_address() -> tuple[str, int]:
    url = urlsplit(settings.CELERY_BROKER_URL)
    return url.hostname or "127.0.0.1", url.port or 6379


def _signed_in(user) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def broker_down():
    conf = celery_app.conf
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    assert "Redis" in settings.CACHES["default"]["BACKEND"]
    previous = conf.task_always_eager
    conf.task_always_eager = False
    outbox._broker_down_until = 0.0
    yield
    conf.task_always_eager = previous


def _unit_report(world) -> UnitReport:
    return UnitReport.objects.get(
        reporting_year__year=2019, agency__assignments__user=world["unit"]
    )


@pytest.mark.django_db
def test_with_redis_stopped_every_page_answers_and_a_units_submission_is_saved(world, broker_down):
    failures, pages = [], 0
    for role, user in world.items():
        fuzzer = Fuzzer(_signed_in(user), role)
        fuzzer.crawl(["/", *_parameterless_urls()])
        failures += fuzzer.failures
        pages += len(fuzzer.pages)
    assert not failures, "\n".join(failures)
    assert pages > 50

    report = _unit_report(world)
    unit = _signed_in(world["unit"])
    started = time.monotonic()
    response = unit.post(
        reverse("reporting:report_submit", args=[report.pk]),
        {"version": report.version, "confirmed": "1"},
    )
    assert response.status_code == 302
    assert time.monotonic() - started < 3
    report.refresh_from_db()
    assert report.state == UnitReport.State.SUBMITTED


@pytest.mark.django_db(transaction=True)
def test_a_pdf_asked_for_while_redis_is_down_is_made_by_a_real_worker_once_it_is_back(
    world, broker_down, tmp_path, settings
):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process must reach the test database: DATABASE_URL=postgres://…")
    if pdf_support_problem():
        pytest.skip(pdf_support_problem())
    redis_server = shutil.which("redis-server")
    if redis_server is None:
        pytest.skip("redis-server is not installed")
    from tests.test_celery_worker import start_worker, stop_worker

    settings.MEDIA_ROOT = tmp_path / "media"
    report = _unit_report(world)
    unit = _signed_in(world["unit"])

    response = unit.post(reverse("reporting:report_pdf", args=[report.pk]))
    assert response.status_code == 302
    document = GeneratedDocument.objects.get(object_id=report.pk)
    assert document.state == GeneratedDocument.State.QUEUED
    message = OutboxMessage.objects.get(sent_at__isnull=True)
    assert message.args == [document.pk] and message.attempts == 1
    # What the request spent on the broker: one attempt, about a second at most.
    outbox._broker_down_until = 0.0
    started = time.monotonic()
    assert outbox.message_send(message_id=message.pk) is False
    assert time.monotonic() - started < 1.5

    host, port = _redis_address()
    server = subprocess.Popen(
        [redis_server, "--bind", host, "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    log_path = tmp_path / "worker.log"
    worker = None
    try:
        _wait_for_redis(host, port)
        with log_path.open("w") as log_file:
            worker = start_worker("celery", log_file, env={"MEDIA_ROOT": str(settings.MEDIA_ROOT)})
            # The sweeper's run of the next minute (beat), made now.
            later = message.created_at + outbox.SWEEP_GRACE * 2
            assert outbox.outbox_sweep(now=later) == 1
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                document.refresh_from_db()
                if document.state in ("done", "failed") or worker.poll() is not None:
                    break
                time.sleep(0.5)
    finally:
        if worker is not None:
            stop_worker(worker)
        server.terminate()
        server.wait(timeout=10)

    assert document.state == GeneratedDocument.State.DONE, log_path.read_text()[-3000:]
    assert OutboxMessage.objects.get(pk=message.pk).sent_at is not None


def _wait_for_redis(host: str, port: int) -> None:
    import redis

    client = redis.Redis(host=host, port=port, socket_connect_timeout=0.5)
    for _ in range(50):
        try:
            if client.ping():
                return
        except redis.exceptions.RedisError:
            time.sleep(0.1)
    raise AssertionError(f"redis-server on {host}:{port} did not start")
