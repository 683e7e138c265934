"""The signature check, in a worker: a 20 MB PDF takes seconds to parse and validate."""

from __future__ import annotations

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import OperationalError
from django.utils.translation import gettext as _

from . import services


@shared_task(
    name="signatures.verify_signed_document",
    serializer="json",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=5,
    # With the hard limit, within the broker's visibility timeout (660 s).
    retry_backoff_max=300,
    max_retries=3,
    soft_time_limit=120,
    time_limit=150,
)
def verify_signed_document(signed_id: int) -> str:
    """Verify one uploaded signed copy. Idempotent: only a pending row is checked, so a
    redelivered message changes nothing."""
    try:
        return services.signed_document_verify(signed_id=signed_id)
    except SoftTimeLimitExceeded:
        services.signed_document_refuse(
            signed_id=signed_id,
            check="timeout",
            reason=_("Kiểm tra chữ ký quá thời gian cho phép. Hãy thử lại hoặc báo quản trị."),
        )
        return "refused"
