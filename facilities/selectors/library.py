"""The public library of SXSH case studies: measures the facility agreed to publish and the
DOIT approved."""

from __future__ import annotations

from django.db.models import QuerySet

from sxsh_portal.accounts.access import Scope
from sxsh_portal.search import search

from ..models import Facility, Measure

# ---------------------------------------------------------------------------- public library


def measures_public() -> QuerySet[Measure]:
    """Case studies anyone may read: the facility agreed and the DOIT approved."""
    return (
        Measure.objects.filter(
            publication_agreed=True,
            publication_approved=True,
            facility__status=Facility.Status.VERIFIED,
        )
        .select_related("facility", "facility__sector", "facility__province")
        .order_by("-year", "title", "id")
    )


def measures_public_search(
    *, q: str = "", sector_id: int | None = None, category: str = ""
) -> QuerySet[Measure]:
    queryset = measures_public()
    if sector_id:
        queryset = queryset.filter(facility__sector_id=sector_id)
    if category:
        queryset = queryset.filter(category=category)
    if q:
        # Accents ignored: "tiet kiem nang luong" finds "Tiết kiệm năng lượng".
        queryset = search(queryset, ["title", "description", "facility__name"], q)
    return queryset


def measures_awaiting_approval(scope: Scope) -> QuerySet[Measure]:
    return (
        Measure.objects.filter(
            facility__province_id__in=scope.province_ids,
            publication_agreed=True,
            publication_approved=False,
        )
        .select_related("facility")
        .order_by("facility__name", "title")
    )
