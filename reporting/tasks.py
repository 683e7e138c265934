"""Background work of the reporting cycle."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from . import services


@shared_task(
    name="reporting.send_deadline_reminders",
    serializer="json",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=60,
    # A retry waits in the worker, unacknowledged: under the broker's visibility timeout.
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=5,
    soft_time_limit=300,
    time_limit=360,
)
def send_deadline_reminders(today: str | None = None) -> int:
    """E-mail the units whose report is due in 14, 7 or 1 days, or overdue (the schedule
    is ReminderStep rows). Idempotent: each report gets each step once, however many
    times this runs. `today` (ISO date) is for replays; by default, today in Vietnam."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    return services.deadline_reminders_send(today=day)


@shared_task(
    name="reporting.generate_consolidated_drafts",
    serializer="json",
    acks_late=True,
    autoretry_for=(OSError, OperationalError),
    retry_backoff=60,
    retry_backoff_max=240,
    max_retries=3,
    soft_time_limit=300,
    time_limit=360,
)
def generate_consolidated_drafts(today: str | None = None) -> list[int]:
    """The day after a plan's deadline (beat, every morning), queue the consolidated PDF of
    each province's year. `today` (ISO date) is for replays; by default, today in Vietnam."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    return [document.pk for document in services.consolidated_drafts_request(today=day)]
