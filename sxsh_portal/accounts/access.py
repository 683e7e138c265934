"""The one access rule of the portal.

Every view, form choice list and export asks `scope_for(user)` what the user may see and
filters with it, through the policy of its app (`<app>/access.py`); objects outside the
scope are answered with 404 (never another unit's data, not even that it exists). The
Django admin is for superusers only (sxsh_portal/admin_site.py) and needs no scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import Http404

from sxsh_portal.territory.selectors import with_predecessors

from .models import RoleAssignment

_CACHE_ATTR = "_sxsh_scope"


@dataclass(frozen=True)
class Scope:
    """What one user may see, by role. Public visitors get an empty scope."""

    user_id: int | None = None
    is_ministry: bool = False
    # Provinces whose DOIT the user works for, with the provinces they succeeded, so a
    # DOIT of today's Tuyên Quang also sees what Hà Giang reported before 2025.
    province_ids: frozenset[int] = field(default_factory=frozenset)
    # Agencies the user reports for (district people's committees, zone boards, …).
    unit_agency_ids: frozenset[int] = field(default_factory=frozenset)
    # The provinces of those reporting units, for reading the plans they report under.
    unit_province_ids: frozenset[int] = field(default_factory=frozenset)
    is_facility_representative: bool = False

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def is_doit(self) -> bool:
        return bool(self.province_ids)

    @property
    def is_unit(self) -> bool:
        return bool(self.unit_agency_ids)

    @property
    def readable_province_ids(self) -> frozenset[int]:
        """Provinces whose plans the user may read (not change)."""
        return self.province_ids | self.unit_province_ids

    def sees_province(self, province_id: int | None) -> bool:
        return self.is_ministry or province_id in self.readable_province_ids

    def manages_province(self, province_id: int | None) -> bool:
        return province_id in self.province_ids


PUBLIC = Scope()


def scope_for(user) -> Scope:
    """The user's scope, computed once per request and kept on the user object."""
    if user is None or not user.is_authenticated or not user.is_active:
        return PUBLIC
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    rows = list(
        RoleAssignment.objects.filter(user=user).values_list(
            "role", "agency_id", "agency__province_id"
        )
    )
    roles = {role for role, _agency, _province in rows}
    provinces = {p for role, _a, p in rows if role == RoleAssignment.Role.PROVINCE and p}
    unit_agencies = {a for role, a, _p in rows if role == RoleAssignment.Role.UNIT and a}
    unit_provinces = {p for role, _a, p in rows if role == RoleAssignment.Role.UNIT and p}
    scope = Scope(
        user_id=user.pk,
        is_ministry=RoleAssignment.Role.MINISTRY in roles,
        province_ids=with_predecessors(provinces) if provinces else frozenset(),
        unit_agency_ids=frozenset(unit_agencies),
        unit_province_ids=with_predecessors(unit_provinces) if unit_provinces else frozenset(),
        is_facility_representative=RoleAssignment.Role.FACILITY in roles,
    )
    setattr(user, _CACHE_ATTR, scope)
    return scope


def get_scoped_or_404(queryset, **lookup):
    """Fetch one object from a queryset already filtered by scope; 404 for anything else."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def may_manage_roles(user) -> bool:
    """Role grants are for the ministry and the system administrators, never a province."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or scope_for(user).is_ministry


def may_grant_role(user, role: str) -> bool:
    """The ministry role is granted (and withdrawn) by a system administrator only."""
    if not may_manage_roles(user):
        return False
    return role != RoleAssignment.Role.MINISTRY or user.is_superuser
