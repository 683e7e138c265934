"""The portal's trust store: TrustRoot rows, plus the certificates in the directory named by
settings.SIGNATURES_TRUST_ROOTS_DIR (a deployment may mount the national CA bundle there)."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from asn1crypto import pem, x509
from django.conf import settings

from .models import TrustRoot

logger = logging.getLogger(__name__)
CERTIFICATE_SUFFIXES = {".pem", ".crt", ".cer", ".der"}


class CertificateError(ValueError):
    pass


def certificates_in(data: bytes) -> list[x509.Certificate]:
    """Every certificate of a PEM bundle, or the one of a DER file."""
    try:
        if pem.detect(data):
            return [x509.Certificate.load(der) for _kind, _headers, der in pem.unarmor(data, True)]
        certificate = x509.Certificate.load(data)
        certificate.native  # noqa: B018 — parses it all now, not at first use
        return [certificate]
    except (ValueError, TypeError) as error:
        raise CertificateError(str(error)) from error


def fingerprint(certificate: x509.Certificate) -> str:
    return hashlib.sha256(certificate.dump()).hexdigest()


def root_fields(certificate: x509.Certificate) -> dict:
    validity = certificate["tbs_certificate"]["validity"]
    return {
        "certificate_der": certificate.dump(),
        "fingerprint": fingerprint(certificate),
        "subject": certificate.subject.human_friendly[:500],
        "not_before": validity["not_before"].native,
        "not_after": validity["not_after"].native,
    }


def directory_roots() -> list[x509.Certificate]:
    directory = getattr(settings, "SIGNATURES_TRUST_ROOTS_DIR", "")
    if not directory:
        return []
    roots = []
    for path in sorted(Path(directory).glob("*")):
        if path.suffix.lower() not in CERTIFICATE_SUFFIXES:
            continue
        try:
            roots.extend(certificates_in(path.read_bytes()))
        except (OSError, CertificateError):
            logger.warning("trust root %s could not be read", path, exc_info=True)
    return roots


def trust_roots() -> list[x509.Certificate]:
    roots = [
        x509.Certificate.load(bytes(der))
        for der in TrustRoot.objects.filter(is_active=True).values_list(
            "certificate_der", flat=True
        )
    ]
    return roots + directory_roots()
