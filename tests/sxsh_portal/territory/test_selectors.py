"""Rolling units of any period up to today's provinces, and back to their predecessors."""

import pytest

from sxsh_portal.territory.models import REFORM_2025_FROM, AdministrativeUnit
from sxsh_portal.territory.selectors import (
    current_province_for,
    current_province_ids_by_province_id,
    current_provinces,
    current_provinces_for,
    province_lineage,
    units_valid_on,
)
from sxsh_portal.territory.services import administrative_units_load
from tests.factories import CurrentProvinceFactory, DistrictFactory, ProvinceFactory, the_date

Level = AdministrativeUnit.Level
OLD = "2008-08-01"
NEW = "2025-07-01"


def unit(level, code, valid_from):
    return AdministrativeUnit.objects.get_by_natural_key(level, code, valid_from)


@pytest.fixture
def loaded(db):
    administrative_units_load()


def test_a_ha_giang_district_rolls_up_to_tuyen_quang(loaded):
    dong_van = unit(Level.DISTRICT, "026", OLD)

    assert dong_van.parent.name == "Hà Giang"
    assert current_province_for(dong_van) == unit(Level.PROVINCE, "08", NEW)


def test_an_old_province_rolls_up_to_its_successor_and_a_current_one_to_itself(loaded):
    tuyen_quang = unit(Level.PROVINCE, "08", NEW)

    assert current_province_for(unit(Level.PROVINCE, "02", OLD)) == tuyen_quang
    assert current_province_for(tuyen_quang) == tuyen_quang


def test_a_commune_of_today_rolls_up_to_its_province(loaded):
    hoan_kiem = unit(Level.COMMUNE, "00070", NEW)

    assert current_province_for(hoan_kiem) == unit(Level.PROVINCE, "01", NEW)


def test_the_lineage_of_todays_tuyen_quang_is_old_ha_giang_old_tuyen_quang_and_itself(loaded):
    lineage = province_lineage(unit(Level.PROVINCE, "08", NEW))

    assert [(p.code, p.name, p.valid_from.isoformat()) for p in lineage] == [
        ("02", "Hà Giang", OLD),
        ("08", "Tuyên Quang", OLD),
        ("08", "Tuyên Quang", NEW),
    ]


def test_the_lineage_of_todays_ninh_binh_holds_the_three_merged_provinces(loaded):
    lineage = province_lineage(unit(Level.PROVINCE, "37", NEW))

    assert [p.name for p in lineage] == ["Hà Nam", "Nam Định", "Ninh Bình", "Ninh Bình"]


def test_rolling_every_province_up_at_once_agrees_with_rolling_each_one_up(loaded):
    mapping = current_province_ids_by_province_id()
    provinces = AdministrativeUnit.objects.filter(level=Level.PROVINCE)

    assert len(mapping) == 63 + 34
    assert all(mapping[p.pk] == current_province_for(p).pk for p in provinces)


def test_only_todays_provinces_are_valid_on_a_day_after_the_reform(loaded):
    assert units_valid_on(REFORM_2025_FROM, level=Level.PROVINCE).count() == 34
    assert units_valid_on(the_date(30, 6, 2025), level=Level.PROVINCE).count() == 63
    assert units_valid_on(the_date(15, 12, 2018), level=Level.DISTRICT).count() == 696
    assert current_provinces().count() == 34


def test_the_test_district_dong_son_rolls_up_to_todays_thanh_hoa(dong_son, thanh_hoa_today):
    assert current_province_for(dong_son) == thanh_hoa_today


def test_a_province_split_between_two_has_no_single_current_province(db):
    old = ProvinceFactory(code="91", name="Tỉnh Chia Đôi")
    first = CurrentProvinceFactory(code="91", name="Tỉnh Bắc")
    second = CurrentProvinceFactory(code="92", name="Tỉnh Nam")
    old.successors.add(first, second)
    district = DistrictFactory(parent=old)

    assert current_provinces_for(district) == [first, second]
    assert current_province_for(district) is None
    assert old.pk not in current_province_ids_by_province_id()


def test_an_old_province_without_a_recorded_successor_has_no_current_province(db):
    assert current_province_for(ProvinceFactory(code="93", name="Tỉnh Chưa Nối")) is None


def test_every_district_of_a_province_gets_one_people_committee_however_often_it_runs(
    thanh_hoa,
):
    from sxsh_portal.territory.models import Agency
    from sxsh_portal.territory.services import district_committees_ensure
    from tests.factories import DistrictFactory

    DistrictFactory(code="399", name="Huyện Hoằng Hóa", parent=thanh_hoa)
    DistrictFactory(code="407", name="Thị xã Nghi Sơn", parent=thanh_hoa)

    assert district_committees_ensure(province=thanh_hoa) == 2
    assert district_committees_ensure(province=thanh_hoa) == 0
    names = set(
        Agency.objects.filter(kind=Agency.Kind.DISTRICT_COMMITTEE).values_list("name", flat=True)
    )
    assert names == {"UBND huyện Hoằng Hóa", "UBND thị xã Nghi Sơn"}
