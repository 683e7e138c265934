"""The registry's lists find names without their accents, sort by column and export what
they show: the facility (and registration) list, the measures awaiting publication, the
public library."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from facilities.models import Facility
from tests.facilities.factories import MeasureFactory

FACILITIES = reverse("facilities:facility_list")
AWAITING = reverse("facilities:measure_approval_list")


def names(response):
    return [row.name for row in response.context["page"]]


@pytest.mark.parametrize("typed", ["xuong may hoang hoa", "HOANG HÓA", "hoằng", "may  hoang"])
def test_the_facility_list_finds_a_name_whatever_its_accents(
    client_as, province_user, brewery, hoang_hoa_factory, typed
):
    assert names(client_as(province_user).get(FACILITIES, {"q": typed})) == ["Xưởng may Hoằng Hóa"]


def test_dong_son_is_found_by_d_for_its_letter_dj(client_as, province_user, brewery):
    assert names(client_as(province_user).get(FACILITIES, {"q": "dong son"})) == [
        "Nhà máy bia Đông Sơn"
    ]


def test_the_facility_list_sorts_by_column_and_keeps_the_filter(
    client_as, province_user, brewery, hoang_hoa_factory
):
    client = client_as(province_user)

    ascending = names(client.get(FACILITIES, {"sort": "ten"}))
    descending = client.get(FACILITIES, {"sort": "-ten", "status": "verified"})

    assert ascending == ["Nhà máy bia Đông Sơn", "Xưởng may Hoằng Hóa"]
    assert names(descending) == list(reversed(ascending))
    assert "status=verified" in descending.content.decode()  # in the sort links


def test_the_registration_list_is_the_facility_list_of_pending_records(
    client_as, province_user, brewery, hoang_hoa_factory
):
    Facility.objects.filter(pk=brewery.pk).update(status=Facility.Status.PENDING)
    pending = names(client_as(province_user).get(FACILITIES, {"status": "pending"}))
    assert pending == ["Nhà máy bia Đông Sơn"]


@pytest.fixture
def awaiting(represented_brewery, hoang_hoa_factory):
    return [
        MeasureFactory(
            facility=represented_brewery,
            title="Cải thiện nồi hơi",
            year=2025,
            yearly_saving_vnd=300_000_000,
            publication_agreed=True,
        ),
        MeasureFactory(
            facility=hoang_hoa_factory,
            title="Tận dụng vải vụn",
            year=2026,
            yearly_saving_vnd=100_000_000,
            publication_agreed=True,
        ),
        MeasureFactory(facility=hoang_hoa_factory, title="Chưa đồng ý công bố", year=2026),
    ]


def titles(response):
    return [measure.title for measure in response.context["page"]]


def test_the_measures_awaiting_publication_filter_sort_and_export(
    client_as, province_user, awaiting
):
    client = client_as(province_user)

    assert titles(client.get(AWAITING)) == ["Cải thiện nồi hơi", "Tận dụng vải vụn"]
    assert titles(client.get(AWAITING, {"q": "vai vun"})) == ["Tận dụng vải vụn"]
    assert titles(client.get(AWAITING, {"year": 2025})) == ["Cải thiện nồi hơi"]
    assert titles(client.get(AWAITING, {"sort": "tiet-kiem"})) == [
        "Tận dụng vải vụn",
        "Cải thiện nồi hơi",
    ]
    export = client.get(reverse("facilities:measure_approval_export"), {"year": 2026})
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[1:] == [("Xưởng may Hoằng Hóa", "Tận dụng vải vụn", 2026, rows[1][3], 100_000_000)]


@pytest.mark.parametrize(
    "hostile", [{"year": "x"}, {"admin_unit": "-5"}, {"sort": "id;--"}, {"q": "'"}]
)
def test_hostile_measure_filters_are_ignored(client_as, province_user, awaiting, hostile):
    response = client_as(province_user).get(AWAITING, hostile)
    assert response.status_code == 200


def test_only_the_doit_exports_the_measures_awaiting(client_as, unit_user, awaiting):
    response = client_as(unit_user).get(reverse("facilities:measure_approval_export"))
    assert response.status_code == 403


def test_the_library_finds_a_case_without_its_accents(client, represented_brewery):
    MeasureFactory(
        facility=represented_brewery,
        title="Tận dụng nhiệt thải lò hơi",
        publication_agreed=True,
        publication_approved=True,
    )
    page = client.get(reverse("facilities:library"), {"q": "tan dung nhiet thai"})
    assert "Tận dụng nhiệt thải lò hơi" in page.content.decode()
