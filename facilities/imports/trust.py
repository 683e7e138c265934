"""What makes a facility import trustworthy, beyond each cell being well written.

- A unit code is the code of the unit meant: a number cell that lost its leading zeros
  (277 for 00277) and the code of a unit abolished on 01/07/2025 (where today's units of
  its province are loaded) are refused, naming the unit the DOIT most likely meant.
- The province and unit-name columns, when filled, agree with the code.
- A tax code appears once in a file (several rows only as several years of one facility,
  with the same profile).
- An update of a registered facility lists each field it changes, and a verified
  facility's profile changes only when the DOIT allows it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from sxsh_portal.territory.models import AdministrativeUnit
from sxsh_portal.territory.selectors import province_of

from ..models import Facility
from ..resources.columns import FACILITY_FIELDS
from ..resources.widgets import as_text, is_blank, normalise

_DIGITS = re.compile(r"^\d+$")
# Lengths of GSO codes: districts 3 digits, communes 5.
CODE_LENGTHS = (3, 5)
# Words that may precede a unit's or a province's name in a cell.
_PREFIXES = re.compile(
    r"^(tỉnh|thành phố|tp\.?|huyện|quận|thị xã|thị trấn|xã|phường|đặc khu)\s+", re.I
)


def _bare(name: str) -> str:
    text = normalise(name)
    while True:
        stripped = _PREFIXES.sub("", text)
        if stripped == text:
            return text
        text = stripped


def _unit_label(unit: AdministrativeUnit) -> str:
    return f"{unit.code} — {unit.name}"


class UnitResolver:
    """Unit codes of a file → (unit, province), or a Vietnamese message."""

    def __init__(self, cells: list):
        codes: set[str] = set()
        self.numeric: set[str] = set()  # codes that came as number cells
        for value in set(cells) if _hashable(cells) else cells:
            if is_blank(value):
                continue
            code = as_text(value)
            codes.add(code)
            if isinstance(value, int | float) and not isinstance(value, bool):
                self.numeric.add(code)
        wanted = set(codes)
        for code in codes:
            if _DIGITS.match(code):
                wanted.update(code.zfill(length) for length in CODE_LENGTHS if len(code) < length)
        self.by_code: dict[str, list[AdministrativeUnit]] = defaultdict(list)
        for unit in (
            AdministrativeUnit.objects.filter(code__in=wanted)
            .exclude(level=AdministrativeUnit.Level.PROVINCE)
            .select_related("parent__parent__parent")
            .prefetch_related("successors")
            .order_by("-valid_from")
        ):
            self.by_code[unit.code].append(unit)
        # Provinces of today whose units are loaded: there, an abolished unit is refused.
        current = AdministrativeUnit.objects.filter(valid_to__isnull=True).exclude(
            level=AdministrativeUnit.Level.PROVINCE
        )
        self.loaded_provinces = set(
            current.order_by().values_list("parent_id", flat=True).distinct()
        ) | set(
            current.filter(parent__level=AdministrativeUnit.Level.DISTRICT).values_list(
                "parent__parent_id", flat=True
            )
        )
        self.today_province_ids = _successor_ids()

    def _best(self, code: str) -> AdministrativeUnit | None:
        found = self.by_code.get(code) or []
        current = [unit for unit in found if unit.valid_to is None]
        return (current or found or [None])[0]

    def _today_loaded(self, province: AdministrativeUnit) -> bool:
        if province.valid_to is None:
            return province.pk in self.loaded_provinces
        return bool(self.today_province_ids.get(province.pk, set()) & self.loaded_provinces)

    def resolve(self, value) -> tuple[bool, Any]:
        code = as_text(value)
        unit = self._best(code)
        padded = [
            self._best(code.zfill(length))
            for length in CODE_LENGTHS
            if _DIGITS.match(code) and len(code) < length
        ]
        padded = [candidate for candidate in padded if candidate and candidate.valid_to is None]
        if padded and (unit is None or unit.valid_to is not None or code in self.numeric):
            return False, _(
                "Mã “%(code)s” có vẻ đã mất các số 0 ở đầu (ô kiểu số); có phải là %(unit)s? "
                "Hãy ghi mã dưới dạng văn bản, đủ chữ số."
            ) % {"code": code, "unit": _unit_label(padded[0])}
        if unit is None:
            return False, _("Không tìm thấy đơn vị hành chính có mã “%(code)s”.") % {"code": code}
        province = province_of(unit)
        if unit.valid_to is not None and self._today_loaded(province):
            return False, self._abolished_message(unit)
        return True, (unit, province)

    def _abolished_message(self, unit: AdministrativeUnit) -> str:
        successors = sorted(unit.successors.all(), key=lambda s: s.code)[:3]
        if successors:
            return _(
                "%(unit)s không còn từ ngày %(day)s; hãy ghi mã đơn vị hiện nay, "
                "có thể là: %(successors)s."
            ) % {
                "unit": _unit_label(unit),
                "day": _day_after(unit.valid_to),
                "successors": "; ".join(_unit_label(s) for s in successors),
            }
        return _(
            "%(unit)s không còn từ ngày %(day)s; hãy ghi mã xã/phường hiện nay (xem trang "
            "“Danh mục” của tệp mẫu)."
        ) % {"unit": _unit_label(unit), "day": _day_after(unit.valid_to)}


def _day_after(day) -> str:
    import datetime

    return (day + datetime.timedelta(days=1)).strftime("%d/%m/%Y")


def _successor_ids() -> dict[int, set[int]]:
    """Old province id → ids of today's provinces that succeeded it."""
    link = AdministrativeUnit.successors.through
    found: dict[int, set[int]] = defaultdict(set)
    for old, new in link.objects.filter(
        from_administrativeunit__level=AdministrativeUnit.Level.PROVINCE
    ).values_list("from_administrativeunit_id", "to_administrativeunit_id"):
        found[old].add(new)
    return found


def _hashable(cells) -> bool:
    try:
        set(cells)
    except TypeError:
        return False
    return True


def names_disagree(
    unit: AdministrativeUnit, province: AdministrativeUnit, unit_name, province_name
) -> str | None:
    """A message when the unit-name or province column names another unit than the code."""
    if not is_blank(unit_name) and _bare(as_text(unit_name)) != _bare(unit.name):
        return _("Mã “%(code)s” là %(name)s, không phải “%(given)s”.") % {
            "code": unit.code,
            "name": unit.name,
            "given": as_text(unit_name),
        }
    if not is_blank(province_name) and _bare(as_text(province_name)) != _bare(province.name):
        return _("Mã “%(code)s” là %(name)s thuộc %(province)s, không phải “%(given)s”.") % {
            "code": unit.code,
            "name": unit.name,
            "province": province.name,
            "given": as_text(province_name),
        }
    return None


def duplicate_rows(tax_codes: list[str], years: list, profiles: list[tuple]) -> dict[int, int]:
    """Row → the earlier row with its tax code, for rows that repeat a tax code other than
    as another year of the same facility (same profile, a year not given before)."""
    first: dict[str, int] = {}
    seen_years: dict[str, set] = defaultdict(set)
    repeated: dict[int, int] = {}
    for i, tax_code in enumerate(tax_codes):
        if not tax_code:
            continue
        year = years[i] if years else None
        if tax_code not in first:
            first[tax_code] = i
            seen_years[tax_code].add(year)
            continue
        earlier = first[tax_code]
        if year is None or year in seen_years[tax_code] or profiles[i] != profiles[earlier]:
            repeated[i] = earlier
        seen_years[tax_code].add(year)
    return repeated


# ---------------------------------------------------------------------------- updates

PROFILE_ATTRIBUTES = [attribute for attribute in FACILITY_FIELDS if attribute != "tax_code"]


def existing_profiles(tax_codes: set[str], attributes: list[str]) -> dict[str, dict]:
    """Tax code → the registered facility's values of `attributes`, status and name."""
    attnames = {a: Facility._meta.get_field(a).attname for a in attributes}
    found: dict[str, dict] = {}
    codes = sorted(tax_codes)
    for start in range(0, len(codes), 2000):
        for row in Facility.objects.filter(tax_code__in=codes[start : start + 2000]).values(
            "tax_code", "status", "name", *attnames.values()
        ):
            found[row["tax_code"]] = {
                "status": row["status"],
                "name": row["name"],
                **{a: row[attnames[a]] for a in attributes},
            }
    return found


def field_changes(old: dict, new: dict, attributes: list[str]) -> list[str]:
    return [a for a in attributes if a in new and _comparable(old.get(a)) != _comparable(new[a])]


def _comparable(value):
    return "" if value is None else value


def label_values(attribute: str, value, *, sectors: dict, units: dict) -> str:
    if value in (None, ""):
        return "—"
    if attribute == "sector":
        return sectors.get(value, str(value))
    if attribute == "admin_unit":
        return units.get(value, str(value))
    if attribute == "size_class":
        from ..models import SizeClass

        return str(dict(SizeClass.choices).get(value, value))
    return str(value)


def unit_names(ids) -> dict[int, str]:
    return {
        pk: f"{code} — {name}"
        for pk, code, name in AdministrativeUnit.objects.filter(
            Q(pk__in=[i for i in ids if i])
        ).values_list("pk", "code", "name")
    }


def _labels(attributes: list[str]) -> list[str]:
    return [FACILITY_FIELDS[attribute][0] for attribute in attributes]


def update_errors(importer, offset: int, count: int) -> dict[int, str]:
    """Rows offset… of a BulkImport: record each field a row changes in a registered
    facility (importer.changes) and refuse those that change a verified facility's profile
    without the DOIT's leave. {position in the slice: message}."""
    values, errors = importer.values, importer.errors
    attributes = importer.profile_attributes
    found = {}
    for i in range(offset, offset + count):
        old = importer.profiles.get(importer.tax_codes[i])
        if old is None or i in errors:
            continue
        new = {a: values[a][i] for a in attributes}
        changed = field_changes(old, new, attributes)
        if not changed:
            continue
        if old["status"] == Facility.Status.VERIFIED and not importer.allow_verified:
            found[i - offset] = _(
                "Cơ sở “%(name)s” đã được xác minh; dòng này sẽ thay đổi: %(fields)s. "
                "Hãy đánh dấu ô cho phép cập nhật cơ sở đã xác minh nếu đúng ý bạn."
            ) % {"name": old["name"], "fields": ", ".join(_labels(changed))}
        importer.changes.append(
            (i, importer.tax_codes[i], old["name"], [(a, old.get(a), new[a]) for a in changed])
        )
    return found


def described_changes(importer) -> list[dict]:
    """The changes for the dry-run page, in file order, once per facility."""
    seen, described = set(), []
    sectors = {sector.pk: sector.name for sector in importer.sectors.values()}
    unit_ids = {
        value
        for _i, _t, _n, changed in importer.changes
        for attribute, old, new in changed
        if attribute == "admin_unit"
        for value in (old, new)
    }
    units = unit_names(unit_ids)
    lines = importer.lines
    for i, tax_code, name, changed in sorted(importer.changes):
        if tax_code in seen:
            continue
        seen.add(tax_code)
        fields = [
            {
                "label": FACILITY_FIELDS[attribute][0],
                "old": label_values(attribute, old, sectors=sectors, units=units),
                "new": label_values(attribute, new, sectors=sectors, units=units),
            }
            for attribute, old, new in changed
        ]
        described.append(
            {
                "line": lines[i] if lines else i + 2,
                "tax_code": tax_code,
                "name": name,
                "fields": fields,
            }
        )
    return described


def duplicate_errors(importer, columns) -> dict[int, str]:
    """{row: message} of the rows repeating a tax code other than as another year."""
    filled = [tax_code for tax_code in importer.tax_codes if tax_code]
    if len(set(filled)) == len(filled):
        return {}  # no tax code twice
    positions = [
        importer.position[header]
        for _a, (header, _p) in FACILITY_FIELDS.items()
        if header in importer.position
    ]
    rows = list(zip(*(columns[p] for p in positions), strict=True)) if positions else []
    years = importer.years if importer.status_present else []
    lines = importer.lines
    return {
        i: _("Mã số thuế này đã có ở dòng %(line)s của tệp.")
        % {"line": lines[earlier] if lines else earlier + 2}
        for i, earlier in duplicate_rows(importer.tax_codes, years, rows).items()
    }


def unit_name_errors(importer, columns, unit_ids: list) -> dict[int, str]:
    """{position in the slice: message} where the unit-name or province column, filled,
    names another unit than the code."""
    name_at = importer.position.get("Tên đơn vị hành chính")
    province_at = importer.position.get("Tỉnh")
    if name_at is None and province_at is None:
        return {}
    count = len(unit_ids)
    names = columns[name_at] if name_at is not None else [None] * count
    provinces = columns[province_at] if province_at is not None else [None] * count
    # Once per distinct (unit, name, province): a file names a few hundred units.
    messages: dict = {}
    found = {}
    for i, (unit_id, name, province_name) in enumerate(
        zip(unit_ids, names, provinces, strict=True)
    ):
        if unit_id is None:
            continue
        # Types too: 1, 1.0 and True are equal keys but not the same text.
        key = (unit_id, type(name), name, type(province_name), province_name)
        try:
            message = messages[key]
        except KeyError:
            unit, province = importer.unit_objects[unit_id]
            message = messages[key] = names_disagree(unit, province, name, province_name)
        except TypeError:  # an unhashable cell
            unit, province = importer.unit_objects[unit_id]
            message = names_disagree(unit, province, name, province_name)
        if message:
            found[i] = message
    return found
