"""PDF documents: request one (idempotent), render it in a Celery task, record the outcome.

A request freezes the data the document will show (the snapshot, JSON) and looks for a row
of the same kind, object and snapshot checksum: two clicks, or the beat schedule and a
click, share one row. The task renders from the snapshot alone, so a retry after a worker
crash produces the same document; the file write and the state change happen under
select_for_update on the row, and a row already done is left alone.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
from functools import partial

from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sxsh_portal.outbox import services as outbox

from .models import GeneratedDocument, document_path
from .pdf import pdf_support_problem
from .registry import kind_get, pdf_finished

logger = logging.getLogger(__name__)

# Worth another attempt: the disk, the network, the database may come back.
TEMPORARY_ERRORS = (OSError, OperationalError)
# The render task's limits (tasks.py), from which staleness is counted.
RENDER_TIME_LIMIT = datetime.timedelta(seconds=240)
RENDER_RETRY_BACKOFF_MAX = datetime.timedelta(seconds=120)
# A row running for longer than one attempt and its retry's countdown can take lost its
# worker (killed, restarted); a row queued this long lost its message (a broker flushed, an
# eager run interrupted) or waits behind a long batch. Either is queued again, counted from
# when its message was queued, not from the last click.
RUNNING_STALE_AFTER = RENDER_TIME_LIMIT + RENDER_RETRY_BACKOFF_MAX + datetime.timedelta(minutes=1)
QUEUED_STALE_AFTER = datetime.timedelta(minutes=15)
# After this many automatic re-queues the row fails with a message the user can act on.
MAX_STALE_REQUEUES = 2
# Named "reporting.render_document" before the move: a message queued under that name when
# the portal was upgraded is refused by the workers, and the stale sweeper queues its
# document again under this one.
RENDER_TASK = "documents.render_document"


class PdfUnsupportedError(Exception):
    """This machine cannot render PDFs (WeasyPrint without Pango): no retry helps."""


# ---------------------------------------------------------------------------- snapshots


def snapshot_checksum(snapshot: dict, *, ignores: tuple[tuple[str, str], ...] = ()) -> str:
    """SHA-256 of the snapshot's canonical JSON, without the moment it was computed (`ignores`,
    from the kind: a draft consolidation is rebuilt on every request; the same figures must
    give the same sum)."""
    data = json.loads(json.dumps(snapshot, cls=DjangoJSONEncoder))
    for section, key in ignores:
        if isinstance(data.get(section), dict):
            data[section].pop(key, None)
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


# ---------------------------------------------------------------------------- rendering


def document_pdf_bytes(document: GeneratedDocument) -> bytes:
    """Render a document from its snapshot alone (pure: the same row gives the same PDF)."""
    problem = pdf_support_problem()
    if problem:
        raise PdfUnsupportedError(problem)
    return kind_get(document.kind).render(document)


def download_filename(document: GeneratedDocument) -> str:
    """bao-cao-tong-hop-2019-thanh-hoa.pdf: ASCII, since browsers differ on others."""
    kind = kind_get(document.kind)
    snapshot = document.snapshot
    header = snapshot.get("header", {})
    subject = kind.filename_subject(snapshot) if kind.filename_subject else header.get("issuer", "")
    # NFKD leaves "đ" alone, and slugify would drop it.
    slug = slugify(subject.replace("đ", "d").replace("Đ", "D"))[:60]
    # A draft says so in its name too, not only on its pages.
    draft = "du-thao" if header.get("is_draft") else ""
    parts = (kind.filename_prefix, str(document.year), slug, draft)
    return "-".join(part for part in parts if part) + ".pdf"


@transaction.atomic
def generated_document_start(*, document_id: int) -> GeneratedDocument | None:
    """Mark the row running; None when there is nothing to do (gone, or already done)."""
    document = GeneratedDocument.objects.select_for_update().filter(pk=document_id).first()
    if document is None or document.is_done:
        return None
    document.state = GeneratedDocument.State.RUNNING
    document.started_at = timezone.now()
    document.attempts += 1
    document.failure_reason = ""
    document.save(update_fields=["state", "started_at", "attempts", "failure_reason"])
    return document


@transaction.atomic
def generated_document_store(*, document_id: int, pdf: bytes) -> GeneratedDocument:
    """Write the file and mark the row done in one transaction, under the row's lock; a row
    another attempt finished meanwhile keeps its file."""
    document = GeneratedDocument.objects.select_for_update().get(pk=document_id)
    if document.is_done:
        return document
    storage = document.file.storage
    # A fixed name per row: an attempt that died after writing leaves a file the next one
    # replaces, instead of a second copy beside it.
    name = document_path(document, f"{document.kind}-{document.year}-{document.pk}.pdf")
    if storage.exists(name):
        storage.delete(name)
    document.file.name = storage.save(name, ContentFile(pdf))
    document.file_checksum = hashlib.sha256(pdf).hexdigest()
    document.file_size = len(pdf)
    document.state = GeneratedDocument.State.DONE
    document.finished_at = timezone.now()
    document.failure_reason = ""
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def generated_document_fail(*, document_id: int, reason: str) -> GeneratedDocument | None:
    document = GeneratedDocument.objects.select_for_update().filter(pk=document_id).first()
    if document is None or document.is_done:
        return document
    document.state = GeneratedDocument.State.FAILED
    document.failure_reason = reason or _("Lỗi không xác định.")
    document.finished_at = timezone.now()
    document.save(update_fields=["state", "failure_reason", "finished_at"])
    return document


def failure_reason_for(error: BaseException) -> str:
    """The reason shown to the user, in Vietnamese, with the technical cause after it."""
    if isinstance(error, PdfUnsupportedError):
        return str(error)
    if isinstance(error, TEMPORARY_ERRORS):
        return _("Lỗi tạm thời lặp lại sau nhiều lần thử (%(error)s). Hãy thử lại sau.") % {
            "error": f"{type(error).__name__}: {error}"
        }
    return _("Lỗi khi dựng tài liệu (%(error)s). Hãy báo quản trị hệ thống.") % {
        "error": f"{type(error).__name__}: {error}"
    }


def generated_document_render(*, document_id: int) -> str:
    """The task's work: running → render → done, or failed with the reason. Temporary errors
    propagate so that Celery retries; the task records them when the retries run out."""
    document = generated_document_start(document_id=document_id)
    if document is None:
        return "skipped"
    try:
        # The finishers (the portal's seal, where installed) run before the checksum is taken.
        pdf = pdf_finished(document_pdf_bytes(document))
    except TEMPORARY_ERRORS:
        raise
    except Exception as error:
        logger.exception("PDF document %s could not be rendered", document_id)
        generated_document_fail(document_id=document_id, reason=failure_reason_for(error))
        return "failed"
    generated_document_store(document_id=document_id, pdf=pdf)
    return "done"


# ---------------------------------------------------------------------------- requests


def outbox_key(document_id: int) -> str:
    return f"{RENDER_TASK}:{document_id}"


def _enqueue(document_id: int) -> None:
    """Queue the render through the outbox (in the caller's transaction): a broker that is
    down keeps the message in the database until the sweeper can send it."""
    outbox.task_enqueue(
        task_name=RENDER_TASK,
        args=[document_id],
        key=outbox_key(document_id),
        on_task_error=partial(_task_raised, document_id),
    )


def _task_raised(document_id: int, error: BaseException) -> None:
    # Eagerly (the embedded default) the task ran in the request and raised: say so on the
    # row rather than leave it queued; asking again sends a new message.
    generated_document_fail(
        document_id=document_id,
        reason=_("Không tạo được PDF (%(error)s). Hãy thử lại sau.")
        % {"error": f"{type(error).__name__}: {error}"},
    )


def document_is_waiting_for_queue(document: GeneratedDocument) -> bool:
    """Queued, with its message still in the outbox: the broker was down when it was asked."""
    return document.state == GeneratedDocument.State.QUEUED and outbox.message_waiting(
        key=outbox_key(document.pk)
    )


def document_is_stale(document: GeneratedDocument, *, now: datetime.datetime) -> bool:
    """Queued or running for longer than its time limit allows, its message not waiting in
    the outbox (that one is sent when the broker is back)."""
    State = GeneratedDocument.State
    if document.state == State.RUNNING:
        since = document.started_at or document.queued_at or document.requested_at
        return since < now - RUNNING_STALE_AFTER
    if document.state == State.QUEUED:
        since = document.queued_at or document.requested_at
        return since < now - QUEUED_STALE_AFTER and not outbox.message_waiting(
            key=outbox_key(document.pk)
        )
    return False


def _queue(document: GeneratedDocument, *, now: datetime.datetime) -> None:
    document.state = GeneratedDocument.State.QUEUED
    document.queued_at = now
    _enqueue(document.pk)


def stale_message(minutes: int) -> str:
    return _(
        "Tạo PDF bị gián đoạn: đã quá %(minutes)d phút mà chưa xong (hàng đợi hoặc tiến trình "
        "xử lý bị dừng). Hãy bấm “Tạo PDF” để thử lại; nếu vẫn không được, hãy báo quản trị."
    ) % {"minutes": minutes}


def stale_documents_sweep(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Queue again each document that stayed queued or running past its time limit, or fail
    it with a message once it was queued again MAX_STALE_REQUEUES times (beat, every five
    minutes; also what a click on a stale row does). Returns the counts."""
    now = now or timezone.now()
    counts = {"requeued": 0, "failed": 0}
    pending = GeneratedDocument.objects.filter(
        state__in=[GeneratedDocument.State.QUEUED, GeneratedDocument.State.RUNNING]
    ).order_by("pk")
    for document_id in pending.values_list("pk", flat=True):
        outcome = _stale_document_handle(document_id=document_id, now=now)
        if outcome:
            counts[outcome] += 1
    if any(counts.values()):
        logger.warning("Stale PDF documents: %(requeued)d queued again, %(failed)d failed", counts)
    return counts


@transaction.atomic
def _stale_document_handle(*, document_id: int, now: datetime.datetime) -> str | None:
    document = GeneratedDocument.objects.select_for_update().filter(pk=document_id).first()
    if document is None or not document_is_stale(document, now=now):
        return None
    if document.stale_requeues >= MAX_STALE_REQUEUES:
        limit = RUNNING_STALE_AFTER if document.state == "running" else QUEUED_STALE_AFTER
        document.state = GeneratedDocument.State.FAILED
        document.failure_reason = stale_message(int(limit.total_seconds() // 60))
        document.finished_at = now
        document.save(update_fields=["state", "failure_reason", "finished_at"])
        return "failed"
    document.stale_requeues += 1
    _queue(document, now=now)
    document.save(update_fields=["state", "queued_at", "stale_requeues"])
    return "requeued"


def generated_document_request(
    *,
    kind: str,
    object_id: int,
    year: int,
    snapshot: dict,
    actor=None,
    today: datetime.date | None = None,
) -> GeneratedDocument:
    """The document of this snapshot: the existing row (queued, running or done), a failed
    one queued again, or a new one; the task is queued once the transaction commits."""
    document, _queued = generated_document_enqueue(
        kind=kind, object_id=object_id, year=year, snapshot=snapshot, actor=actor, today=today
    )
    # The task ran (eagerly) or failed to queue when the transaction committed: the page
    # must tell what the row says now, not what it said before.
    document.refresh_from_db()
    return document


@transaction.atomic
def generated_document_enqueue(
    *,
    kind: str,
    object_id: int,
    year: int,
    snapshot: dict,
    actor=None,
    today: datetime.date | None = None,
) -> tuple[GeneratedDocument, bool]:
    """generated_document_request, and whether it sent a task (a batch counts them); the row
    as it was when the transaction committed."""
    now = timezone.now()
    document, created = GeneratedDocument.objects.get_or_create(
        kind=kind,
        object_id=object_id,
        snapshot_checksum=snapshot_checksum(snapshot, ignores=kind_get(kind).checksum_ignores),
        defaults={
            "year": year,
            "snapshot": snapshot,
            "document_date": today or timezone.localdate(),
            "requested_by": actor,
            "requested_at": now,
            "queued_at": now,
        },
    )
    if created:
        _enqueue(document.pk)
        return document, True
    document = GeneratedDocument.objects.select_for_update().get(pk=document.pk)
    enqueue = document.is_failed or document_is_stale(document, now=now)
    if document.is_failed:
        document.failure_reason = ""
        document.finished_at = None
    if enqueue:
        # A person asked: the automatic re-queues start again from none.
        document.stale_requeues = 0
        _queue(document, now=now)
    # The latest request is what the page shows, even when it found an older row.
    document.requested_at = now
    if actor is not None:
        document.requested_by = actor
    document.save()
    return document, enqueue
