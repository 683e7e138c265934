"""The registry's lists (filters, order, rows, exports) and the changes of a facility since the
DOIT verified it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext

from sxsh_portal.accounts.access import Scope
from sxsh_portal.search import folded_contains

from ..models import Facility, FacilityYearStatus, Measure
from .scoping import _with_children, facilities_visible

# ---------------------------------------------------------------------------- lists


@dataclass(frozen=True)
class FacilityFilters:
    q: str = ""
    sector_id: int | None = None
    size_class: str = ""
    # A province with its predecessors (territory.selectors.with_predecessors); "any": empty.
    province_ids: frozenset[int] = frozenset()
    admin_unit_id: int | None = None
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
    "don-vi": "admin_unit__name",
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
    if filters.admin_unit_id:
        queryset = queryset.filter(admin_unit_id__in=_with_children([filters.admin_unit_id]))
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
    admin_unit: str
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
        "admin_unit__name",
        "province__name",
        "status",
        "last_changed_at",
        "verified_at",
    )
    rows = {}
    for (
        pk,
        name,
        zone,
        tax_code,
        sector,
        size,
        admin_unit,
        province,
        status,
        changed,
        verified,
    ) in values:
        rows[pk] = FacilityRow(
            pk=pk,
            url=reverse("facilities:facility_detail", args=[pk]),
            name=name,
            industrial_zone=zone,
            tax_code=tax_code,
            sector=sector,
            size=str(sizes.get(size, size)),
            admin_unit=admin_unit,
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
