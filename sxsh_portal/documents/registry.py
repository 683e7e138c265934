"""The kinds of document: each app registers how its kind is rendered, named and reached.

The pipeline (request, render task, download) knows a document only by its `kind`; the app
that owns the kind registers, when Django starts (its AppConfig.ready), the pure function
that renders the frozen snapshot, the download name, and the access rule of the page the
document belongs to. This package therefore imports nothing of the apps that use it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from sxsh_portal.accounts.access import Scope

    from .models import GeneratedDocument


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document.

    render: the document's PDF bytes from its row (its snapshot and date) alone.
    documents_for: the documents of that kind the scope may read for one object, through
        the access rule of the page they belong to (raises Http404/PermissionDenied).
    filename_prefix: the ASCII start of the download name ("bao-cao-tong-hop").
    filename_subject: the snapshot's words the download name ends with (its issuer by
        default).
    checksum_ignores: (section, key) pairs of the snapshot left out of its checksum: the
        moment a snapshot was computed, which changes with every request.
    """

    kind: str
    render: Callable[[GeneratedDocument], bytes]
    documents_for: Callable[[Scope, int], QuerySet[GeneratedDocument]]
    filename_prefix: str
    filename_subject: Callable[[dict], str] | None = None
    checksum_ignores: tuple[tuple[str, str], ...] = field(default_factory=tuple)


_KINDS: dict[str, DocumentKind] = {}
# Applied in turn to every rendered PDF before it is stored (the portal's seal).
_FINISHERS: list[Callable[[bytes], bytes]] = []


def kind_register(kind: DocumentKind) -> None:
    _KINDS[kind.kind] = kind


def kind_get(kind: str) -> DocumentKind:
    try:
        return _KINDS[kind]
    except KeyError:
        raise ValueError(f"unknown document kind {kind!r}") from None


def finisher_register(finisher: Callable[[bytes], bytes]) -> None:
    if finisher not in _FINISHERS:
        _FINISHERS.append(finisher)


def pdf_finished(pdf: bytes) -> bytes:
    for finisher in _FINISHERS:
        pdf = finisher(pdf)
    return pdf
