"""A DOIT's system creates and updates its province's facilities through the API with the
registry's rules; nobody reaches another province's facilities; the case library is public."""

import pytest

from facilities.models import Facility
from sxsh_portal.api.models import ApiWrite
from tests.api_support import ApiClient, api_as
from tests.facilities.factories import MeasureFactory

pytestmark = pytest.mark.django_db

FACILITIES = "/api/v1/facilities/"


def new_facility(unit, **changes):
    return {
        "name": "Nhà máy gạch Đông Sơn",
        "tax_code": "2800999001",
        "sector": "vat-lieu-xay-dung",
        "size_class": "medium",
        "admin_unit_id": unit.pk,
        "address": "Thôn 1, Đông Sơn",
        **changes,
    }


def test_the_doit_creates_a_verified_facility_audited_with_its_token(
    province_user, dong_son, sectors
):
    response = api_as(province_user).post(FACILITIES, new_facility(dong_son))

    assert response.status_code == 201, response.content
    facility = Facility.objects.get(tax_code="2800999001")
    assert facility.status == Facility.Status.VERIFIED
    assert facility.province == dong_son.parent
    assert facility.history.get().history_user == province_user
    write = ApiWrite.objects.get()
    assert (write.user, write.method, write.status_code) == (province_user, "POST", 201)


def test_a_double_post_creates_one_facility(province_user, dong_son, sectors):
    api = api_as(province_user)

    first = api.post(FACILITIES, new_facility(dong_son))
    second = api.post(FACILITIES, new_facility(dong_son))

    assert first.status_code == 201
    assert second.status_code == 400
    assert "mã số thuế" in second.json()["errors"]["tax_code"][0]
    assert Facility.objects.filter(tax_code="2800999001").count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"tax_code": "123"}, "tax_code"),
        ({"tax_code": ""}, "tax_code"),
        ({"sector": "khong-co"}, "sector"),
        ({"size_class": "huge"}, "size_class"),
        ({"name": ""}, "name"),
        ({"name": "x" * 300}, "name"),
        ({"admin_unit_id": 99999999999999999999}, "admin_unit_id"),
    ],
)
def test_bad_values_are_refused_in_vietnamese_and_nothing_is_stored(
    province_user, dong_son, sectors, changes, field
):
    response = api_as(province_user).post(FACILITIES, new_facility(dong_son, **changes))

    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    assert not Facility.objects.exists()


def test_the_doit_cannot_place_a_facility_in_another_province(province_user, vi_xuyen, sectors):
    response = api_as(province_user).post(FACILITIES, new_facility(vi_xuyen))

    assert response.status_code == 400
    assert response.json()["errors"]["admin_unit"] == [
        "Đơn vị hành chính không thuộc tỉnh bạn quản lý."
    ]
    assert not Facility.objects.exists()


@pytest.mark.parametrize("role", ["ministry_user", "unit_user", "facility_user", "outsider_user"])
def test_only_a_doit_creates_facilities(request, role, dong_son, sectors):
    response = api_as(request.getfixturevalue(role)).post(FACILITIES, new_facility(dong_son))

    assert response.status_code == 403
    assert not Facility.objects.exists()


def test_the_doit_updates_its_facility_and_the_tax_code_stays(province_user, brewery):
    api = api_as(province_user)

    renamed = api.patch(f"{FACILITIES}{brewery.pk}/", {"name": "Nhà máy bia Đông Sơn mới"})
    retaxed = api.patch(f"{FACILITIES}{brewery.pk}/", {"tax_code": "2800000000"})

    assert renamed.status_code == 200 and renamed.json()["name"] == "Nhà máy bia Đông Sơn mới"
    assert retaxed.status_code == 400
    brewery.refresh_from_db()
    assert (brewery.name, brewery.tax_code) == ("Nhà máy bia Đông Sơn mới", "2800123456")


def test_another_province_never_reads_or_changes_the_facility(
    other_province_user, brewery, ha_giang_mine
):
    api = api_as(other_province_user)

    listed = api.get(FACILITIES).json()
    read = api.get(f"{FACILITIES}{brewery.pk}/")
    changed = api.patch(f"{FACILITIES}{brewery.pk}/", {"name": "Chiếm"})

    assert [row["id"] for row in listed["results"]] == [ha_giang_mine.pk]
    assert read.status_code == changed.status_code == 404
    brewery.refresh_from_db()
    assert brewery.name == "Nhà máy bia Đông Sơn"


def test_a_representative_reads_its_facility_but_changes_it_only_in_the_portal(
    facility_user, represented_brewery
):
    api = api_as(facility_user)

    assert api.get(f"{FACILITIES}{represented_brewery.pk}/").status_code == 200
    assert api.patch(f"{FACILITIES}{represented_brewery.pk}/", {"name": "X"}).status_code == 403


def test_the_public_sees_published_cases_only_and_no_facility(brewery):
    published = MeasureFactory(
        facility=brewery, title="Thu hồi nhiệt", publication_agreed=True, publication_approved=True
    )
    MeasureFactory(facility=brewery, title="Chưa công bố", publication_agreed=True)
    anonymous = ApiClient()

    cases = anonymous.get("/api/v1/cases/").json()
    facilities = anonymous.get(FACILITIES).json()

    assert [row["id"] for row in cases["results"]] == [published.pk]
    assert facilities["count"] == 0
    assert anonymous.get("/api/v1/cases/", {"search": "nhiệt"}).json()["count"] == 1
