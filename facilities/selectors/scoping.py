"""Who reads which facilities (the user's Scope) and the choice lists of the registry's forms."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet

from sxsh_portal.accounts.access import Scope
from sxsh_portal.territory.models import AdministrativeUnit, Agency

from ..models import Facility, FacilityRepresentative, Measure, Sector

# ---------------------------------------------------------------------------- scoping


def _unit_territory_ids(scope: Scope) -> list[int]:
    if not scope.unit_agency_ids:
        return []
    return list(
        Agency.objects.filter(pk__in=scope.unit_agency_ids, territory__isnull=False).values_list(
            "territory_id", flat=True
        )
    )


def _with_children(unit_ids: list[int]) -> list[int]:
    """The units and the units directly below them. Filtering facilities on this list uses
    the unit index; `admin_unit OR admin_unit__parent` forces a join and a scan of the whole
    registry."""
    children = AdministrativeUnit.objects.filter(parent_id__in=unit_ids).values_list(
        "pk", flat=True
    )
    return [*unit_ids, *children]


def _scope_filter(scope: Scope) -> Q | None:
    """The facilities a scope may read, as one Q; None for "nothing"."""
    if scope.is_ministry:
        return Q()
    conditions = Q(pk__in=[])
    if scope.province_ids:
        conditions |= Q(province_id__in=scope.province_ids)
    territories = _unit_territory_ids(scope)
    if territories:
        conditions |= Q(admin_unit_id__in=_with_children(territories))
    if scope.is_facility_representative and scope.user_id:
        conditions |= Q(
            pk__in=FacilityRepresentative.objects.filter(user_id=scope.user_id).values(
                "facility_id"
            )
        )
    return conditions


def facilities_visible(scope: Scope) -> QuerySet[Facility]:
    """Every facility the scope may read; none for the public."""
    if not scope.is_authenticated:
        return Facility.objects.none()
    return Facility.objects.filter(_scope_filter(scope)).select_related(
        "sector", "admin_unit", "province"
    )


def facility_can_manage(scope: Scope, facility: Facility) -> bool:
    """The DOIT of the facility's province: verifies, rejects, approves publication, edits."""
    return scope.manages_province(facility.province_id)


def facility_is_represented_by(scope: Scope, facility: Facility) -> bool:
    if not (scope.is_facility_representative and scope.user_id):
        return False
    return FacilityRepresentative.objects.filter(
        user_id=scope.user_id, facility_id=facility.pk
    ).exists()


def facility_can_edit(scope: Scope, facility: Facility) -> bool:
    """The DOIT always; the representative only once the DOIT has verified the facility."""
    if facility_can_manage(scope, facility):
        return True
    return facility.is_verified and facility_is_represented_by(scope, facility)


def measures_visible(scope: Scope) -> QuerySet[Measure]:
    return Measure.objects.filter(facility__in=facilities_visible(scope)).select_related("facility")


# ---------------------------------------------------------------------------- choice lists


def provinces_in_jurisdiction(scope: Scope) -> QuerySet[AdministrativeUnit]:
    """Provinces (today's first, then the ones they replaced) whose facilities the user may
    list (for filters)."""
    provinces = AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.PROVINCE)
    if not scope.is_ministry:
        provinces = provinces.filter(pk__in=scope.readable_province_ids)
    return provinces.order_by(F("valid_to").asc(nulls_first=True), "name")


def units_in_jurisdiction(
    scope: Scope, *, province_ids: frozenset[int] | None = None
) -> QuerySet[AdministrativeUnit]:
    """Districts and communes whose facilities the user may list (for filters), optionally
    only those of the given provinces."""
    below_province = AdministrativeUnit.objects.exclude(level=AdministrativeUnit.Level.PROVINCE)
    if province_ids is not None:
        below_province = below_province.filter(
            Q(parent_id__in=province_ids) | Q(parent__parent_id__in=province_ids)
        )
    if scope.is_ministry:
        return below_province.select_related("parent")
    conditions = Q(pk__in=[])
    if scope.province_ids:
        conditions |= Q(parent_id__in=scope.province_ids) | Q(
            parent__parent_id__in=scope.province_ids
        )
    territories = _unit_territory_ids(scope)
    if territories:
        conditions |= Q(pk__in=territories) | Q(parent_id__in=territories)
    return below_province.filter(conditions).select_related("parent")


def units_manageable(scope: Scope) -> QuerySet[AdministrativeUnit]:
    """Districts and communes where the user (a DOIT) may place facilities."""
    if not scope.province_ids:
        return AdministrativeUnit.objects.none()
    return (
        AdministrativeUnit.objects.exclude(level=AdministrativeUnit.Level.PROVINCE)
        .filter(Q(parent_id__in=scope.province_ids) | Q(parent__parent_id__in=scope.province_ids))
        .select_related("parent")
    )


def registration_units() -> QuerySet[AdministrativeUnit]:
    """Units a facility may pick when it registers itself: today's districts/communes, or,
    where none are loaded yet, the districts of the 63-province map."""
    today = AdministrativeUnit.objects.exclude(level=AdministrativeUnit.Level.PROVINCE).filter(
        valid_to__isnull=True
    )
    if today.exists():
        return today.select_related("parent")
    return AdministrativeUnit.objects.filter(
        level=AdministrativeUnit.Level.DISTRICT
    ).select_related("parent")


def registration_units_of(province_id: int) -> QuerySet[AdministrativeUnit]:
    return registration_units().filter(Q(parent_id=province_id) | Q(parent__parent_id=province_id))


def registration_provinces() -> QuerySet[AdministrativeUnit]:
    units = registration_units()
    province_ids = set(units.values_list("parent_id", flat=True))
    province_ids |= set(
        units.filter(level=AdministrativeUnit.Level.COMMUNE, parent__level="district").values_list(
            "parent__parent_id", flat=True
        )
    )
    return AdministrativeUnit.objects.filter(
        pk__in=province_ids, level=AdministrativeUnit.Level.PROVINCE
    ).order_by("name")


def sectors() -> QuerySet[Sector]:
    return Sector.objects.all()
