"""Background work of notifications: the e-mails."""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task

from . import services


@shared_task(
    name="notifications.send_email",
    serializer="json",
    acks_late=True,
    autoretry_for=(OSError, SMTPException),
    retry_backoff=30,
    # With the hard limit, within the broker's visibility timeout (660 s).
    retry_backoff_max=540,
    retry_jitter=True,
    max_retries=8,
    soft_time_limit=60,
    time_limit=90,
)
def send_notification_email(notification_id: int) -> bool:
    """Send one notification's e-mail. Idempotent: a second run of a sent one sends nothing."""
    return services.notification_email_deliver(notification_id=notification_id)


@shared_task(
    name="notifications.requeue_emails",
    serializer="json",
    acks_late=True,
    soft_time_limit=120,
    time_limit=180,
)
def requeue_notification_emails() -> int:
    """Celery beat: queue again the e-mails left waiting (broker down when they were made)."""
    return services.notification_emails_requeue()
