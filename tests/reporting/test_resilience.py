"""Redis down, broker down, lost messages: pages answer, work is kept and done later.

These run on the embedded default (SQLite, eager Celery): the broker is pointed at a closed
port for the length of a test, then put back (eager), which is what "the broker is back and
a worker runs the task" looks like in-process. tests/robustness/test_redis_down.py tells the
same story against a real stopped and restarted Redis with a real worker (CI's redis-down job).
"""

import datetime
import time

import pytest
from django.urls import reverse

from sxsh_portal.celery import app as celery_app
from sxsh_portal.documents import services as document_services
from sxsh_portal.documents.models import GeneratedDocument
from sxsh_portal.outbox import services as outbox
from sxsh_portal.outbox.models import OutboxMessage
from tests.reporting.conftest import at
from tests.reporting.test_documents import fake_renderer, media, reported_year  # noqa: F401

CLOSED_PORT = "redis://127.0.0.1:6390"


@pytest.fixture
def pdf_year(request, db):
    """Thanh Hóa 2019 reported (tests/reporting/test_documents.py), media in a temporary
    folder."""
    request.getfixturevalue("media")
    return request.getfixturevalue("reported_year")


@pytest.fixture
def renders(request):
    """The documents rendered (a tiny fake PDF each)."""
    return request.getfixturevalue("fake_renderer")


@pytest.fixture
def cache_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "sxsh_portal.resilience.cache.ResilientRedisCache",
            "LOCATION": f"{CLOSED_PORT}/1",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    from sxsh_portal.resilience.cache import ResilientRedisCache

    yield
    ResilientRedisCache._down_until = 0.0


@pytest.fixture
def broker_down(monkeypatch):
    """Celery sends to a Redis at a closed port, as in production with Redis stopped."""
    conf = celery_app.conf
    previous = conf.task_always_eager, conf.broker_url

    def reset_pools():
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    conf.task_always_eager = False
    conf.broker_url = f"{CLOSED_PORT}/0"
    # Celery reads the variable before its own setting (CI's production set-up sets it).
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    reset_pools()
    monkeypatch.setattr(outbox, "_broker_down_until", 0.0)

    class Broker:
        def come_back(self):
            """The broker is back and a worker runs what it is sent (here: in-process)."""
            conf.task_always_eager, conf.broker_url = previous
            reset_pools()

    yield Broker()
    conf.task_always_eager, conf.broker_url = previous
    reset_pools()


# ---------------------------------------------------------------------------- the cache


@pytest.mark.django_db
def test_with_the_cache_at_a_closed_port_the_dashboards_and_public_figures_still_answer(
    pdf_year, cache_down, ministry_user, province_user, login_as, client
):
    pages = [
        (client, reverse("dashboards:public")),
        (login_as(ministry_user), reverse("dashboards:national")),
        (login_as(ministry_user), reverse("dashboards:national_xlsx")),
        (login_as(province_user), reverse("dashboards:home")),
    ]
    for page_client, url in pages:
        response = page_client.get(url, follow=True)
        assert response.status_code == 200, url


def test_a_cache_error_is_a_miss_and_a_write_is_dropped_without_raising(cache_down, caplog):
    from django.core.cache import cache

    started = time.monotonic()
    cache.set("registry", {"figures": 1}, 60)
    assert cache.get("registry", "miss") == "miss"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("k", 1) is False
    cache.delete("registry")
    assert time.monotonic() - started < 2
    assert "Cache unavailable" in caplog.text


# ---------------------------------------------------------------------------- the broker


@pytest.mark.django_db
def test_a_pdf_asked_for_while_the_broker_is_down_answers_at_once_and_is_made_when_it_is_back(
    pdf_year,
    renders,
    broker_down,
    province_user,
    login_as,
    django_capture_on_commit_callbacks,
):
    client = login_as(province_user)
    url = reverse("reporting:consolidated_pdf", args=[pdf_year.pk])

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    elapsed = time.monotonic() - started

    assert response.status_code == 302
    assert elapsed < 1.5
    document = GeneratedDocument.objects.get()
    assert document.state == "queued"
    message = OutboxMessage.objects.get()
    assert message.task_name == "documents.render_document" and message.args == [document.pk]
    assert message.sent_at is None and message.attempts == 1
    assert "OperationalError" in message.last_error
    page = client.get(response.url).content.decode()
    assert "Hàng đợi tạo PDF tạm thời không hoạt động" in page
    assert "Đang tạo PDF" not in page

    # Two more clicks while it is down: still one message, and no wait on the broker.
    started = time.monotonic()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url)
    assert time.monotonic() - started < 1.5
    assert OutboxMessage.objects.count() == 1

    broker_down.come_back()
    later = OutboxMessage.objects.get().created_at + datetime.timedelta(minutes=1)
    assert outbox.outbox_sweep(now=later) == 1

    document.refresh_from_db()
    assert document.state == "done"
    assert renders == [document.pk]
    assert OutboxMessage.objects.get().sent_at is not None
    assert outbox.outbox_sweep(now=later) == 0


@pytest.mark.django_db
def test_a_task_asked_for_in_a_transaction_that_rolls_back_is_never_sent(
    broker_down, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        outbox.task_enqueue(task_name="reporting.send_deadline_reminders", args=[])
        raise RuntimeError("the request failed")

    assert callbacks == []
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_the_sweeper_stops_at_the_first_message_the_broker_still_refuses(
    broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for day in ("2019-12-01", "2019-12-02"):
            outbox.task_enqueue(task_name="reporting.send_deadline_reminders", args=[day])
    later = OutboxMessage.objects.first().created_at + datetime.timedelta(minutes=1)

    assert outbox.outbox_sweep(now=later) == 0
    attempts = list(OutboxMessage.objects.order_by("pk").values_list("attempts", flat=True))
    assert attempts == [2, 1]


# ---------------------------------------------------------------------------- stale documents


def _queued_document(pdf_year, *, queued_at, state="queued", **fields):
    return GeneratedDocument.objects.create(
        kind=GeneratedDocument.Kind.CONSOLIDATED,
        object_id=pdf_year.pk,
        year=pdf_year.year,
        snapshot={"header": {}},
        snapshot_checksum="0" * 64,
        document_date=queued_at.date(),
        requested_at=queued_at,
        queued_at=queued_at,
        state=state,
        **fields,
    )


@pytest.mark.django_db
def test_a_document_whose_message_was_lost_is_queued_again_by_the_sweeper(
    pdf_year, renders, django_capture_on_commit_callbacks
):
    queued_at = at(20, 12, 2019)
    document = _queued_document(pdf_year, queued_at=queued_at)

    not_yet = document_services.stale_documents_sweep(
        now=queued_at + datetime.timedelta(minutes=14)
    )
    assert not_yet == {"requeued": 0, "failed": 0}

    with django_capture_on_commit_callbacks(execute=True):
        counts = document_services.stale_documents_sweep(
            now=queued_at + datetime.timedelta(minutes=16)
        )

    assert counts == {"requeued": 1, "failed": 0}
    document.refresh_from_db()
    assert document.state == "done" and document.stale_requeues == 1


@pytest.mark.django_db
def test_a_document_running_past_its_time_limit_after_two_requeues_fails_with_a_message(
    pdf_year, province_user, login_as
):
    started = at(20, 12, 2019)
    document = _queued_document(
        pdf_year, queued_at=started, state="running", started_at=started, stale_requeues=2
    )

    not_yet = document_services.stale_documents_sweep(now=started + datetime.timedelta(minutes=6))
    counts = document_services.stale_documents_sweep(now=started + datetime.timedelta(minutes=8))

    assert not_yet == {"requeued": 0, "failed": 0}
    assert counts == {"requeued": 0, "failed": 1}
    document.refresh_from_db()
    assert document.state == "failed"
    assert document.failure_reason.startswith("Tạo PDF bị gián đoạn: đã quá 7 phút")
    body = (
        login_as(province_user)
        .get(reverse("reporting:consolidated_pdf_status", args=[pdf_year.pk]))
        .content.decode()
    )
    assert "Tạo PDF bị gián đoạn" in body and "hx-trigger" not in body


@pytest.mark.django_db
def test_clicking_again_does_not_postpone_a_lost_message_it_sends_a_new_one(
    pdf_year, renders, clock, django_capture_on_commit_callbacks
):
    from reporting import services

    clock.move_to(at(20, 12, 2019, hour=9))
    with django_capture_on_commit_callbacks(execute=False):
        document = services.consolidated_pdf_request(reporting_year=pdf_year, actor=None)
    # The message went to a broker that lost it (flushed): sent, never run.
    OutboxMessage.objects.update(sent_at=at(20, 12, 2019, hour=9))
    for minute in (10, 20):  # clicks every ten minutes
        clock.move_to(at(20, 12, 2019, hour=9) + datetime.timedelta(minutes=minute))
        with django_capture_on_commit_callbacks(execute=True):
            document = services.consolidated_pdf_request(reporting_year=pdf_year, actor=None)

    document.refresh_from_db()
    assert document.state == "done"
    assert renders == [document.pk]


# A real commit: the task runs when the service's transaction ends, before the view answers.
@pytest.mark.django_db(transaction=True)
def test_the_page_never_says_the_pdf_is_being_made_for_a_row_that_already_failed(
    pdf_year, monkeypatch, province_user, login_as
):
    monkeypatch.setattr(
        document_services, "document_pdf_bytes", lambda d: (_ for _ in ()).throw(ValueError("x"))
    )
    monkeypatch.setattr(document_services, "pdf_support_problem", lambda: None)
    client = login_as(province_user)

    response = client.post(reverse("reporting:consolidated_pdf", args=[pdf_year.pk]))
    page = client.get(response.url).content.decode()

    assert "Đang tạo PDF" not in page
    assert "Lỗi khi dựng tài liệu (ValueError: x)" in page
