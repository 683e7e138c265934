"""Writes for the territory app: loading the administrative units and their 2025 lineage.

Three sources, loaded in this order by `administrative_units_load()`:

1. fixtures/territory/administrative_units_2008_2025.json — the 63 provinces and their
   districts as they stood before the 2025 reform (built once by
   scripts/build_territory_fixture.py from vietnam-provinces 0.6.0);
2. the installed `vietnam-provinces` package — today's 34 provinces and their communes;
3. sxsh_portal/territory/data/province_successors_2025.json — which new province(s) each old
   province became part of (built by the same script from vietnam-provinces 2026.x).

Every step compares with what is already stored and only writes the difference, so loading
twice changes nothing, and a re-run after a package upgrade applies just the renames.
"""

import datetime
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .models import (
    REFORM_2025_FROM,
    REFORM_2025_LAST_DAY_BEFORE,
    SIXTY_THREE_PROVINCES_FROM,
    AdministrativeUnit,
    Agency,
)

Level = AdministrativeUnit.Level

UNITS_2008_FIXTURE = (
    Path(settings.BASE_DIR) / "fixtures" / "territory" / ("administrative_units_2008_2025.json")
)
PROVINCE_SUCCESSORS_2025_FILE = Path(__file__).parent / "data" / "province_successors_2025.json"

# Vietnamese unit-type prefixes and how English-language GSO lists render them. Longest
# first, so that "Thành phố" is not mistaken for a shorter prefix.
_PREFIXES_EN = [
    ("Thành phố", "City"),
    ("Thị trấn", "Township"),
    ("Đặc khu", "Special Zone"),
    ("Thị xã", "Town"),
    ("Phường", "Ward"),
    ("Huyện", "District"),
    ("Quận", "District"),
    ("Tỉnh", ""),
    ("Xã", "Commune"),
]

_UNIT_FIELDS = ["name", "name_en", "parent_id", "valid_to"]


def ascii_name(name: str) -> str:
    """'Thanh Hóa' → 'Thanh Hoa', the way Vietnamese place names are written in English."""
    name = name.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def unit_names(full_name: str, level: str) -> tuple[str, str]:
    """(name, name_en) from an official full name such as 'Tỉnh Thanh Hóa' or 'Xã Hoằng Hóa'.

    Provinces are shown by their bare name in the portal's tables ("Thanh Hóa", "Hà Nội"),
    so the "Tỉnh"/"Thành phố" prefix is dropped; districts and communes keep it, because a
    town often shares its bare name with the province or commune around it ("Thành phố Hà
    Giang" in Hà Giang, "Xã Đông Sơn" and "Phường Đông Sơn" in different provinces).
    """
    full_name = " ".join(full_name.split())
    match = next(
        (
            (prefix, english)
            for prefix, english in _PREFIXES_EN
            if full_name.casefold().startswith(prefix.casefold() + " ")
        ),
        None,
    )
    if match is None:
        return full_name, ascii_name(full_name)
    prefix, english = match
    bare = full_name[len(prefix) + 1 :]
    if level == Level.PROVINCE:
        return bare, ascii_name(bare)
    # The source writes "Thành Phố" for two districts; the official spelling is lower case.
    name = f"{prefix} {bare}"
    if bare.isdigit():
        return name, f"{english} {bare}"
    return name, f"{ascii_name(bare)} {english}"


@dataclass
class UnitCounts:
    created: int = 0
    updated: int = 0
    total: int = 0


@dataclass
class AdministrativeUnitsLoadResult:
    provinces_2008: UnitCounts = field(default_factory=UnitCounts)
    districts_2008: UnitCounts = field(default_factory=UnitCounts)
    provinces_2025: UnitCounts = field(default_factory=UnitCounts)
    communes_2025: UnitCounts = field(default_factory=UnitCounts)
    successor_links_added: int = 0
    successor_links_removed: int = 0
    successor_links_total: int = 0


def _sync_units(
    *, level: str, valid_from: datetime.date, rows: Iterable[dict]
) -> tuple[UnitCounts, dict[str, int]]:
    """Make the units of one level and period match `rows` (dicts of code + _UNIT_FIELDS).

    Returns the counts and a code → pk map for linking children. Units missing from `rows`
    are left alone: agencies and plans may point at them (on_delete=PROTECT).
    """
    existing = {
        unit.code: unit
        for unit in AdministrativeUnit.objects.filter(level=level, valid_from=valid_from)
    }
    to_create, to_update = [], []
    for row in rows:
        unit = existing.get(row["code"])
        if unit is None:
            to_create.append(
                AdministrativeUnit(level=level, valid_from=valid_from, **row),
            )
            continue
        changed = [name for name in _UNIT_FIELDS if getattr(unit, name) != row[name]]
        if changed:
            for name in changed:
                setattr(unit, name, row[name])
            to_update.append(unit)
    AdministrativeUnit.objects.bulk_create(to_create, batch_size=500)
    AdministrativeUnit.objects.bulk_update(to_update, _UNIT_FIELDS, batch_size=500)
    # Re-read rather than trust bulk_create to have set pks: not every backend does.
    pks = dict(
        AdministrativeUnit.objects.filter(level=level, valid_from=valid_from).values_list(
            "code", "pk"
        )
    )
    counts = UnitCounts(created=len(to_create), updated=len(to_update), total=len(pks))
    return counts, pks


def _read_2008_fixture(path: Path) -> tuple[list[dict], list[dict]]:
    """Provinces and districts of the fixture as rows, districts keyed by parent code."""
    provinces, districts = [], []
    for entry in json.loads(path.read_text(encoding="utf-8")):
        if entry["model"] != "territory.administrativeunit":
            continue
        fields_ = entry["fields"]
        if fields_["valid_from"] != SIXTY_THREE_PROVINCES_FROM.isoformat():
            raise ValueError(f"{path.name}: đơn vị {fields_['code']} có ngày hiệu lực lạ.")
        row = {
            "code": fields_["code"],
            "name": fields_["name"],
            "name_en": fields_.get("name_en", ""),
            "valid_to": datetime.date.fromisoformat(fields_["valid_to"]),
        }
        if fields_["level"] == Level.PROVINCE:
            provinces.append({**row, "parent_id": None})
        elif fields_["level"] == Level.DISTRICT:
            # Parent natural key: ["province", code, "2008-08-01"].
            districts.append({**row, "parent_code": fields_["parent"][1]})
    return provinces, districts


@transaction.atomic
def administrative_units_2008_load(
    *, fixture_path: Path = UNITS_2008_FIXTURE
) -> tuple[UnitCounts, UnitCounts]:
    """The 63 provinces and their districts valid 01/08/2008–30/06/2025."""
    provinces, districts = _read_2008_fixture(fixture_path)
    province_counts, province_pks = _sync_units(
        level=Level.PROVINCE, valid_from=SIXTY_THREE_PROVINCES_FROM, rows=provinces
    )
    district_rows = [
        {
            **{k: v for k, v in row.items() if k != "parent_code"},
            "parent_id": province_pks[row["parent_code"]],
        }
        for row in districts
    ]
    district_counts, _ = _sync_units(
        level=Level.DISTRICT, valid_from=SIXTY_THREE_PROVINCES_FROM, rows=district_rows
    )
    return province_counts, district_counts


@transaction.atomic
def administrative_units_2025_load() -> tuple[UnitCounts, UnitCounts]:
    """Today's 34 provinces and their communes, from the installed vietnam-provinces."""
    from vietnam_provinces import Province, Ward

    province_rows = []
    for province in Province.iter_all():
        name, name_en = unit_names(province.name, Level.PROVINCE)
        province_rows.append(
            {
                "code": f"{int(province.code):02d}",
                "name": name,
                "name_en": name_en,
                "parent_id": None,
                "valid_to": None,
            }
        )
    province_counts, province_pks = _sync_units(
        level=Level.PROVINCE, valid_from=REFORM_2025_FROM, rows=province_rows
    )
    commune_rows = []
    for ward in Ward.iter_all():
        name, name_en = unit_names(ward.name, Level.COMMUNE)
        commune_rows.append(
            {
                "code": f"{int(ward.code):05d}",
                "name": name,
                "name_en": name_en,
                "parent_id": province_pks[f"{int(ward.province_code):02d}"],
                "valid_to": None,
            }
        )
    commune_counts, _ = _sync_units(
        level=Level.COMMUNE, valid_from=REFORM_2025_FROM, rows=commune_rows
    )
    return province_counts, commune_counts


def read_province_successors(*, path: Path = PROVINCE_SUCCESSORS_2025_FILE) -> dict[str, list[str]]:
    """Old province code → codes of the new provinces it became (part of)."""
    entries = json.loads(path.read_text(encoding="utf-8"))["provinces"]
    return {entry["old_code"]: [new["code"] for new in entry["successors"]] for entry in entries}


@transaction.atomic
def province_successors_2025_link(
    *, mapping_path: Path = PROVINCE_SUCCESSORS_2025_FILE
) -> tuple[int, int, int]:
    """Point each of the 63 old provinces at the province(s) that replaced it on 01/07/2025.

    The data file is authoritative for the old provinces: links it does not list are
    removed. Returns (added, removed, total).
    """
    mapping = read_province_successors(path=mapping_path)
    old_pks = dict(
        AdministrativeUnit.objects.filter(
            level=Level.PROVINCE,
            valid_from=SIXTY_THREE_PROVINCES_FROM,
            valid_to=REFORM_2025_LAST_DAY_BEFORE,
        ).values_list("code", "pk")
    )
    new_pks = dict(
        AdministrativeUnit.objects.filter(
            level=Level.PROVINCE, valid_from=REFORM_2025_FROM
        ).values_list("code", "pk")
    )
    missing = sorted(set(old_pks) - set(mapping))
    if missing:
        raise ValueError(f"Thiếu tỉnh kế thừa cho các tỉnh cũ: {', '.join(missing)}.")
    wanted = set()
    for old_code, new_codes in mapping.items():
        if old_code not in old_pks:
            raise ValueError(f"Tỉnh cũ {old_code} không có trong dữ liệu.")
        for new_code in new_codes:
            if new_code not in new_pks:
                raise ValueError(f"Tỉnh mới {new_code} không có trong dữ liệu.")
            wanted.add((old_pks[old_code], new_pks[new_code]))

    Link = AdministrativeUnit.successors.through
    links = Link.objects.filter(from_administrativeunit_id__in=old_pks.values())
    present = set(links.values_list("from_administrativeunit_id", "to_administrativeunit_id"))
    stale = present - wanted
    for from_id, to_id in stale:
        links.filter(from_administrativeunit_id=from_id, to_administrativeunit_id=to_id).delete()
    Link.objects.bulk_create(
        [
            Link(from_administrativeunit_id=from_id, to_administrativeunit_id=to_id)
            for from_id, to_id in sorted(wanted - present)
        ]
    )
    return len(wanted - present), len(stale), len(wanted)


@transaction.atomic
def administrative_units_load(
    *,
    fixture_path: Path = UNITS_2008_FIXTURE,
    mapping_path: Path = PROVINCE_SUCCESSORS_2025_FILE,
) -> AdministrativeUnitsLoadResult:
    """Load every administrative unit the portal knows, before and after 01/07/2025."""
    result = AdministrativeUnitsLoadResult()
    result.provinces_2008, result.districts_2008 = administrative_units_2008_load(
        fixture_path=fixture_path
    )
    result.provinces_2025, result.communes_2025 = administrative_units_2025_load()
    (
        result.successor_links_added,
        result.successor_links_removed,
        result.successor_links_total,
    ) = province_successors_2025_link(mapping_path=mapping_path)
    return result


@transaction.atomic
def district_committees_ensure(*, province: AdministrativeUnit) -> int:
    """Record the people's committee of every district of a (pre-2025) province as an agency.

    Plans say "UBND các huyện, thành phố, thị xã" report yearly; each committee is a reporting
    unit with its own report. Idempotent; returns how many committees were created.
    """
    existing = set(
        Agency.objects.filter(province=province, kind=Agency.Kind.DISTRICT_COMMITTEE).values_list(
            "territory_id", flat=True
        )
    )
    districts = province.children.filter(level=AdministrativeUnit.Level.DISTRICT).exclude(
        pk__in=existing
    )
    created = Agency.objects.bulk_create(
        Agency(
            name=f"UBND {district.name[0].lower()}{district.name[1:]}",
            kind=Agency.Kind.DISTRICT_COMMITTEE,
            province=province,
            territory=district,
        )
        for district in districts.order_by("code")
    )
    return len(created)
