"""Checking a signed PDF against the portal's own document, with pyHanko.

Pure: bytes, the portal documents it may extend and the trust roots go in, the signer's
facts come out, or a Refusal naming the check that failed. The checks, in order:

1. the file is a PDF pyHanko can read, with a signature in it;
2. the signature is cryptographically intact and valid;
3. it covers the whole document: nothing after the signed revision except what
   long-term validation adds (DSS, document timestamps);
4. the file begins with one of the portal's documents byte for byte (the revisions before
   the signature's incremental update), and the updates between that document and the
   signature only add the signature field (no page edited on the way);
5. the signer's certificate was valid at the signing time, which may not precede the
   document's creation (no back-dating with an expired certificate);
6. the certificate chains to a root in the portal's trust store, and is not revoked.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
from dataclasses import dataclass

from asn1crypto import x509
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from .updates import UnexpectedChange, check_signing_updates

logger = logging.getLogger(__name__)

# A signer's clock and the server's disagree by a few minutes; more is not a clock.
CLOCK_TOLERANCE = datetime.timedelta(minutes=10)


class Check:
    """The check that refused a file (stored on the failed attempt, shown to the user)."""

    NOT_PDF = "not_pdf"
    NO_SIGNATURE = "no_signature"
    INTEGRITY = "integrity"
    COVERAGE = "coverage"
    DOCUMENT = "document"
    SIGNING_TIME = "signing_time"
    CERTIFICATE_TIME = "certificate_time"
    TRUST = "trust"
    REVOKED = "revoked"
    TOO_LARGE = "too_large"


class Refusal(Exception):
    def __init__(self, check: str, message: str):
        super().__init__(message)
        self.check = check
        self.message = message


@dataclass(frozen=True)
class Candidate:
    """A document of the portal the signed file may extend."""

    pk: int
    size: int
    checksum: str
    created_at: datetime.datetime


@dataclass(frozen=True)
class Signer:
    name: str
    organisation: str
    issuer: str
    serial: str
    signed_at: datetime.datetime


@dataclass(frozen=True)
class Verified:
    candidate: Candidate
    signer: Signer


# ---------------------------------------------------------------------------- reading


def read_pdf(data: bytes) -> PdfFileReader:
    # The header may sit after a little garbage (the standard allows 1024 bytes).
    if b"%PDF-" not in data[:1024]:
        raise Refusal(Check.NOT_PDF, _("Tệp tải lên không phải là tệp PDF."))
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        reader.root  # noqa: B018 — forces the trailer and catalogue to be read
        return reader
    except (PdfError, ValueError, KeyError, IndexError, TypeError) as error:
        raise Refusal(
            Check.NOT_PDF, _("Không đọc được tệp PDF (%(error)s).") % {"error": error}
        ) from error


def last_signature(reader: PdfFileReader) -> EmbeddedPdfSignature:
    """The last approval signature: the director's, after the portal's seal if there is one."""
    try:
        signatures = list(reader.embedded_regular_signatures)
    except (PdfError, ValueError, KeyError, TypeError) as error:
        raise Refusal(
            Check.NO_SIGNATURE, _("Không đọc được chữ ký trong tệp (%(error)s).") % {"error": error}
        ) from error
    if not signatures:
        raise Refusal(Check.NO_SIGNATURE, _("Tệp PDF không có chữ ký số."))
    return signatures[-1]


def signer_of(certificate: x509.Certificate, signed_at: datetime.datetime) -> Signer:
    subject = certificate.subject.native
    return Signer(
        name=str(subject.get("common_name", "")) or certificate.subject.human_friendly,
        organisation=_joined(subject.get("organization_name", "")),
        issuer=certificate.issuer.human_friendly[:500],
        serial=format(certificate.serial_number, "x")[:100],
        signed_at=signed_at,
    )


def _joined(value) -> str:
    return ", ".join(value) if isinstance(value, list) else str(value or "")


def claimed_signing_time(signature: EmbeddedPdfSignature) -> datetime.datetime | None:
    try:
        return signature.self_reported_timestamp
    except (PdfError, ValueError, KeyError, TypeError):
        return None


# ---------------------------------------------------------------------------- checks


def _status(
    signature: EmbeddedPdfSignature, *, trust_roots: list[x509.Certificate], moment, fetch: bool
) -> PdfSignatureStatus:
    context = ValidationContext(
        trust_roots=list(trust_roots),
        moment=moment,
        allow_fetching=fetch,
        revocation_mode="soft-fail",
    )
    try:
        return validate_pdf_signature(signature, context)
    except Exception as error:  # pyHanko raises many kinds on malformed signatures
        logger.info("signature validation raised %r", error)
        raise Refusal(
            Check.INTEGRITY,
            _("Chữ ký số không hợp lệ: không kiểm tra được (%(error)s).") % {"error": error},
        ) from error


def check_integrity(status: PdfSignatureStatus) -> None:
    if not (status.intact and status.valid):
        raise Refusal(
            Check.INTEGRITY,
            _(
                "Chữ ký số không hợp lệ: nội dung tệp đã bị thay đổi sau khi ký, hoặc chữ ký "
                "bị hỏng."
            ),
        )


def check_coverage(status: PdfSignatureStatus) -> None:
    level = status.modification_level
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE or (
        status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and level is not None
        and level.value <= ModificationLevel.LTA_UPDATES.value
    )
    if not whole:
        raise Refusal(
            Check.COVERAGE,
            _(
                "Chữ ký không bao trùm toàn bộ tài liệu: tệp có nội dung được thêm hoặc sửa "
                "sau khi ký."
            ),
        )


def match_document(
    data: bytes, signature: EmbeddedPdfSignature, candidates: list[Candidate]
) -> Candidate:
    """The candidate whose bytes begin the file and whose last revision the signature's
    update directly extends, with nothing but the signature field added in between."""
    refused = Refusal(
        Check.DOCUMENT,
        _(
            "Tệp đã ký không phải bản PDF Cổng đã tạo cho báo cáo này: phần được ký khác bản "
            "gốc (mã kiểm tra không khớp)."
        ),
    )
    signed_from = int(signature.byte_range[1])
    for candidate in candidates:
        if not (0 < candidate.size <= signed_from < len(data)):
            continue
        if hashlib.sha256(data[: candidate.size]).hexdigest() != candidate.checksum:
            continue
        original = PdfFileReader(io.BytesIO(data[: candidate.size]), strict=False)
        base_revision = original.xrefs.total_revisions - 1
        if signature.signed_revision <= base_revision:
            continue
        try:
            check_signing_updates(
                signature.reader,
                base_revision=base_revision,
                signed_revision=signature.signed_revision,
            )
        except (UnexpectedChange, PdfError, KeyError, AttributeError) as error:
            logger.info("signing update of a portal document changed more: %s", error)
            raise Refusal(
                Check.DOCUMENT,
                _(
                    "Tệp đã ký bắt đầu bằng bản PDF của Cổng nhưng nội dung đã bị sửa trước "
                    "hoặc cùng lúc ký (không chỉ thêm chữ ký)."
                ),
            ) from error
        return candidate
    raise refused


def check_signing_time(
    signed_at: datetime.datetime, *, candidate: Candidate, now: datetime.datetime
) -> None:
    if signed_at < candidate.created_at - CLOCK_TOLERANCE or signed_at > now + CLOCK_TOLERANCE:
        raise Refusal(
            Check.SIGNING_TIME,
            _(
                "Thời điểm ký ghi trong chữ ký (%(at)s) không hợp lý: trước khi Cổng tạo tài "
                "liệu hoặc sau thời điểm hiện tại."
            )
            % {"at": f"{signed_at:%d/%m/%Y %H:%M}"},
        )


def check_certificate_time(certificate: x509.Certificate, signed_at: datetime.datetime) -> None:
    validity = certificate["tbs_certificate"]["validity"]
    not_before = validity["not_before"].native
    not_after = validity["not_after"].native
    if not (not_before <= signed_at <= not_after):
        raise Refusal(
            Check.CERTIFICATE_TIME,
            _(
                "Chứng thư số của người ký không còn hiệu lực tại thời điểm ký (hiệu lực từ "
                "%(start)s đến %(end)s)."
            )
            % {"start": f"{not_before:%d/%m/%Y}", "end": f"{not_after:%d/%m/%Y}"},
        )


def check_trust(status: PdfSignatureStatus) -> None:
    if status.revoked:
        raise Refusal(Check.REVOKED, _("Chứng thư số của người ký đã bị thu hồi."))
    if not status.trusted:
        raise Refusal(
            Check.TRUST,
            _(
                "Chứng thư số của người ký không thuộc tổ chức cung cấp dịch vụ chứng thực "
                "chữ ký số mà Cổng tin cậy (không dẫn tới chứng thư gốc nào đã được quản trị "
                "viên thêm vào)."
            ),
        )


# ---------------------------------------------------------------------------- entry points


def verify_signed_pdf(
    data: bytes,
    *,
    candidates: list[Candidate],
    trust_roots: list[x509.Certificate],
    now: datetime.datetime,
    fetch_revocation: bool = False,
) -> Verified:
    """Every check, in order; the first that fails raises its Refusal."""
    reader = read_pdf(data)
    if hashlib.sha256(data).hexdigest() in {candidate.checksum for candidate in candidates}:
        # The portal's file itself (sealed or not): the director's signature is missing.
        raise Refusal(
            Check.NO_SIGNATURE,
            _("Tệp chưa được ký: đây đúng là bản PDF Cổng đã tạo, chưa có chữ ký số của người ký."),
        )
    signature = last_signature(reader)
    signed_at = claimed_signing_time(signature) or now
    status = _status(signature, trust_roots=trust_roots, moment=signed_at, fetch=fetch_revocation)
    check_integrity(status)
    timestamp = status.timestamp_validity
    if timestamp is not None and timestamp.valid and timestamp.trusted:
        # A trusted time-stamp authority's time beats the signer's own clock.
        signed_at = timestamp.timestamp
    check_coverage(status)
    candidate = match_document(data, signature, candidates)
    check_signing_time(signed_at, candidate=candidate, now=now)
    check_certificate_time(signature.signer_cert, signed_at)
    check_trust(status)
    return Verified(candidate=candidate, signer=signer_of(signature.signer_cert, signed_at))


def revision_checksums(data: bytes) -> dict[str, int]:
    """SHA-256 of every prefix of the file that ends a revision (at a %%EOF marker, with or
    without its end of line), mapped to its length: the public page looks these up to find
    the portal's document inside a file signed after the portal made it."""
    sums = {}
    start = 0
    while (position := data.find(b"%%EOF", start)) != -1:
        end = position + len(b"%%EOF")
        for eol in (b"", b"\n", b"\r\n", b"\r"):
            if data[end : end + len(eol)] == eol:
                prefix = data[: end + len(eol)]
                sums[hashlib.sha256(prefix).hexdigest()] = len(prefix)
        start = end
    return sums
