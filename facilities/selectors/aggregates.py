"""What the registry adds up: savings achieved by SXSH measures (by sector and year), the best
showcase models, facilities registered / verified / pending (the dashboards), and a reporting
unit's area in a year (the figures its report takes from the registry). Every figure is one
GROUP BY query, whatever the number of rows.

Energy and material savings are summed per unit of measure (kWh/năm and tấn than/năm never
add up), so a cell reads "1.200.000 kWh/năm; 50 tấn than/năm".

At national size those GROUP BY queries read 300,000 facilities and their measures (a quarter
of a second for the savings alone), while the registry changes far less often than the
dashboards are read: each dashboard figure is cached under the registry's revision
(`_cached`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils.translation import get_language

from sxsh_portal.collation import sort_key
from sxsh_portal.numbers import decimal_text
from sxsh_portal.territory.models import Agency

from ..models import SIZES_WITH_DEDICATED_UNIT, Facility, FacilityYearStatus, Measure
from .library import measures_public

REGISTRY_CACHE_SECONDS = 60 * 60
T = TypeVar("T")


def registry_revision() -> tuple[int | None, ...]:
    """A fingerprint of the registry's state. Every change to a facility, its yearly status
    or a measure leaves a history row (the audit trail), so the newest history ids move with
    every write: in every process and whatever the cache backend, without each writer having
    to remember to invalidate. One query of three index-only look-ups."""
    newest = ", ".join(
        f"(SELECT MAX(history_id) FROM {connection.ops.quote_name(table)})"
        for table in (
            model.history.model._meta.db_table for model in (Facility, FacilityYearStatus, Measure)
        )
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {newest}")
        return tuple(cursor.fetchone())


def _revision_text() -> str:
    return "-".join(str(newest or 0) for newest in registry_revision())


def registry_fragment_key(*whose) -> str:
    """What a cached piece of a dashboard page showing registry figures only (savings,
    facility counts, showcase) varies on, besides the language the template adds: the
    registry's revision and whose figures they are (the page and its scope)."""
    return ":".join([_revision_text(), *(str(part) for part in whose)])


def _cached(name: str, queryset: QuerySet, compute: Callable[[QuerySet], T]) -> T:
    """`compute(queryset)`, remembered until the registry changes. The key names the query
    (its SQL and parameters: the scope is in them), the language (labels are translated)
    and the registry's revision."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return compute(queryset)
    digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()[:32]
    key = f"dashboards:{name}:{get_language()}:{_revision_text()}:{digest}"
    found = cache.get(key)
    if found is None:
        found = compute(queryset)
        cache.set(key, found, REGISTRY_CACHE_SECONDS)
    return found


def _area_filter(agency: Agency, prefix: str = "") -> Q:
    """Facilities in a reporting unit's territory (a district and its communes)."""
    if agency.territory_id is None:
        return Q(pk__in=[])
    return Q(**{f"{prefix}admin_unit_id": agency.territory_id}) | Q(
        **{f"{prefix}admin_unit__parent_id": agency.territory_id}
    )


def measures_counted(*, province_ids=None, agency: Agency | None = None) -> QuerySet[Measure]:
    """Measures of verified facilities: what the registry vouches for; of some provinces'
    facilities or of a reporting unit's area where given."""
    measures = Measure.objects.filter(facility__status=Facility.Status.VERIFIED)
    if province_ids is not None:
        measures = measures.filter(facility__province_id__in=province_ids)
    if agency is not None:
        measures = measures.filter(_area_filter(agency, prefix="facility__"))
    return measures


@dataclass
class SavingsRow:
    sector: str
    year: int
    measures: int
    facilities: int
    investment_vnd: int
    saving_vnd: int
    energy: dict[str, Decimal] = field(default_factory=dict)
    material: dict[str, Decimal] = field(default_factory=dict)

    @staticmethod
    def _label(amounts: dict[str, Decimal]) -> str:
        from django.utils.formats import number_format

        return "; ".join(
            f"{number_format(amount.normalize(), force_grouping=True)} {unit}".strip()
            for unit, amount in sorted(amounts.items())
        )

    @property
    def energy_label(self) -> str:
        return self._label(self.energy)

    @property
    def material_label(self) -> str:
        return self._label(self.material)

    def as_json(self) -> dict:
        return {
            "sector": self.sector,
            "year": self.year,
            "measures": self.measures,
            "facilities": self.facilities,
            "investment_vnd": self.investment_vnd,
            "saving_vnd": self.saving_vnd,
            "energy": {unit: decimal_text(value) for unit, value in sorted(self.energy.items())},
            "material": {
                unit: decimal_text(value) for unit, value in sorted(self.material.items())
            },
        }


@dataclass
class Savings:
    rows: list[SavingsRow]

    @property
    def total_vnd(self) -> int:
        return sum(row.saving_vnd for row in self.rows)

    @property
    def total_investment_vnd(self) -> int:
        return sum(row.investment_vnd for row in self.rows)

    @property
    def total_measures(self) -> int:
        return sum(row.measures for row in self.rows)

    def _totals(self, kind: str) -> dict[str, Decimal]:
        totals: dict[str, Decimal] = {}
        for row in self.rows:
            for unit, amount in getattr(row, kind).items():
                totals[unit] = totals.get(unit, Decimal(0)) + amount
        return totals

    @property
    def energy_label(self) -> str:
        return SavingsRow._label(self._totals("energy"))

    @property
    def material_label(self) -> str:
        return SavingsRow._label(self._totals("material"))


def savings_by_sector_and_year(measures: QuerySet[Measure]) -> Savings:
    return _cached("savings", measures, _savings)


def _savings(measures: QuerySet[Measure]) -> Savings:
    """Three GROUP BY queries: money, energy per unit of measure, materials per unit."""
    keys = ("facility__sector__order", "facility__sector__name", "year")
    rows: dict[tuple, SavingsRow] = {}
    for entry in (
        measures.values(*keys)
        .annotate(
            n=Count("pk"),
            facilities=Count("facility", distinct=True),
            investment=Sum("investment_vnd"),
            saving=Sum("yearly_saving_vnd"),
        )
        .order_by(*keys)
    ):
        key = (entry["facility__sector__name"], entry["year"])
        rows[key] = SavingsRow(
            sector=entry["facility__sector__name"],
            year=entry["year"],
            measures=entry["n"],
            facilities=entry["facilities"],
            investment_vnd=entry["investment"] or 0,
            saving_vnd=entry["saving"] or 0,
        )
    for kind in ("energy", "material"):
        for entry in (
            measures.filter(**{f"{kind}_saving_amount__isnull": False})
            .values("facility__sector__name", "year", unit=F(f"{kind}_saving_unit"))
            .annotate(amount=Sum(f"{kind}_saving_amount"))
            .order_by()
        ):
            row = rows.get((entry["facility__sector__name"], entry["year"]))
            if row is not None:
                getattr(row, kind)[entry["unit"] or ""] = entry["amount"]
    return Savings(rows=list(rows.values()))


@dataclass
class Showcase:
    pk: int
    title: str
    facility: str
    sector: str
    province: str
    year: int
    category: str
    investment_vnd: int
    saving_vnd: int
    payback_years: Decimal | None


def showcase_top(*, province_ids=None, limit: int = 5) -> list[Showcase]:
    """The published case studies that save the most a year (the public library's rule)."""
    measures = measures_public()
    if province_ids is not None:
        measures = measures.filter(facility__province_id__in=province_ids)
    measures = measures.order_by("-yearly_saving_vnd", "-year", "pk")[:limit]
    return _cached("showcase", measures, _showcase)


def _showcase(measures: QuerySet[Measure]) -> list[Showcase]:
    return [
        Showcase(
            pk=m.pk,
            title=m.title,
            facility=m.facility.name,
            sector=m.facility.sector.name,
            province=m.facility.province.name,
            year=m.year,
            category=str(m.get_category_display()),
            investment_vnd=m.investment_vnd,
            saving_vnd=m.yearly_saving_vnd,
            payback_years=m.payback_years,
        )
        for m in measures
    ]


@dataclass
class FacilityCounts:
    area: str
    registered: int
    verified: int
    pending: int
    rejected: int
    unverified_changes: int

    def as_json(self) -> dict:
        return {
            "area": self.area,
            "registered": self.registered,
            "verified": self.verified,
            "pending": self.pending,
            "rejected": self.rejected,
        }


def facility_counts_by_area(
    *, province_ids=None, agency: Agency | None = None
) -> list[FacilityCounts]:
    """The facilities of some provinces, or of a reporting unit's area, counted by area."""
    facilities = Facility.objects.all()
    if province_ids is not None:
        facilities = facilities.filter(province_id__in=province_ids)
    if agency is not None:
        facilities = facilities.filter(_area_filter(agency))
    return _cached("facility-counts", facilities, _facility_counts)


def _facility_counts(facilities: QuerySet[Facility]) -> list[FacilityCounts]:
    """Registered, verified, pending and rejected facilities by district (a commune counts
    in its district; since 2025 communes have no district and count by themselves)."""
    changed = Q(
        status=Facility.Status.VERIFIED,
        last_changed_at__isnull=False,
        verified_at__isnull=False,
        last_changed_at__gt=F("verified_at"),
    )
    entries = (
        facilities.values(
            "admin_unit__level",
            "admin_unit__name",
            "admin_unit__parent__level",
            "admin_unit__parent__name",
        )
        .annotate(
            registered=Count("pk"),
            verified=Count("pk", filter=Q(status=Facility.Status.VERIFIED)),
            pending=Count("pk", filter=Q(status=Facility.Status.PENDING)),
            rejected=Count("pk", filter=Q(status=Facility.Status.REJECTED)),
            changed=Count("pk", filter=changed),
        )
        .order_by()
    )
    areas: dict[str, FacilityCounts] = {}
    for entry in entries:
        name = entry["admin_unit__name"]
        if (
            entry["admin_unit__level"] == "commune"
            and entry["admin_unit__parent__level"] == "district"
        ):
            name = entry["admin_unit__parent__name"]
        counts = areas.setdefault(name, FacilityCounts(name, 0, 0, 0, 0, 0))
        counts.registered += entry["registered"]
        counts.verified += entry["verified"]
        counts.pending += entry["pending"]
        counts.rejected += entry["rejected"]
        counts.unverified_changes += entry["changed"]
    return sorted(areas.values(), key=lambda counts: sort_key(counts.area))


def facility_totals(rows: list[FacilityCounts]) -> FacilityCounts:
    from django.utils.translation import gettext

    return FacilityCounts(
        gettext("Tổng"),
        sum(r.registered for r in rows),
        sum(r.verified for r in rows),
        sum(r.pending for r in rows),
        sum(r.rejected for r in rows),
        sum(r.unverified_changes for r in rows),
    )


def measures_awaiting_count(province_ids) -> int:
    awaiting = Measure.objects.filter(
        facility__province_id__in=province_ids,
        publication_agreed=True,
        publication_approved=False,
    )
    return _cached("awaiting", awaiting, QuerySet.count)


def facilities_verified_count() -> int:
    verified = Facility.objects.filter(status=Facility.Status.VERIFIED)
    return _cached("verified", verified, QuerySet.count)


# ---------------------------------------------------------------------------- a unit's area


def registry_counts() -> dict:
    """The registry's counts over yearly statuses, as aggregate expressions: one unit's area
    in area_year_totals, every unit's at once in the synthetic data set (GROUP BY)."""
    medium_large = Q(size_class__in=[size.value for size in SIZES_WITH_DEDICATED_UNIT])
    return {
        "facilities": Count("pk"),
        "aware": Count("pk", filter=Q(is_aware=True)),
        "applying": Count("pk", filter=Q(is_applying=True)),
        "medium_large": Count("pk", filter=medium_large),
        "with_unit": Count("pk", filter=medium_large & Q(has_dedicated_unit=True)),
        "with_trained_staff": Count("pk", filter=Q(trained_staff_count__gt=0)),
        "trained_staff": Sum("trained_staff_count"),
        "saving_vnd": Sum("yearly_saving_vnd"),
    }


def area_year_totals(*, agency: Agency, year: int) -> dict | None:
    """The registry_counts of the verified facilities in the agency's territory (a district
    and its communes) that have a status for the year (they were surveyed), and under
    "saving_percents" each applying facility's saving per unit product: the larger of its
    energy and material savings, since the indicator speaks of "energy, materials, fuel"
    together. None for an agency without a territory (a department, the zone board)."""
    if agency.territory_id is None:
        return None
    statuses = FacilityYearStatus.objects.filter(
        year=year, facility__status=Facility.Status.VERIFIED
    ).filter(_area_filter(agency, prefix="facility__"))
    totals = statuses.aggregate(**registry_counts())
    totals["saving_percents"] = [
        max(p for p in (energy, material) if p is not None)
        for energy, material in statuses.filter(is_applying=True)
        .filter(Q(energy_saving_percent__isnull=False) | Q(material_saving_percent__isnull=False))
        .values_list("energy_saving_percent", "material_saving_percent")
    ]
    return totals
