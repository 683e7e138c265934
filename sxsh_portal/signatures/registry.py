"""Which reports carry a signed copy: the app that owns a kind of document registers, when
Django starts, how the report behind a signed copy is reached — through the access rule of
that report's own page, so a signed file never shows more than its page. This package
therefore imports nothing of the apps that use it (as sxsh_portal.documents.registry)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import Http404

if TYPE_CHECKING:
    from sxsh_portal.accounts.access import Scope


@dataclass(frozen=True)
class SigningTarget:
    """The report behind a signed copy, as the scope sees it.

    enabled: the report's plan has reports of this kind signed at all.
    can_upload: the scope may upload the signed file now (its report is final and its own).
    """

    kind: str
    object_id: int
    page_url: str
    enabled: bool
    can_upload: bool


# URL slug → (document kind, resolver); the resolver raises Http404 for another's report.
_TARGETS: dict[str, tuple[str, Callable[[Scope, int], SigningTarget]]] = {}


def target_register(*, slug: str, kind: str, resolve: Callable[[Scope, int], SigningTarget]):
    _TARGETS[slug] = (kind, resolve)


def target_for(scope: Scope, slug: str, pk: int) -> SigningTarget:
    try:
        _kind, resolve = _TARGETS[slug]
    except KeyError:
        raise Http404 from None
    return resolve(scope, pk)


def slug_of(kind: str) -> str | None:
    return next((slug for slug, (known, _resolve) in _TARGETS.items() if known == kind), None)
