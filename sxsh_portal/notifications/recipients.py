"""Who is told: the users holding a role, found through their role assignments."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from sxsh_portal.accounts.models import RoleAssignment
from sxsh_portal.territory.models import AdministrativeUnit

Role = RoleAssignment.Role


def _holding(role: str, **lookup) -> QuerySet:
    ids = RoleAssignment.objects.filter(role=role, **lookup).values("user_id")
    return get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("pk")


def unit_users(*, agency_ids: Iterable[int]) -> QuerySet:
    return _holding(Role.UNIT, agency_id__in=list(agency_ids))


def province_users(*, province_id: int) -> QuerySet:
    """The DOIT of the province, and of today's province it became in 2025 (a DOIT of
    Tuyên Quang answers for what was Hà Giang's)."""
    ids = {province_id}
    frontier = {province_id}
    while frontier:
        frontier = (
            set(
                AdministrativeUnit.successors.through.objects.filter(
                    from_administrativeunit_id__in=frontier
                ).values_list("to_administrativeunit_id", flat=True)
            )
            - ids
        )
        ids |= frontier
    return _holding(Role.PROVINCE, agency__province_id__in=ids)


def ministry_users() -> QuerySet:
    return _holding(Role.MINISTRY)
