"""Background work of the reporting cycle."""

from __future__ import annotations

import datetime
import os

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import OperationalError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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


def _test_delay_seconds() -> float:
    # Only tests/test_pdf_worker.py sets it: a render slow enough to kill the worker mid-way.
    return float(os.environ.get("SXSH_PDF_TEST_DELAY_SECONDS") or 0)


@shared_task(
    name="reporting.render_document",
    bind=True,
    serializer="json",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=services.documents.TEMPORARY_ERRORS,
    retry_backoff=5,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=3,
    soft_time_limit=180,
    time_limit=240,
)
def render_document(self, document_id: int) -> str:
    """Render one GeneratedDocument from its snapshot and store it. Idempotent: a row already
    done is left alone, so a redelivered message (worker killed mid-way) changes nothing."""
    try:
        return services.generated_document_render(
            document_id=document_id, delay_seconds=_test_delay_seconds()
        )
    except SoftTimeLimitExceeded:
        services.generated_document_fail(
            document_id=document_id,
            reason=str(_("Tạo PDF quá thời gian cho phép. Hãy thử lại hoặc báo quản trị.")),
        )
        return "failed"
    except services.documents.TEMPORARY_ERRORS as error:
        if self.request.retries >= self.max_retries:
            services.generated_document_fail(
                document_id=document_id, reason=services.documents.failure_reason_for(error)
            )
            return "failed"
        if self.request.is_eager:
            # Celery's eager retry raises Retry into the caller under task_eager_propagates
            # (the embedded default): retry in place, without the back-off pause.
            return self.apply(args=[document_id], retries=self.request.retries + 1).result
        raise


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


@shared_task(
    name="reporting.stale_documents_sweep",
    serializer="json",
    acks_late=True,
    soft_time_limit=120,
    time_limit=150,
)
def stale_documents_sweep() -> dict[str, int]:
    """Documents queued or running past their time limit (a lost message, a killed worker):
    queued again, or failed with a message to the user (beat, every five minutes)."""
    return services.documents.stale_documents_sweep()
