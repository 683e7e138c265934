"""Reads of the facility registry, always through the user's Scope."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext

from sxsh_portal.accounts.access import Scope
from sxsh_portal.search import folded_contains, search
from sxsh_portal.territory.models import AdministrativeUnit, Agency

from .models import Facility, FacilityRepresentative, FacilityYearStatus, Measure, Sector

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
    the unit index; `unit OR unit__parent` forces a join and a scan of the whole registry."""
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
        conditions |= Q(unit_id__in=_with_children(territories))
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
        "sector", "unit", "province"
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


# ---------------------------------------------------------------------------- lists


@dataclass(frozen=True)
class FacilityFilters:
    q: str = ""
    sector_id: int | None = None
    size_class: str = ""
    # A province with its predecessors (territory.selectors.with_predecessors); "any": empty.
    province_ids: frozenset[int] = frozenset()
    unit_id: int | None = None
    status: str = ""
    year: int | None = None
    applying: str = ""  # "yes", "no" or "" (any); with a year, that year's status
    unverified_changes: bool = False
    sort: str = ""


# Sortable columns of the facility list (name in the URL → ORDER BY). Without one the list
# keeps its index-driven order (name, id).
FACILITY_SORTS = {
    "ten": "name",
    "mst": "tax_code",
    "nganh": "sector__name",
    "quy-mo": "size_class",
    "don-vi": "unit__name",
    "trang-thai": "status",
}


def _facility_order(queryset: QuerySet[Facility], sort: str) -> QuerySet[Facility]:
    column = FACILITY_SORTS.get(sort.lstrip("-"))
    if column is None:
        return queryset.order_by("name", "id")
    if sort.startswith("-"):
        return queryset.order_by(F(column).desc(nulls_last=True), "-id")
    return queryset.order_by(F(column).asc(nulls_last=True), "id")


def facilities_filtered(scope: Scope, filters: FacilityFilters) -> QuerySet[Facility]:
    queryset = facilities_visible(scope)
    if filters.q:
        # Accents ignored ("hoang hoa" finds "Hoằng Hóa"); a tax code matches from its start.
        annotations, by_name = folded_contains(["name"], filters.q)
        queryset = queryset.alias(**annotations).filter(by_name | Q(tax_code__startswith=filters.q))
    if filters.sector_id:
        queryset = queryset.filter(sector_id=filters.sector_id)
    if filters.size_class:
        queryset = queryset.filter(size_class=filters.size_class)
    if filters.province_ids:
        queryset = queryset.filter(province_id__in=filters.province_ids)
    if filters.unit_id:
        queryset = queryset.filter(unit_id__in=_with_children([filters.unit_id]))
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.year:
        statuses = FacilityYearStatus.objects.filter(facility=OuterRef("pk"), year=filters.year)
        if filters.applying == "yes":
            queryset = queryset.filter(Exists(statuses.filter(is_applying=True)))
        elif filters.applying == "no":
            queryset = queryset.exclude(Exists(statuses.filter(is_applying=True)))
        else:
            queryset = queryset.filter(Exists(statuses))
    elif filters.applying:
        applying = FacilityYearStatus.objects.filter(facility=OuterRef("pk"), is_applying=True)
        if filters.applying == "yes":
            queryset = queryset.filter(Exists(applying))
        elif filters.applying == "no":
            queryset = queryset.exclude(Exists(applying))
    if filters.unverified_changes:
        queryset = queryset.filter(
            status=Facility.Status.VERIFIED,
            last_changed_at__isnull=False,
            verified_at__isnull=False,
        ).filter(last_changed_at__gt=F("verified_at"))
    return _facility_order(queryset, filters.sort)


@dataclass(frozen=True, slots=True)
class FacilityRow:
    """One line of the facility list: the few values it shows, already as text."""

    pk: int
    url: str
    name: str
    industrial_zone: str
    tax_code: str
    sector: str
    size: str
    unit: str
    province: str
    status: str
    status_label: str
    has_unverified_changes: bool


def facility_rows(facilities: QuerySet[Facility], ids: list[int]) -> list[FacilityRow]:
    """The list's lines of these facilities (a page of the scoped `facilities`), in the
    order given.

    The list pages the ids first and reads only the lines shown, as plain values: at fifty
    model instances a page, building them and resolving their display methods in the
    template cost more than the query."""
    sizes = dict(Facility._meta.get_field("size_class").flatchoices)
    statuses = dict(Facility.Status.choices)
    values = facilities.filter(pk__in=ids).values_list(
        "pk",
        "name",
        "industrial_zone",
        "tax_code",
        "sector__name",
        "size_class",
        "unit__name",
        "province__name",
        "status",
        "last_changed_at",
        "verified_at",
    )
    rows = {}
    for pk, name, zone, tax_code, sector, size, unit, province, status, changed, verified in values:
        rows[pk] = FacilityRow(
            pk=pk,
            url=reverse("facilities:facility_detail", args=[pk]),
            name=name,
            industrial_zone=zone,
            tax_code=tax_code,
            sector=sector,
            size=str(sizes.get(size, size)),
            unit=unit,
            province=province,
            status=status,
            status_label=str(statuses.get(status, status)),
            # Facility.has_unverified_changes, on the values.
            has_unverified_changes=bool(
                status == Facility.Status.VERIFIED and changed and verified and changed > verified
            ),
        )
    return [rows[pk] for pk in ids if pk in rows]


def facility_statuses(facility: Facility) -> QuerySet[FacilityYearStatus]:
    return facility.year_statuses.order_by("-year")


def facility_measures(facility: Facility) -> QuerySet[Measure]:
    return facility.measures.order_by("-year", "title")


def statuses_for_export(
    facilities: QuerySet[Facility], year: int | None
) -> dict[int, FacilityYearStatus]:
    """Per facility, the status of the given year, or its latest one."""
    statuses = FacilityYearStatus.objects.filter(facility__in=facilities.values("pk"))
    if year:
        statuses = statuses.filter(year=year)
    chosen: dict[int, FacilityYearStatus] = {}
    for status in statuses.order_by("facility_id", "-year"):
        chosen.setdefault(status.facility_id, status)
    return chosen


# ---------------------------------------------------------------------------- history


@dataclass(frozen=True)
class Change:
    what: str
    field: str
    old: str
    new: str
    when: datetime.datetime
    who: str


def _display(record, field_name: str, value) -> str:
    if value is None or value == "":
        return "—"
    field = record.instance_type._meta.get_field(field_name)
    if field.choices:
        return str(dict(field.choices).get(value, value))
    if field.is_relation:
        related = field.related_model.objects.filter(pk=value).first()
        return str(related) if related else str(value)
    if isinstance(value, bool):
        return gettext("Có") if value else gettext("Không")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _verbose(record, field_name: str) -> str:
    return capfirst(str(record.instance_type._meta.get_field(field_name).verbose_name))


def _record_changes(what: str, record, previous) -> list[Change]:
    who = str(record.history_user) if record.history_user else "—"
    if previous is None:
        return [Change(what, "", "—", gettext("Tạo mới"), record.history_date, who)]
    if record.history_type == "-":
        return [Change(what, "", "", gettext("Đã xóa"), record.history_date, who)]
    delta = record.diff_against(previous)
    return [
        Change(
            what,
            _verbose(record, change.field),
            _display(record, change.field, change.old),
            _display(record, change.field, change.new),
            record.history_date,
            who,
        )
        for change in delta.changes
    ]


def facility_changes_since_verification(facility: Facility) -> list[Change]:
    """Field by field, old → new, of the profile, yearly statuses and measures since the
    DOIT last verified (all changes if it never did)."""
    since = facility.verified_at
    changes: list[Change] = []

    profile_base = None
    if facility.verified_history_id:
        profile_base = facility.history.filter(history_id=facility.verified_history_id).first()
    profile_records = facility.history.order_by("history_date", "history_id")
    if profile_base is not None:
        profile_records = profile_records.filter(history_id__gt=profile_base.history_id)
    elif since:
        profile_records = profile_records.filter(history_date__gt=since)
    previous = profile_base
    for record in profile_records.select_related("history_user"):
        if previous is not None:
            changes.extend(_record_changes(gettext("Thông tin cơ sở"), record, previous))
        previous = record

    for model, label in (
        (FacilityYearStatus, lambda r: gettext("Tình hình SXSH năm %(year)s") % {"year": r.year}),
        (Measure, lambda r: gettext("Giải pháp “%(title)s”") % {"title": r.title}),
    ):
        records = model.history.filter(facility_id=facility.pk).select_related("history_user")
        if since:
            records = records.filter(history_date__gt=since)
        for record in records.order_by("history_date", "history_id"):
            prior = record.prev_record
            changes.extend(_record_changes(label(record), record, prior))
    changes.sort(key=lambda change: change.when)
    return changes


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
