"""Reads for the territory app.

Administrative units are public reference data, so these reads take no Scope; what a user
may see of plans, facilities and reports is decided by those apps' selectors.

Roll-up across the 2025 reform: a district belongs to an old province, whose `successors`
are the province(s) it became part of on 01/07/2025. `current_province_for` walks that
chain forwards, `with_predecessors` walks it backwards (the only walk backwards: the access
rule and the province pages use it).
"""

import datetime
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from .models import AdministrativeUnit

Level = AdministrativeUnit.Level


def units_valid_on(day: datetime.date, *, level: str | None = None) -> QuerySet:
    queryset = AdministrativeUnit.objects.filter(valid_from__lte=day).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )
    if level is not None:
        queryset = queryset.filter(level=level)
    return queryset


def current_provinces() -> QuerySet:
    """Today's provinces (34 since 01/07/2025)."""
    return AdministrativeUnit.objects.filter(level=Level.PROVINCE, valid_to__isnull=True)


def province_of(unit: AdministrativeUnit) -> AdministrativeUnit:
    """The province a unit lies in, as of the unit's own period (a province is its own; a
    unit without a recorded parent is its own top)."""
    while unit.level != Level.PROVINCE and unit.parent_id:
        unit = unit.parent
    return unit


def current_provinces_for(unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    """Today's province(s) that a unit's territory lies in, ordered by code.

    Several only if its old province was split between new ones, which the 2025 reform did
    not do; empty if the chain of successors was never recorded.
    """
    found: dict[int, AdministrativeUnit] = {}
    seen: set[int] = set()
    frontier = [province_of(unit)]
    while frontier:
        province = frontier.pop()
        if province.pk in seen:
            continue
        seen.add(province.pk)
        if province.valid_to is None:
            found[province.pk] = province
        else:
            frontier.extend(province.successors.all())
    return sorted(found.values(), key=lambda province: province.code)


def current_province_for(unit: AdministrativeUnit) -> AdministrativeUnit | None:
    """Today's province for a province, district or commune of any period.

    None when there is no single answer: no recorded successor, or a split between several.
    """
    provinces = current_provinces_for(unit)
    return provinces[0] if len(provinces) == 1 else None


def with_predecessors(province_ids: Iterable[int]) -> frozenset[int]:
    """The provinces and every province they succeeded, directly or not: a DOIT of today's
    Tuyên Quang also sees what Hà Giang reported before 2025."""
    Link = AdministrativeUnit.successors.through
    seen = set(province_ids)
    frontier = set(seen)
    while frontier:
        frontier = (
            set(
                Link.objects.filter(to_administrativeunit_id__in=frontier).values_list(
                    "from_administrativeunit_id", flat=True
                )
            )
            - seen
        )
        seen |= frontier
    return frozenset(seen)


def province_lineage(province: AdministrativeUnit) -> QuerySet:
    """The province and every province it succeeded, directly or not, oldest first."""
    return AdministrativeUnit.objects.filter(
        pk__in=with_predecessors({province.pk}), level=Level.PROVINCE
    ).order_by("valid_from", "code")


def current_province_ids_by_province_id() -> dict[int, int]:
    """Every province id (old or current) → today's province id, in two queries.

    For rolling many rows up at once (reports, dashboards). Old provinces with no single
    current successor are left out.
    """
    provinces = dict(
        AdministrativeUnit.objects.filter(level=Level.PROVINCE).values_list("pk", "valid_to")
    )
    successors: dict[int, set[int]] = {}
    for from_id, to_id in AdministrativeUnit.successors.through.objects.filter(
        from_administrativeunit__level=Level.PROVINCE
    ).values_list("from_administrativeunit_id", "to_administrativeunit_id"):
        successors.setdefault(from_id, set()).add(to_id)

    result: dict[int, int] = {}
    for pk in provinces:
        current, seen, frontier = set(), set(), [pk]
        while frontier:
            unit_id = frontier.pop()
            if unit_id in seen or unit_id not in provinces:
                continue
            seen.add(unit_id)
            if provinces[unit_id] is None:
                current.add(unit_id)
            else:
                frontier.extend(successors.get(unit_id, ()))
        if len(current) == 1:
            result[pk] = current.pop()
    return result
