"""Queue a task through the outbox, send what waits, forget what was sent long ago.

`task_enqueue` writes the message in the caller's transaction and tries to send it when the
transaction commits, with the broker's short time-outs (settings: about a second at most).
If the broker does not answer, the message stays in the database and `outbox_sweep` (Celery
beat, every minute) sends it once the broker is back. After a failure a process does not try
the broker again for a few seconds: three clicks while Redis is down cost one time-out.
"""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Callable
from functools import partial

from celery import current_app
from celery.exceptions import NotRegistered
from django.db import IntegrityError, transaction
from django.utils import timezone
from kombu.exceptions import KombuError
from redis.exceptions import RedisError

from .models import OutboxMessage

logger = logging.getLogger(__name__)

# What publishing raises when the broker cannot take the message.
BROKER_ERRORS = (KombuError, RedisError, OSError, TimeoutError)
# How long a process leaves the broker alone after it failed (the sweeper does not wait).
BROKER_RETRY_AFTER_SECONDS = 10.0
# The sender at commit has this long before the sweeper may send the same message.
SWEEP_GRACE = datetime.timedelta(seconds=30)
SWEEP_BATCH = 500
KEEP_SENT = datetime.timedelta(days=7)

_broker_down_until = 0.0


class BrokerUnavailable(Exception):
    """The process saw the broker fail moments ago; the message waits for the sweeper."""


def _eager() -> bool:
    return bool(current_app.conf.task_always_eager)


def task_enqueue(
    *,
    task_name: str,
    args: list | tuple = (),
    kwargs: dict | None = None,
    key: str = "",
    on_task_error: Callable[[BaseException], None] | None = None,
) -> OutboxMessage:
    """Record the task in the current transaction; send it when the transaction commits.

    `on_task_error` is called when the task itself raised while running in-process (eager
    mode, the embedded default): that is the task's failure, not the broker's, and the
    message counts as delivered."""
    if key:
        waiting = OutboxMessage.objects.filter(key=key, sent_at__isnull=True).first()
        if waiting is not None:
            return waiting
    message = OutboxMessage(task_name=task_name, args=list(args), kwargs=kwargs or {}, key=key)
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        # Another request queued the same key a moment ago: that message will do.
        return OutboxMessage.objects.get(key=key, sent_at__isnull=True)
    transaction.on_commit(partial(_send_after_commit, message.pk, on_task_error))
    return message


def _send_after_commit(message_id: int, on_task_error) -> None:
    try:
        message_send(message_id=message_id)
    except Exception as error:
        logger.exception("Task of outbox message %s failed in-process", message_id)
        if on_task_error is not None:
            on_task_error(error)


def message_send(*, message_id: int, force: bool = False) -> bool:
    """Send one waiting message; True once it is sent (or was already). False when the
    broker did not take it: the message keeps waiting, with the error recorded. An error of
    the task itself (eager mode) marks it sent and propagates."""
    global _broker_down_until
    if not force and not _eager() and time.monotonic() < _broker_down_until:
        _record_failure(message_id, BrokerUnavailable("broker failed moments ago"))
        return False
    message = OutboxMessage.objects.filter(pk=message_id).first()
    if message is None or message.is_sent:
        return True
    task = _task(message.task_name)
    try:
        task.apply_async(args=message.args, kwargs=message.kwargs)
    except BROKER_ERRORS as error:
        if _eager():
            _mark_sent(message_id)
            raise
        _broker_down_until = time.monotonic() + BROKER_RETRY_AFTER_SECONDS
        logger.warning(
            "Broker unavailable: task %s (outbox message %s) waits for the sweeper (%s: %s)",
            message.task_name,
            message_id,
            type(error).__name__,
            error,
        )
        _record_failure(message_id, error)
        return False
    except Exception:
        _mark_sent(message_id)
        raise
    _mark_sent(message_id)
    return True


def _task(name: str):
    """The registered task; a web process imports the apps' task modules on first need
    (Celery discovers them lazily, at worker start-up)."""
    try:
        return current_app.tasks[name]
    except NotRegistered:
        current_app.loader.import_default_modules()
        return current_app.tasks[name]


def _mark_sent(message_id: int) -> None:
    OutboxMessage.objects.filter(pk=message_id, sent_at__isnull=True).update(sent_at=timezone.now())


def _record_failure(message_id: int, error: BaseException) -> None:
    message = OutboxMessage.objects.filter(pk=message_id).first()
    if message is None:
        return
    message.attempts += 1
    message.last_attempt_at = timezone.now()
    message.last_error = f"{type(error).__name__}: {error}"[:2000]
    message.save(update_fields=["attempts", "last_attempt_at", "last_error"])


def outbox_sweep(*, now: datetime.datetime | None = None) -> int:
    """Send the messages that wait (oldest first) and forget those sent a week ago; stop at
    the first the broker refuses (it is still down). Returns how many were sent."""
    global _broker_down_until
    now = now or timezone.now()
    _broker_down_until = 0.0
    OutboxMessage.objects.filter(sent_at__lt=now - KEEP_SENT).delete()
    waiting = list(
        OutboxMessage.objects.filter(sent_at__isnull=True, created_at__lt=now - SWEEP_GRACE)
        .order_by("pk")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    sent = 0
    for message_id in waiting:
        try:
            if not message_send(message_id=message_id, force=True):
                break
        except Exception:
            # The task failed in-process (eager mode): delivered all the same.
            logger.exception("Task of outbox message %s failed in-process", message_id)
        sent += 1
    if waiting:
        logger.info("Outbox: %d of %d waiting messages sent", sent, len(waiting))
    return sent


def message_waiting(*, key: str) -> bool:
    return OutboxMessage.objects.filter(key=key, sent_at__isnull=True).exists()
