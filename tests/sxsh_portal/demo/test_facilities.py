"""The demo data setup_demo loads."""

import pytest

from facilities.models import Facility, FacilityRepresentative, Measure
from facilities.selectors import facility_changes_since_verification
from sxsh_portal.demo.facilities import demo_facilities_load
from tests.factories import DistrictFactory


def test_nothing_is_created_without_thanh_hoa(db):
    assert demo_facilities_load(representative_password="mat-khau-demo-2026") == 0
    assert not Facility.objects.exists()


def test_nothing_is_created_without_its_districts(thanh_hoa):
    assert demo_facilities_load(representative_password="mat-khau-demo-2026") == 0


@pytest.fixture
def thanh_hoa_districts(thanh_hoa, dong_son):
    DistrictFactory(code="380", name="Thành phố Thanh Hóa", parent=thanh_hoa)
    DistrictFactory(code="381", name="Thị xã Bỉm Sơn", parent=thanh_hoa)
    return thanh_hoa


def test_demo_facilities_are_verified_thanh_hoa_facilities_with_four_years(
    thanh_hoa_districts, province_user
):
    count = demo_facilities_load(representative_password="mat-khau-demo-2026")

    assert count == Facility.objects.count() >= 5
    assert set(Facility.objects.values_list("status", flat=True)) == {"verified"}
    assert set(Facility.objects.values_list("province", flat=True)) == {thanh_hoa_districts.pk}
    brewery = Facility.objects.get(tax_code="2800000011")
    assert brewery.admin_unit.name == "Thành phố Thanh Hóa"
    assert list(brewery.year_statuses.values_list("year", flat=True)) == [2020, 2019, 2018, 2017]
    assert brewery.verified_by == province_user
    assert facility_changes_since_verification(brewery) == []
    boiler = Measure.objects.get(title="Cải thiện nồi hơi")
    assert boiler.is_public
    assert boiler.yearly_saving_vnd == 1_300_000_000


def test_the_demo_representative_can_log_in_and_edit_the_brewery(client, thanh_hoa_districts):
    from django.urls import reverse

    demo_facilities_load(representative_password="mat-khau-demo-2026")
    brewery = Facility.objects.get(tax_code="2800000011")
    login = client.post(
        reverse("accounts:login"), {"username": "co-so-demo", "password": "mat-khau-demo-2026"}
    )

    assert login.status_code == 302
    assert client.get(reverse("facilities:facility_edit", args=[brewery.pk])).status_code == 200


def test_loading_the_demo_twice_changes_nothing(thanh_hoa_districts):
    first = demo_facilities_load(representative_password="mat-khau-demo-2026")
    measures = Measure.objects.count()

    second = demo_facilities_load(representative_password="mat-khau-demo-2026")

    assert first == second == Facility.objects.count()
    assert Measure.objects.count() == measures
    assert FacilityRepresentative.objects.count() == 1
