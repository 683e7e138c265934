"""Signed copies: the upload (stored pending), the verification the Celery task runs, the
outcome; and trust roots added by the administrator."""

from __future__ import annotations

import hashlib
import logging
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sxsh_portal.audit import record_actor
from sxsh_portal.documents.models import GeneratedDocument

from . import selectors
from .models import SignedDocument, TrustRoot
from .trust import CertificateError, certificates_in, fingerprint, root_fields, trust_roots
from .verification import Candidate, Check, Refusal, verify_signed_pdf

logger = logging.getLogger(__name__)
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def max_upload_bytes() -> int:
    return int(getattr(settings, "SIGNATURES_MAX_UPLOAD_BYTES", DEFAULT_MAX_BYTES))


def too_large_message() -> str:
    return _("Tệp quá lớn: tối đa %(size)s MB.") % {"size": max_upload_bytes() // (1024 * 1024)}


# ---------------------------------------------------------------------------- upload


def _enqueue(signed_id: int) -> None:
    from .tasks import verify_signed_document

    try:
        verify_signed_document.delay(signed_id)
    except Exception as error:
        # The broker is down (or the eager task raised): say so rather than stay pending.
        logger.exception("signed document %s could not be queued", signed_id)
        signed_document_refuse(
            signed_id=signed_id,
            check="queue",
            reason=_("Không gửi được yêu cầu kiểm tra chữ ký tới hàng đợi (%(error)s).")
            % {"error": f"{type(error).__name__}: {error}"},
        )


@transaction.atomic
def signed_document_upload(*, kind: str, object_id: int, upload, actor) -> SignedDocument:
    """Store the uploaded file as a pending signed copy of the object's final document and
    queue its verification. Refuses (ValidationError) a file over the size limit, an object
    without a final PDF, one already signed, or one whose previous upload is still checked."""
    if upload.size > max_upload_bytes():
        raise ValidationError(too_large_message(), code=Check.TOO_LARGE)
    documents = selectors.final_documents(kind=kind, object_id=object_id)
    latest = documents.order_by("-finished_at", "-pk").first()
    if latest is None:
        raise ValidationError(
            _("Chưa có bản PDF chính thức (tạo sau khi gửi) để ký."), code="no_document"
        )
    copies = SignedDocument.objects.select_for_update().filter(document__in=documents)
    if copies.filter(state=SignedDocument.State.VERIFIED).exists():
        raise ValidationError(_("Báo cáo này đã có bản ký số."), code="already_signed")
    if copies.filter(
        state__in=[SignedDocument.State.PENDING, SignedDocument.State.VERIFYING]
    ).exists():
        raise ValidationError(
            _("Bản ký số tải lên trước đang được kiểm tra; hãy chờ kết quả."), code="pending"
        )
    data = upload.read(max_upload_bytes() + 1)
    if len(data) > max_upload_bytes():
        raise ValidationError(too_large_message(), code=Check.TOO_LARGE)
    signed = SignedDocument(document=latest, uploaded_by=actor, uploaded_at=timezone.now())
    record_actor(signed, actor)
    signed.file_checksum = hashlib.sha256(data).hexdigest()
    signed.file_size = len(data)
    signed.save()
    signed.file.save(f"ky-so-{signed.pk}.pdf", ContentFile(data), save=False)
    signed.save(update_fields=["file"])
    transaction.on_commit(partial(_enqueue, signed.pk))
    return signed


# ---------------------------------------------------------------------------- verification


@transaction.atomic
def _start(signed_id: int) -> SignedDocument | None:
    signed = SignedDocument.objects.select_for_update().filter(pk=signed_id).first()
    # A verifying row is one whose worker died: checking it again is harmless.
    if signed is None or not signed.is_pending:
        return None
    signed.state = SignedDocument.State.VERIFYING
    signed.save(update_fields=["state"])
    return signed


def _delete_file(signed: SignedDocument) -> None:
    if signed.file:
        name = signed.file.name
        signed.file.storage.delete(name)
        signed.file.name = ""


@transaction.atomic
def signed_document_refuse(*, signed_id: int, check: str, reason: str) -> SignedDocument | None:
    """The upload is refused: its file is deleted; the row keeps the check and the message."""
    signed = SignedDocument.objects.select_for_update().filter(pk=signed_id).first()
    if signed is None or signed.is_verified:
        return signed
    _delete_file(signed)
    signed.state = SignedDocument.State.REFUSED
    signed.failed_check = check
    signed.failure_reason = reason
    signed.verified_at = timezone.now()
    signed.full_clean()
    signed.save()
    return signed


@transaction.atomic
def _accept(signed_id: int, verified) -> SignedDocument:
    signed = SignedDocument.objects.select_for_update().get(pk=signed_id)
    signer = verified.signer
    signed.document_id = verified.candidate.pk
    signed.state = SignedDocument.State.VERIFIED
    signed.signer_name = signer.name[:300]
    signed.signer_organisation = signer.organisation[:300]
    signed.signer_certificate_issuer = signer.issuer
    signed.signer_certificate_serial = signer.serial
    signed.signed_at = signer.signed_at
    signed.verified_at = timezone.now()
    signed.failed_check = ""
    signed.failure_reason = ""
    signed.save()
    return signed


def candidates_for(document: GeneratedDocument) -> list[Candidate]:
    documents = selectors.final_documents(kind=document.kind, object_id=document.object_id)
    return [candidate_of(item) for item in documents]


def candidate_of(document: GeneratedDocument) -> Candidate:
    return Candidate(
        pk=document.pk,
        size=document.file_size or 0,
        checksum=document.file_checksum,
        created_at=document.finished_at or document.requested_at,
    )


def signed_document_verify(*, signed_id: int) -> str:
    """The task's work: pending → verifying → verified, or refused with the failed check."""
    signed = _start(signed_id)
    if signed is None:
        return "skipped"
    with signed.file.open("rb") as handle:
        data = handle.read()
    try:
        verified = verify_signed_pdf(
            data,
            candidates=candidates_for(signed.document),
            trust_roots=trust_roots(),
            now=timezone.now(),
            fetch_revocation=getattr(settings, "SIGNATURES_FETCH_REVOCATION", False),
        )
    except Refusal as refusal:
        signed_document_refuse(signed_id=signed_id, check=refusal.check, reason=refusal.message)
        return "refused"
    except Exception as error:
        # A file malformed in a way pyHanko did not foresee: refused, not left verifying.
        logger.exception("signed document %s could not be checked", signed_id)
        signed_document_refuse(
            signed_id=signed_id,
            check="error",
            reason=_("Không kiểm tra được tệp (%(error)s).")
            % {"error": f"{type(error).__name__}: {error}"},
        )
        return "refused"
    try:
        _accept(signed_id, verified)
    except IntegrityError:
        # Another upload of the same document was verified first: one signed copy is the report.
        signed_document_refuse(
            signed_id=signed_id,
            check="already_signed",
            reason=_("Báo cáo này đã có bản ký số."),
        )
        return "refused"
    return "verified"


# ---------------------------------------------------------------------------- trust roots


@transaction.atomic
def trust_roots_add(*, data: bytes, name: str, actor=None) -> list[TrustRoot]:
    """Add every certificate of a PEM bundle (or one DER certificate) as a trust root; one
    already there is kept as it is. Only CA certificates are roots."""
    try:
        certificates = certificates_in(data)
    except CertificateError as error:
        raise ValidationError(
            _("Không đọc được chứng thư (PEM hoặc DER): %(error)s") % {"error": error}
        ) from error
    if not certificates:
        raise ValidationError(_("Tệp không chứa chứng thư nào."))
    added = []
    for index, certificate in enumerate(certificates):
        if not certificate.ca:
            raise ValidationError(
                _("%(subject)s không phải chứng thư của tổ chức chứng thực (CA).")
                % {"subject": certificate.subject.human_friendly}
            )
        label = name if len(certificates) == 1 else f"{name} ({index + 1})"
        root, created = TrustRoot.objects.get_or_create(
            fingerprint=fingerprint(certificate),
            defaults={**root_fields(certificate), "name": label[:200], "added_by": actor},
        )
        if created:
            added.append(root)
    return added
