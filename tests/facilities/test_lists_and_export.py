"""Who sees which facilities in the list and in the .xlsx export."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from facilities.models import FacilityRepresentative
from sxsh_portal.territory.models import AdministrativeUnit
from tests.facilities.factories import FacilityFactory, YearStatusFactory
from tests.factories import DistrictFactory

LIST = reverse("facilities:facility_list")
EXPORT = reverse("facilities:facility_export")
UNITS = reverse("facilities:facility_filter_units")


@pytest.fixture
def registry(brewery, hoang_hoa_factory, ha_giang_mine):
    YearStatusFactory(facility=brewery, year=2019, is_applying=True)
    YearStatusFactory(facility=hoang_hoa_factory, year=2019, is_applying=False)
    YearStatusFactory(facility=ha_giang_mine, year=2019, is_applying=True)
    return {"brewery": brewery, "garment": hoang_hoa_factory, "mine": ha_giang_mine}


def names(response):
    return {facility.name for facility in response.context["page"]}


def exported_tax_codes(response):
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.active
    headers = [cell.value for cell in sheet[1]]
    column = headers.index("Mã số thuế")
    return {row[column] for row in sheet.iter_rows(min_row=2, values_only=True)}


def test_the_ministry_sees_every_province(client_as, ministry_user, registry):
    response = client_as(ministry_user).get(LIST)

    assert names(response) == {"Nhà máy bia Đông Sơn", "Xưởng may Hoằng Hóa", "Mỏ đá Vị Xuyên"}


def test_a_doit_sees_its_province_only(client_as, province_user, registry):
    response = client_as(province_user).get(LIST)

    assert names(response) == {"Nhà máy bia Đông Sơn", "Xưởng may Hoằng Hóa"}


def test_a_district_committee_sees_its_district_only(client_as, unit_user, registry):
    response = client_as(unit_user).get(LIST)

    assert names(response) == {"Nhà máy bia Đông Sơn"}


def test_a_district_committee_cannot_open_a_facility_of_another_district(
    client_as, unit_user, registry
):
    response = client_as(unit_user).get(registry["garment"].get_absolute_url())

    assert response.status_code == 404


def test_a_representative_sees_only_their_facility(
    client_as, facility_user, represented_brewery, registry
):
    client = client_as(facility_user)

    assert names(client.get(LIST)) == {"Nhà máy bia Đông Sơn"}
    assert client.get(registry["garment"].get_absolute_url()).status_code == 404


def test_a_user_without_a_role_may_not_list_facilities(client_as, outsider_user, registry):
    assert client_as(outsider_user).get(LIST).status_code == 403


def test_the_list_filters_by_sector_size_unit_and_applying_in_a_year(
    client_as, province_user, registry, sectors, dong_son
):
    client = client_as(province_user)

    assert names(client.get(LIST, {"sector": sectors["do-uong"].pk})) == {"Nhà máy bia Đông Sơn"}
    assert names(client.get(LIST, {"size_class": "small"})) == {"Xưởng may Hoằng Hóa"}
    assert names(client.get(LIST, {"admin_unit": dong_son.pk})) == {"Nhà máy bia Đông Sơn"}
    applying = client.get(LIST, {"year": 2019, "applying": "yes"})
    assert names(applying) == {"Nhà máy bia Đông Sơn"}
    not_applying = client.get(LIST, {"year": 2019, "applying": "no"})
    assert names(not_applying) == {"Xưởng may Hoằng Hóa"}


def test_the_unit_filter_offers_only_units_of_the_jurisdiction(
    client_as, province_user, registry, dong_son, vi_xuyen
):
    form = client_as(province_user).get(LIST).context["form"]

    units = set(form.fields["admin_unit"].queryset)
    assert dong_son in units
    assert vi_xuyen not in units


def test_a_unit_of_another_province_is_not_a_valid_filter(
    client_as, province_user, registry, vi_xuyen
):
    response = client_as(province_user).get(LIST, {"admin_unit": vi_xuyen.pk})

    assert "Mỏ đá Vị Xuyên" not in names(response)


@pytest.fixture
def dong_tien_kiln(registry, thanh_hoa, dong_son):
    """A facility in a commune of Đông Sơn."""
    dong_tien = DistrictFactory(
        code="15000", name="Xã Đông Tiến", parent=dong_son, level=AdministrativeUnit.Level.COMMUNE
    )
    return FacilityFactory(
        name="Lò gạch Đông Tiến", tax_code="2800999888", admin_unit=dong_tien, province=thanh_hoa
    )


def test_filtering_by_a_district_finds_the_facilities_of_its_communes(
    client_as, province_user, dong_tien_kiln, dong_son
):
    response = client_as(province_user).get(LIST, {"admin_unit": dong_son.pk})

    assert names(response) == {"Nhà máy bia Đông Sơn", "Lò gạch Đông Tiến"}


def test_a_district_committee_sees_the_facilities_of_its_communes(
    client_as, unit_user, dong_tien_kiln
):
    response = client_as(unit_user).get(LIST)

    assert names(response) == {"Nhà máy bia Đông Sơn", "Lò gạch Đông Tiến"}


def unit_option_labels(response):
    return [label for _value, label, _selected in response.context["form"].unit_options]


def test_the_ministry_is_offered_no_unit_before_it_chooses_a_province(
    client_as, ministry_user, registry
):
    response = client_as(ministry_user).get(LIST)

    assert unit_option_labels(response) == []
    assert '<select name="admin_unit" id="id_admin_unit"' in response.content.decode()


def test_the_ministry_is_offered_the_units_of_the_chosen_province_and_its_predecessors(
    client_as, ministry_user, registry, thanh_hoa_today, hoang_hoa, dong_son
):
    response = client_as(ministry_user).get(LIST, {"province": thanh_hoa_today.pk})

    assert set(unit_option_labels(response)) == {str(hoang_hoa), str(dong_son)}
    html = response.content.decode()
    assert f'<option value="{thanh_hoa_today.pk}" selected>Thanh Hóa</option>' in html
    assert "Huyện Vị Xuyên" not in html


def test_the_ministry_filters_by_province_including_the_provinces_it_replaced(
    client_as, ministry_user, registry, thanh_hoa_today
):
    response = client_as(ministry_user).get(LIST, {"province": thanh_hoa_today.pk})

    assert names(response) == {"Nhà máy bia Đông Sơn", "Xưởng may Hoằng Hóa"}


def test_a_unit_without_a_province_still_filters_and_selects_its_province(
    client_as, ministry_user, registry, thanh_hoa, dong_son
):
    response = client_as(ministry_user).get(LIST, {"admin_unit": dong_son.pk})

    assert names(response) == {"Nhà máy bia Đông Sơn"}
    form = response.context["form"]
    assert [value for value, _label, selected in form.province_options if selected] == [
        thanh_hoa.pk
    ]
    assert [value for value, _label, selected in form.unit_options if selected] == [dong_son.pk]


def test_a_unit_outside_the_chosen_province_gives_way_to_the_province(
    client_as, ministry_user, registry, ha_giang, dong_son
):
    response = client_as(ministry_user).get(
        LIST, {"province": ha_giang.pk, "admin_unit": dong_son.pk}
    )

    assert names(response) == {"Mỏ đá Vị Xuyên"}


def test_a_doit_chooses_among_its_units_without_a_province_select(
    client_as, province_user, registry, hoang_hoa, dong_son
):
    response = client_as(province_user).get(LIST)

    assert "province" not in response.context["form"].fields
    assert set(unit_option_labels(response)) == {str(hoang_hoa), str(dong_son)}


def test_the_unit_options_of_a_province_come_from_a_small_endpoint(
    client_as, ministry_user, registry, ha_giang
):
    response = client_as(ministry_user).get(UNITS, {"province": ha_giang.pk})

    html = response.content.decode()
    assert "Huyện Vị Xuyên" in html
    assert "Huyện Đông Sơn" not in html


def test_the_unit_endpoint_offers_a_doit_nothing_outside_its_province(
    client_as, province_user, registry, ha_giang
):
    response = client_as(province_user).get(UNITS, {"province": ha_giang.pk})

    assert response.status_code == 200
    assert "Huyện Vị Xuyên" not in response.content.decode()
    assert "Huyện Đông Sơn" in response.content.decode()


def test_the_list_costs_the_same_number_of_queries_for_one_or_many_facilities(
    client_as, province_user, registry, dong_son
):
    client = client_as(province_user)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for _number in range(20):
        FacilityFactory(admin_unit=dong_son)
    with CaptureQueriesContext(connection) as many:
        client.get(LIST)

    assert len(many) == len(few)


def test_the_export_holds_only_the_doits_facilities(client_as, province_user, registry):
    response = client_as(province_user).get(EXPORT)

    assert response.status_code == 200
    assert exported_tax_codes(response) == {"2800123456", "2800654321"}


def test_the_export_follows_the_filters(client_as, province_user, registry):
    response = client_as(province_user).get(EXPORT, {"year": 2019, "applying": "yes"})

    assert exported_tax_codes(response) == {"2800123456"}


def test_a_district_committees_export_holds_its_district_only(client_as, unit_user, registry):
    response = client_as(unit_user).get(EXPORT)

    assert exported_tax_codes(response) == {"2800123456"}


def test_the_export_carries_the_yearly_status_in_vietnamese(client_as, province_user, registry):
    response = client_as(province_user).get(EXPORT, {"year": 2019})

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    headers = [cell.value for cell in sheet[1]]
    brewery = dict(zip(headers, rows["2800123456"], strict=True))
    assert brewery["Năm"] == 2019
    assert brewery["Áp dụng SXSH"] == "Có"
    assert brewery["Quy mô"] == "Lớn"
    assert brewery["Tỉnh"] == "Thanh Hóa"


def test_an_exported_file_imports_back_without_errors(client_as, province_user, registry):
    client = client_as(province_user)
    exported = client.get(EXPORT)
    from django.core.files.uploadedfile import SimpleUploadedFile

    checked = client.post(
        reverse("facilities:import_upload"),
        {"file": SimpleUploadedFile("xuat.xlsx", exported.content)},
    )

    report = checked.context["report"]
    assert report.problems == []
    assert report.updated == 2
    assert report.new == 0


def test_the_facility_link_is_the_only_way_a_representative_gets_in(
    client_as, facility_user, brewery
):
    client = client_as(facility_user)
    assert client.get(brewery.get_absolute_url()).status_code == 404

    FacilityRepresentative.objects.create(user=facility_user, facility=brewery)

    assert client.get(brewery.get_absolute_url()).status_code == 200


def test_a_user_without_a_role_gets_404_for_any_facility(client_as, outsider_user, registry):
    client = client_as(outsider_user)

    assert client.get(registry["brewery"].get_absolute_url()).status_code == 404
    assert client.get(reverse("facilities:facility_edit", args=[99999])).status_code == 404
