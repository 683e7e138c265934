"""Background work of the generated documents: render one, sweep the stale ones."""

from __future__ import annotations

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.utils.translation import gettext_lazy as _

from . import services


@shared_task(
    name=services.RENDER_TASK,
    bind=True,
    serializer="json",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=services.TEMPORARY_ERRORS,
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
        return services.generated_document_render(document_id=document_id)
    except SoftTimeLimitExceeded:
        services.generated_document_fail(
            document_id=document_id,
            reason=str(_("Tạo PDF quá thời gian cho phép. Hãy thử lại hoặc báo quản trị.")),
        )
        return "failed"
    except services.TEMPORARY_ERRORS as error:
        if self.request.retries >= self.max_retries:
            services.generated_document_fail(
                document_id=document_id, reason=services.failure_reason_for(error)
            )
            return "failed"
        if self.request.is_eager:
            # Celery's eager retry raises Retry into the caller under task_eager_propagates
            # (the embedded default): retry in place, without the back-off pause.
            return self.apply(args=[document_id], retries=self.request.retries + 1).result
        raise


@shared_task(
    name="documents.stale_documents_sweep",
    serializer="json",
    acks_late=True,
    soft_time_limit=120,
    time_limit=150,
)
def stale_documents_sweep() -> dict[str, int]:
    """Documents queued or running past their time limit (a lost message, a killed worker):
    queued again, or failed with a message to the user (beat, every five minutes)."""
    return services.stale_documents_sweep()
