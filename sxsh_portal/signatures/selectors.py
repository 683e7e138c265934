"""Reads: the documents a signed copy may extend, the signed copy of an object, and what the
public page may say about a file."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from sxsh_portal.documents.models import GeneratedDocument

from .models import PlanSignaturePolicy, SignedDocument

Kind = GeneratedDocument.Kind
# The kinds a person signs (a facility summary is the portal's, not an official report).
SIGNABLE_KINDS = (Kind.CONSOLIDATED, Kind.UNIT_REPORT)


def final_documents(*, kind: str, object_id: int) -> QuerySet[GeneratedDocument]:
    """The finished PDFs made after the report was sent (not the drafts): what may be signed."""
    return GeneratedDocument.objects.filter(
        kind=kind,
        object_id=object_id,
        state=GeneratedDocument.State.DONE,
        snapshot__header__is_draft=False,
    )


def signed_copies(*, kind: str, object_id: int) -> QuerySet[SignedDocument]:
    return SignedDocument.objects.filter(
        document__kind=kind, document__object_id=object_id
    ).select_related("document")


def verified_copy(*, kind: str, object_id: int) -> SignedDocument | None:
    return (
        signed_copies(kind=kind, object_id=object_id)
        .filter(state=SignedDocument.State.VERIFIED)
        .first()
    )


def latest_copy(*, kind: str, object_id: int) -> SignedDocument | None:
    return signed_copies(kind=kind, object_id=object_id).order_by("-uploaded_at", "-pk").first()


def unit_reports_signed(plan_id: int) -> bool:
    return PlanSignaturePolicy.objects.filter(plan_id=plan_id, unit_reports_signed=True).exists()


# ---------------------------------------------------------------------------- public page


def document_description(document: GeneratedDocument) -> str:
    """ "Báo cáo tổng hợp năm 2026 của Sở Công Thương Thanh Hóa, phát hành 20/12/2026": who
    issued what, and nothing of its content."""
    header = document.snapshot.get("header", {})
    issuer = header.get("issuer", "")
    if document.kind == Kind.CONSOLIDATED:
        province = document.snapshot.get("consolidation", {}).get("province", "")
        issuer = f"{issuer} {province}".strip()
        what = _("Báo cáo tổng hợp năm %(year)s") % {"year": document.year}
    elif document.kind == Kind.UNIT_REPORT:
        what = _("Báo cáo năm %(year)s") % {"year": document.year}
    else:
        what = _("Báo cáo tóm tắt sản xuất sạch hơn năm %(year)s") % {"year": document.year}
    text = _("%(what)s của %(issuer)s, phát hành %(date)s") % {
        "what": what,
        "issuer": issuer,
        "date": f"{document.document_date:%d/%m/%Y}",
    }
    if header.get("is_draft"):
        text += " " + _("(bản dự thảo)")
    return text


@dataclass(frozen=True)
class Lookup:
    """What the checksums of an uploaded file found: the portal's document the whole file
    is, the verified signed copy it is, or the documents one of its revisions is."""

    document: GeneratedDocument | None = None
    signed: SignedDocument | None = None
    revision_matches: tuple[GeneratedDocument, ...] = ()


def lookup(data: bytes, revision_sums: dict[str, int]) -> Lookup:
    whole = hashlib.sha256(data).hexdigest()
    signed = (
        SignedDocument.objects.filter(state=SignedDocument.State.VERIFIED, file_checksum=whole)
        .select_related("document")
        .first()
    )
    if signed is not None:
        return Lookup(signed=signed, document=signed.document)
    done = GeneratedDocument.objects.filter(state=GeneratedDocument.State.DONE)
    document = done.filter(file_checksum=whole).order_by("pk").first()
    if document is not None:
        return Lookup(document=document)
    return Lookup(revision_matches=tuple(done.filter(file_checksum__in=list(revision_sums))))


def signed_copy_of(documents: QuerySet[GeneratedDocument]) -> SignedDocument | None:
    """The verified signed copy of any of these documents (the PDF panel of a report)."""
    return SignedDocument.objects.filter(
        document__in=documents, state=SignedDocument.State.VERIFIED
    ).first()
