"""The administrative-unit loader: exact counts, codes and names, idempotence, 2025 lineage.

Each test that needs the whole map loads it (about half a second on SQLite) inside its own
rolled-back transaction, so nothing leaks into other tests.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from sxsh_portal.territory.models import (
    REFORM_2025_FROM,
    REFORM_2025_LAST_DAY_BEFORE,
    SIXTY_THREE_PROVINCES_FROM,
    AdministrativeUnit,
)
from sxsh_portal.territory.services import (
    PROVINCE_SUCCESSORS_2025_FILE,
    UNITS_2008_FIXTURE,
    administrative_units_load,
)
from sxsh_portal.territory.tasks import administrative_unit_count

Level = AdministrativeUnit.Level
OLD = SIXTY_THREE_PROVINCES_FROM.isoformat()
NEW = REFORM_2025_FROM.isoformat()


@pytest.fixture
def loaded(db):
    return administrative_units_load()


def old_province(code):
    return AdministrativeUnit.objects.get_by_natural_key(Level.PROVINCE, code, OLD)


def new_province(code):
    return AdministrativeUnit.objects.get_by_natural_key(Level.PROVINCE, code, NEW)


def snapshot():
    units = list(
        AdministrativeUnit.objects.order_by("pk").values_list(
            "pk", "code", "name", "name_en", "level", "parent_id", "valid_from", "valid_to"
        )
    )
    links = sorted(
        AdministrativeUnit.successors.through.objects.values_list(
            "from_administrativeunit_id", "to_administrativeunit_id"
        )
    )
    return units, links


def test_loading_stores_the_63_old_provinces_and_their_696_districts_until_30_06_2025(loaded):
    old_units = AdministrativeUnit.objects.filter(valid_from=SIXTY_THREE_PROVINCES_FROM)

    assert old_units.filter(level=Level.PROVINCE).count() == 63
    assert old_units.filter(level=Level.DISTRICT).count() == 696
    assert not old_units.exclude(valid_to=REFORM_2025_LAST_DAY_BEFORE).exists()
    assert not old_units.filter(level=Level.DISTRICT, parent__valid_from=REFORM_2025_FROM).exists()


def test_loading_stores_todays_34_provinces_and_3321_communes_from_01_07_2025(loaded):
    new_units = AdministrativeUnit.objects.filter(valid_from=REFORM_2025_FROM)

    assert new_units.filter(level=Level.PROVINCE).count() == 34
    assert new_units.filter(level=Level.COMMUNE).count() == 3321
    assert new_units.count() == 34 + 3321
    assert not new_units.filter(valid_to__isnull=False).exists()
    assert (
        new_units.filter(level=Level.COMMUNE, parent__valid_from=REFORM_2025_FROM).count() == 3321
    )


def test_loading_reports_what_it_created(loaded):
    assert (loaded.provinces_2008.created, loaded.districts_2008.created) == (63, 696)
    assert (loaded.provinces_2025.created, loaded.communes_2025.created) == (34, 3321)
    assert loaded.successor_links_added == loaded.successor_links_total == 63


def test_loading_twice_changes_nothing(loaded):
    before = snapshot()

    again = administrative_units_load()

    assert snapshot() == before
    for counts in (
        again.provinces_2008,
        again.districts_2008,
        again.provinces_2025,
        again.communes_2025,
    ):
        assert (counts.created, counts.updated) == (0, 0)
    assert (again.successor_links_added, again.successor_links_removed) == (0, 0)


def test_loading_again_repairs_a_renamed_unit_and_a_wrong_successor_link(loaded):
    ha_giang = old_province("02")
    AdministrativeUnit.objects.filter(pk=ha_giang.pk).update(name="Hà Giang (sai)")
    ha_giang.successors.set([new_province("38")])

    again = administrative_units_load()

    ha_giang.refresh_from_db()
    assert ha_giang.name == "Hà Giang"
    assert list(ha_giang.successors.values_list("code", flat=True)) == ["08"]
    assert again.provinces_2008.updated == 1
    assert (again.successor_links_added, again.successor_links_removed) == (1, 1)


def test_codes_are_zero_padded_gso_codes_of_two_three_and_five_digits(loaded):
    lengths = {
        level: {
            len(code)
            for code in AdministrativeUnit.objects.filter(level=level).values_list(
                "code", flat=True
            )
        }
        for level in Level.values
    }

    assert lengths == {Level.PROVINCE: {2}, Level.DISTRICT: {3}, Level.COMMUNE: {5}}
    assert old_province("01").name == "Hà Nội"
    assert AdministrativeUnit.objects.get_by_natural_key(Level.DISTRICT, "026", OLD).name == (
        "Huyện Đồng Văn"
    )
    assert AdministrativeUnit.objects.get_by_natural_key(Level.COMMUNE, "00070", NEW).name == (
        "Phường Hoàn Kiếm"
    )


def test_province_names_are_short_names_with_an_unaccented_english_name(loaded):
    assert (old_province("38").name, old_province("38").name_en) == ("Thanh Hóa", "Thanh Hoa")
    assert (old_province("02").name, old_province("02").name_en) == ("Hà Giang", "Ha Giang")
    assert (new_province("01").name, new_province("79").name) == ("Hà Nội", "Hồ Chí Minh")
    assert not AdministrativeUnit.objects.filter(
        level=Level.PROVINCE, name__regex=r"^(Tỉnh|Thành phố) "
    ).exists()


def test_old_ha_giang_is_succeeded_by_tuyen_quang(loaded):
    successors = old_province("02").successors.all()

    assert [(p.code, p.name, p.valid_from) for p in successors] == [
        ("08", "Tuyên Quang", REFORM_2025_FROM)
    ]


def test_thanh_hoa_is_succeeded_by_todays_thanh_hoa(loaded):
    assert list(old_province("38").successors.all()) == [new_province("38")]


def test_every_old_province_has_exactly_one_successor_among_todays_provinces(loaded):
    old_provinces = AdministrativeUnit.objects.filter(
        level=Level.PROVINCE, valid_from=SIXTY_THREE_PROVINCES_FROM
    ).prefetch_related("successors")

    successors = {p.code: [s.natural_key() for s in p.successors.all()] for p in old_provinces}

    assert len(successors) == 63
    assert all(len(new) == 1 and new[0][2] == NEW for new in successors.values())
    assert len({new[0] for new in successors.values()}) == 34


def test_tien_giang_is_succeeded_by_dong_thap_alone_despite_the_package_table(loaded):
    # vietnam-provinces 2026.x lists Tây Ninh too, because its ward table misfiles a ward of
    # Tân An (Long An) under Tiền Giang.
    assert [p.name for p in old_province("82").successors.all()] == ["Đồng Tháp"]
    assert [p.name for p in old_province("80").successors.all()] == ["Tây Ninh"]


def test_the_fixture_loads_on_its_own_with_loaddata_and_natural_keys(db):
    call_command("loaddata", str(UNITS_2008_FIXTURE), verbosity=0)

    dong_van = AdministrativeUnit.objects.get_by_natural_key(Level.DISTRICT, "026", OLD)
    assert dong_van.parent == old_province("02")
    assert AdministrativeUnit.objects.count() == 63 + 696
    assert administrative_units_load().districts_2008.created == 0


def test_a_mapping_that_forgets_an_old_province_makes_the_load_fail_and_store_nothing(db, tmp_path):
    mapping = json.loads(PROVINCE_SUCCESSORS_2025_FILE.read_text(encoding="utf-8"))
    mapping["provinces"] = [p for p in mapping["provinces"] if p["old_code"] != "02"]
    broken = tmp_path / "successors.json"
    broken.write_text(json.dumps(mapping), encoding="utf-8")

    with pytest.raises(ValueError, match="02"):
        administrative_units_load(mapping_path=broken)

    assert not AdministrativeUnit.objects.exists()


def test_the_command_prints_the_counts_and_loads_once(db):
    first, second = StringIO(), StringIO()

    call_command("load_administrative_units", stdout=first)
    call_command("load_administrative_units", stdout=second)

    assert "3321 (mới 3321, cập nhật 0)" in first.getvalue()
    assert "696 (mới 0, cập nhật 0)" in second.getvalue()
    assert AdministrativeUnit.objects.count() == 63 + 696 + 34 + 3321


def test_the_unit_count_task_counts_every_stored_unit(loaded):
    assert administrative_unit_count.delay().get(timeout=30) == 63 + 696 + 34 + 3321
    assert administrative_unit_count.name == "territory.administrative_unit_count"


def test_the_2008_fixture_names_no_pks_and_no_successors_so_loaddata_keeps_the_links():
    entries = json.loads(UNITS_2008_FIXTURE.read_text(encoding="utf-8"))

    assert {e["fields"]["valid_from"] for e in entries} == {OLD}
    assert {e["fields"]["valid_to"] for e in entries} == {REFORM_2025_LAST_DAY_BEFORE.isoformat()}
    assert all("pk" not in e and "successors" not in e["fields"] for e in entries)
