"""The public check: is this file a document the portal issued, and who signed it?

The answer names the document (kind, year, issuer, date) and the signer, never its figures:
the visitor already holds the file, and learns only whether the portal stands behind it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from . import selectors
from .services import candidate_of
from .trust import trust_roots
from .verification import Refusal, read_pdf, revision_checksums, verify_signed_pdf


@dataclass(frozen=True)
class Answer:
    issued: bool
    description: str = ""
    signed: bool = False
    signature_valid: bool = False
    signer_name: str = ""
    signer_organisation: str = ""
    signed_at: datetime.datetime | None = None
    problem: str = ""
    sealed: bool = False


def _has_signature(data: bytes) -> bool:
    try:
        return bool(list(read_pdf(data).embedded_regular_signatures))
    except Exception:  # an unreadable file simply carries no signature we can show
        return False


def answer_for(data: bytes) -> Answer:
    try:
        read_pdf(data)
    except Refusal as refusal:
        return Answer(issued=False, problem=refusal.message)
    sums = revision_checksums(data)
    found = selectors.lookup(data, sums)
    if found.signed is not None:
        signed = found.signed
        return Answer(
            issued=True,
            description=selectors.document_description(signed.document),
            signed=True,
            signature_valid=True,
            signer_name=signed.signer_name,
            signer_organisation=signed.signer_organisation,
            signed_at=signed.signed_at,
        )
    if found.document is not None:
        # The portal's own file, byte for byte; a signature in it can only be the seal.
        return Answer(
            issued=True,
            description=selectors.document_description(found.document),
            sealed=_has_signature(data),
        )
    if not found.revision_matches:
        return Answer(issued=False)
    candidates = [candidate_of(document) for document in found.revision_matches]
    by_pk = {document.pk: document for document in found.revision_matches}
    try:
        verified = verify_signed_pdf(
            data,
            candidates=candidates,
            trust_roots=trust_roots(),
            now=timezone.now(),
            fetch_revocation=getattr(settings, "SIGNATURES_FETCH_REVOCATION", False),
        )
    except Refusal as refusal:
        return Answer(
            issued=True,
            description=selectors.document_description(found.revision_matches[0]),
            signed=True,
            problem=refusal.message,
        )
    return Answer(
        issued=True,
        description=selectors.document_description(by_pk[verified.candidate.pk]),
        signed=True,
        signature_valid=True,
        signer_name=verified.signer.name,
        signer_organisation=verified.signer.organisation,
        signed_at=verified.signer.signed_at,
    )
