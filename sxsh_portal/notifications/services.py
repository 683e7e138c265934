"""Writes of notifications. `notification_send` is the one door the other apps use."""

from __future__ import annotations

import datetime
import logging
import threading
from collections.abc import Iterable
from contextlib import contextmanager
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from . import messages
from .models import Notification, NotificationPreference, ReminderBatch

# A second "remind every unit" on the same thing within this window is refused: the units
# were just told, and a double click must not mail them twice.
REMIND_COOLDOWN = datetime.timedelta(hours=24)
# E-mails still queued after this are queued again by the sweeper, this many per run.
REQUEUE_AFTER = datetime.timedelta(minutes=15)
REQUEUE_BATCH = 500

logger = logging.getLogger(__name__)


_muted = threading.local()


@contextmanager
def notifications_muted():
    """Within it, notification_send tells nobody: for loaders that replay years of history
    (the demo), whose transitions are not news to anyone."""
    previous = getattr(_muted, "on", False)
    _muted.on = True
    try:
        yield
    finally:
        _muted.on = previous


def _absolute(url: str) -> str:
    if not url or url.startswith("http"):
        return url
    return settings.SITE_URL.rstrip("/") + url


def _enqueue(notification_id: int) -> None:
    """Queue one e-mail. The transaction has committed: a broker that is down must not turn
    the user's action into an error page; the row stays queued and the sweeper
    (notification_emails_requeue, on Celery beat) queues it again."""
    from .tasks import send_notification_email

    try:
        send_notification_email.delay(notification_id)
    except Exception:  # the broker's errors differ by transport; all mean "not queued"
        logger.warning("notification %s: e-mail not queued, left for the sweeper", notification_id)


def notification_emails_requeue(*, older_than: datetime.timedelta = REQUEUE_AFTER) -> int:
    """Queue again the e-mails still waiting after `older_than` (never queued, or their
    task gave up). Sending stays once: delivery locks the row and skips a sent one."""
    cutoff = timezone.now() - older_than
    ids = list(
        Notification.objects.filter(
            email_state=Notification.EmailState.QUEUED, created_at__lt=cutoff
        ).values_list("pk", flat=True)[:REQUEUE_BATCH]
    )
    for notification_id in ids:
        _enqueue(notification_id)
    return len(ids)


def notification_send(
    *,
    recipients: Iterable,
    kind: str,
    params: dict,
    url: str = "",
    actor=None,
    batch: ReminderBatch | None = None,
) -> list[Notification]:
    """Tell each recipient (users; the actor is not told of their own action) what happened.

    Call it inside the caller's transaction: the rows roll back with it, and each e-mail is
    queued only once the transaction has committed."""
    if kind not in messages.Kind.values:
        raise ValidationError(_("Loại thông báo không hợp lệ."))
    if getattr(_muted, "on", False):
        return []
    actor_id = getattr(actor, "pk", None)
    users = {user.pk: user for user in recipients if user.is_active and user.pk != actor_id}
    if not users:
        return []
    # Only a user with an address can have turned e-mails off: none, no query.
    with_address = [pk for pk, user in users.items() if user.email]
    email_off = (
        set(
            NotificationPreference.objects.filter(
                user_id__in=with_address, email_enabled=False
            ).values_list("user_id", flat=True)
        )
        if with_address
        else set()
    )
    rows = []
    for user in sorted(users.values(), key=lambda u: u.pk):
        wants_email = bool(user.email) and user.pk not in email_off
        rows.append(
            Notification(
                recipient=user,
                kind=kind,
                params={key: str(value) for key, value in params.items()},
                url=url,
                actor=actor if actor_id else None,
                batch=batch,
                email_state=(
                    Notification.EmailState.QUEUED if wants_email else Notification.EmailState.NONE
                ),
                email_address=user.email if wants_email else "",
            )
        )
    created = Notification.objects.bulk_create(rows)
    for row in created:
        if row.email_state == Notification.EmailState.QUEUED:
            transaction.on_commit(partial(_enqueue, row.pk))
    return created


def notification_email_deliver(*, notification_id: int) -> bool:
    """Send one notification's e-mail, once: the row is locked, and a row already sent (a
    task delivered twice, or retried after a lost acknowledgement) sends nothing.

    A failing mail server raises, the row stays queued and the task retries."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.email_state != Notification.EmailState.QUEUED:
            return False
        with translation.override("vi"):
            subject, body = messages.email_of(
                notification.kind,
                notification.params,
                name=str(notification.recipient),
                url=_absolute(notification.url),
            )
        Notification.objects.filter(pk=notification.pk).update(
            email_attempts=notification.email_attempts + 1
        )
        send_mail(subject, body, None, [notification.email_address])
        notification.email_state = Notification.EmailState.SENT
        notification.email_sent_at = timezone.now()
        notification.save(update_fields=["email_state", "email_sent_at"])
    return True


def notification_mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one of the user's notifications read, or all of them; returns how many changed."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def notification_preference_set(*, user, email_enabled: bool) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"email_enabled": email_enabled}
    )
    return preference


def reminder_batch_start(*, key: str, actor, now: datetime.datetime | None = None) -> ReminderBatch:
    """Log a "remind everyone" action, or refuse it if one was made within the cool-down.

    Call inside the caller's transaction; the batches of the key are locked so that two
    clicks at once make one batch."""
    now = now or timezone.now()
    previous = (
        ReminderBatch.objects.select_for_update().filter(key=key).order_by("-created_at").first()
    )
    if previous is not None and now - previous.created_at < REMIND_COOLDOWN:
        wait = previous.created_at + REMIND_COOLDOWN
        raise ValidationError(
            _("Các đơn vị đã được nhắc lúc %(at)s. Chỉ có thể nhắc lại sau %(next)s.")
            % {
                "at": timezone.localtime(previous.created_at).strftime("%H:%M %d/%m/%Y"),
                "next": timezone.localtime(wait).strftime("%H:%M %d/%m/%Y"),
            }
        )
    return ReminderBatch.objects.create(key=key, actor=actor, created_at=now)


def reminder_batch_finish(*, batch: ReminderBatch, units_count: int, notifications_count: int):
    batch.units_count = units_count
    batch.notifications_count = notifications_count
    batch.save(update_fields=["units_count", "notifications_count"])
    return batch
