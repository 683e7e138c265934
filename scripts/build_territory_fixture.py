"""Regenerate the pre-2025 administrative units and the 2025 province mapping.

One-off script: its output is committed, and the portal never needs the packages it reads.

Writes
  fixtures/territory/administrative_units_2008_2025.json
      Django fixture (natural keys, no pks) with the 63 provinces and 696 districts valid from
      01/08/2008 to 30/06/2025, taken from vietnam-provinces 0.6.0 (data of January 2025).
  sxsh_portal/territory/data/province_successors_2025.json
      old province code → new province code(s) after the merger of 01/07/2025, taken from the
      ward conversion table shipped with vietnam-provinces 2026.x.

Usage (from the repository root; the 2026.x wheels need Python 3.12 to import, so they are
downloaded for 3.12 and only read here, never imported as a package):

    pip download --no-deps vietnam-provinces==0.6.0 -d /tmp/vp06
    pip download --no-deps --python-version 3.12 --only-binary=:all: \\
        vietnam-provinces==2026.9.0 -d /tmp/vp26
    .venv/bin/python scripts/build_territory_fixture.py \\
        --legacy-wheel /tmp/vp06/vietnam_provinces-0.6.0-py3-none-any.whl \\
        --conversion-wheel /tmp/vp26/vietnam_provinces-2026.9.0-py3-none-any.whl
    .venv/bin/python manage.py load_administrative_units

Why the mapping is rebuilt from the ward table instead of copying the package's province
table (_province_conversion_2025.OLD_TO_NEW): that table is derived from the ward table, and
the ward table files ward 27691 (Phường 4, Tân An, Long An) under Tiền Giang (82), which makes
Tiền Giang look split between Đồng Tháp and Tây Ninh. Resolution 202/2025/QH15 merged Tiền
Giang into Đồng Tháp only. Taking each old ward's province from the 0.6.0 data (the official
pre-2025 list) removes the error; the script prints every difference from the package's
province table so that a future package release can be checked the same way.
"""

import argparse
import json
import os
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sxsh_portal.settings")

import django  # noqa: E402

django.setup()

from sxsh_portal.territory.models import (  # noqa: E402
    REFORM_2025_FROM,
    REFORM_2025_LAST_DAY_BEFORE,
    SIXTY_THREE_PROVINCES_FROM,
    AdministrativeUnit,
)
from sxsh_portal.territory.services import (  # noqa: E402
    PROVINCE_SUCCESSORS_2025_FILE,
    UNITS_2008_FIXTURE,
    unit_names,
)

Level = AdministrativeUnit.Level
MODEL = "territory.administrativeunit"


def read_wheel_json(wheel: Path, member: str):
    with zipfile.ZipFile(wheel) as archive:
        return json.loads(archive.read(member).decode("utf-8"))


def exec_wheel_module(wheel: Path, member: str) -> dict:
    """Run a pure-data module of the wheel (NamedTuples and dict literals only)."""
    with zipfile.ZipFile(wheel) as archive:
        source = archive.read(member).decode("utf-8")
    namespace: dict = {"__name__": member}
    exec(compile(source, member, "exec"), namespace)
    return namespace


def build_fixture(legacy_wheel: Path) -> tuple[list[dict], dict[int, int], dict[str, str]]:
    """Fixture entries, old ward code → old province code, old province code → name."""
    provinces = read_wheel_json(legacy_wheel, "vietnam_provinces/data/nested-divisions.json")
    entries, ward_province, names = [], {}, {}
    valid = {
        "valid_from": SIXTY_THREE_PROVINCES_FROM.isoformat(),
        "valid_to": REFORM_2025_LAST_DAY_BEFORE.isoformat(),
    }
    for province in sorted(provinces, key=lambda p: p["code"]):
        code = f"{province['code']:02d}"
        name, name_en = unit_names(province["name"], Level.PROVINCE)
        names[code] = name
        entries.append(
            {
                "model": MODEL,
                "fields": {
                    "code": code,
                    "name": name,
                    "name_en": name_en,
                    "level": Level.PROVINCE.value,
                    "parent": None,
                    **valid,
                },
            }
        )
        for district in sorted(province["districts"], key=lambda d: d["code"]):
            name, name_en = unit_names(district["name"], Level.DISTRICT)
            entries.append(
                {
                    "model": MODEL,
                    "fields": {
                        "code": f"{district['code']:03d}",
                        "name": name,
                        "name_en": name_en,
                        "level": Level.DISTRICT.value,
                        "parent": [Level.PROVINCE.value, code, valid["valid_from"]],
                        **valid,
                    },
                }
            )
            for ward in district.get("wards", []):
                ward_province[ward["code"]] = province["code"]
    return entries, ward_province, names


def build_successors(
    conversion_wheel: Path, ward_province: dict[int, int], old_names: dict[str, str]
) -> dict:
    wards = exec_wheel_module(conversion_wheel, "vietnam_provinces/_ward_conversion_2025.py")
    package_table = exec_wheel_module(
        conversion_wheel, "vietnam_provinces/_province_conversion_2025.py"
    )["OLD_TO_NEW"]
    current = read_wheel_json(conversion_wheel, "vietnam_provinces/data/nested-divisions.json")
    new_names = {f"{p['code']:02d}": unit_names(p["name"], Level.PROVINCE)[0] for p in current}

    successors: dict[int, set[int]] = defaultdict(set)
    for entry in wards["OLD_TO_NEW"].values():
        old = entry.old_ward
        province = ward_province.get(old.code, old.province_code)
        if province != old.province_code:
            print(
                f"ward {old.code}: conversion table says province {old.province_code}, "
                f"the 0.6.0 data says {province}; using {province}"
            )
        for new in entry.new_wards:
            successors[province].add(new.province_code)

    for old_code, entry in sorted(package_table.items()):
        theirs = {ref.code for ref in entry.new_provinces}
        if theirs != successors[old_code]:
            print(
                f"province {old_code:02d}: package table {sorted(theirs)}, "
                f"rebuilt {sorted(successors[old_code])}"
            )

    missing = sorted(set(old_names) - {f"{code:02d}" for code in successors})
    if missing:
        raise SystemExit(f"old provinces without a successor: {missing}")
    return {
        "effective_date": REFORM_2025_FROM.isoformat(),
        "source": (
            "Nghị quyết 202/2025/QH15; vietnam-provinces "
            f"{conversion_wheel.name.split('-')[1]} ward conversion table, "
            "ward membership checked against vietnam-provinces 0.6.0"
        ),
        "provinces": [
            {
                "old_code": old_code,
                "old_name": old_names[old_code],
                "successors": [
                    {"code": f"{new:02d}", "name": new_names[f"{new:02d}"]}
                    for new in sorted(successors[int(old_code)])
                ],
            }
            for old_code in sorted(old_names)
        ],
    }


def write_json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--legacy-wheel", type=Path, required=True)
    parser.add_argument("--conversion-wheel", type=Path, required=True)
    args = parser.parse_args()

    entries, ward_province, old_names = build_fixture(args.legacy_wheel)
    mapping = build_successors(args.conversion_wheel, ward_province, old_names)
    levels = defaultdict(int)
    for entry in entries:
        levels[entry["fields"]["level"]] += 1
    print(f"{levels['province']} provinces, {levels['district']} districts")
    write_json(UNITS_2008_FIXTURE, entries)
    write_json(PROVINCE_SUCCESSORS_2025_FILE, mapping)


if __name__ == "__main__":
    main()
