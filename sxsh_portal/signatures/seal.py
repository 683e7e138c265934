"""The portal's own seal (PAdES) on the documents it generates, when the administrator has
installed an organisation certificate: SIGNATURES_SEAL_PKCS12_PATH and
SIGNATURES_SEAL_PKCS12_PASSWORD in the environment. Off by default."""

from __future__ import annotations

import io
import logging
from functools import lru_cache

from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

logger = logging.getLogger(__name__)
SEAL_FIELD = "DauCongSXSH"


def seal_configured() -> bool:
    return bool(getattr(settings, "SIGNATURES_SEAL_PKCS12_PATH", ""))


@lru_cache(maxsize=4)
def _signer(path: str, password: str) -> signers.SimpleSigner:
    signer = signers.SimpleSigner.load_pkcs12(path, passphrase=password.encode() or None)
    if signer is None:
        raise ValueError(f"the portal seal {path} could not be loaded (path or password)")
    return signer


def seal_signer() -> signers.SimpleSigner:
    return _signer(settings.SIGNATURES_SEAL_PKCS12_PATH, settings.SIGNATURES_SEAL_PKCS12_PASSWORD)


def seal_pdf(pdf: bytes) -> bytes:
    """The PDF with the portal's seal added as an incremental update, invisible (no widget on
    a page): a signature by the portal over the whole document as rendered."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    out = signers.sign_pdf(
        writer,
        signers.PdfSignatureMetadata(
            field_name=SEAL_FIELD,
            reason="Cổng SXSH phát hành",
            subfilter=fields.SigSeedSubFilter.PADES,
        ),
        signer=seal_signer(),
    )
    return out.getvalue()


def sealed_if_configured(pdf: bytes) -> bytes:
    """What the render task stores: sealed where the seal is installed, else as rendered."""
    if not seal_configured():
        return pdf
    return seal_pdf(pdf)
