"""Notification e-mails go through a real Celery worker and a real broker, once.

Like tests/test_celery_worker.py: needs CELERY_BROKER_URL=redis://… and PostgreSQL
(DATABASE_URL), as CI's production set-up has. The worker writes e-mails to files
(EMAIL_URL=filemail://…), so the test counts what really left.
"""

import os
import re
import time

import pytest
from django.db import connection

from sxsh_portal.celery import app as celery_app
from sxsh_portal.notifications.models import Notification
from sxsh_portal.notifications.services import notification_send
from tests.factories import UserFactory
from tests.test_celery_worker import WORKER_TIMEOUT_S, start_worker, stop_worker

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(
        not os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"),
        reason="needs a Redis broker: set CELERY_BROKER_URL=redis://… (CI does)",
    ),
]


@pytest.fixture
def eager_mode_off():
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = previous


def outcomes_logged(worker, log_path, count: int) -> list[str]:
    """The return values the worker logged for its first `count` e-mail tasks. Task results
    are not stored (settings: a result store in the web path waits on Redis), so the test
    reads what the worker says it did."""
    pattern = re.compile(r"Task notifications\.send_email\[[^\]]+\] succeeded in [^:]+: (\w+)")
    deadline = time.monotonic() + WORKER_TIMEOUT_S
    while True:
        found = pattern.findall(log_path.read_text())
        if len(found) >= count:
            return found[:count]
        if worker.poll() is not None:
            pytest.fail(f"the worker exited with {worker.returncode}:\n{log_path.read_text()}")
        if time.monotonic() > deadline:
            pytest.fail(f"no outcome within {WORKER_TIMEOUT_S} s:\n{log_path.read_text()}")
        time.sleep(0.2)


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_emails_a_notification_once_even_when_the_task_runs_twice(
    tmp_path, eager_mode_off, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process must reach the test database: set DATABASE_URL")
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    # django-environ drops the first slash of the path: "filemail:////tmp/…" is /tmp/….
    monkeypatch.setenv("EMAIL_URL", f"filemail:///{mail_dir}")
    unit_user = UserFactory(username="ubnd-dong-son-worker")
    (notification,) = notification_send(
        recipients=[unit_user],
        kind=Notification.Kind.REPORT_RETURNED,
        params={"agency": "UBND huyện Đông Sơn", "year": 2026, "reason": "Thiếu số liệu"},
        url="/bao-cao/1/",
    )

    queue = "sxsh-test-notifications"
    log_path = tmp_path / "worker.log"
    with log_path.open("w") as log_file:
        worker = start_worker(queue, log_file)
        try:
            for _ in range(2):  # a redelivered message: the same task, twice
                celery_app.send_task(
                    "notifications.send_email", args=[notification.pk], queue=queue
                )
            outcomes = outcomes_logged(worker, log_path, 2)
        finally:
            stop_worker(worker)

    assert outcomes == ["True", "False"]
    notification.refresh_from_db()
    assert notification.email_state == Notification.EmailState.SENT
    assert notification.email_attempts == 1
    (mail_file,) = list(mail_dir.iterdir())
    text = mail_file.read_text()
    assert unit_user.email in text
    assert "Lý do: Thiếu số liệu" in text  # the body in Vietnamese, 8-bit
