"""A double submit of a facility's create forms creates one row (issue 15, item 6)."""

import re

from django.urls import reverse

from facilities.models import Facility, FacilityYearStatus, Measure
from tests.facilities.test_registration import REGISTER, registration_data


def _token(page: str) -> str:
    return re.search(r'name="form_token" value="([0-9a-f]{32})"', page).group(1)


def test_two_clicks_on_add_measure_create_one_measure(
    client_as, facility_user, represented_brewery
):
    client = client_as(facility_user)
    url = reverse("facilities:measure_create", args=[represented_brewery.pk])
    data = {
        "year": "2019",
        "category": "equipment_modification",
        "title": "Cải thiện nồi hơi",
        "description": "Thu hồi nước ngưng.",
        "investment_vnd": "2.600.000.000",
        "yearly_saving_vnd": "1.300.000.000",
        "energy_saving_percent": "8,5",
        "form_token": _token(client.get(url).content.decode()),
    }

    first = client.post(url, data)
    second = client.post(url, data)

    measure = Measure.objects.get(facility=represented_brewery)
    assert measure.investment_vnd == 2_600_000_000
    assert str(measure.energy_saving_percent) in {"8.5", "8.50"}
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]


def test_two_clicks_on_add_year_status_create_one_status(
    client_as, facility_user, represented_brewery
):
    client = client_as(facility_user)
    url = reverse("facilities:status_create", args=[represented_brewery.pk])
    data = {
        "year": "2019",
        "environmental_record": "none",
        "trained_staff_count": "3",
        "form_token": _token(client.get(url).content.decode()),
    }

    first = client.post(url, data)
    second = client.post(url, data)

    assert FacilityYearStatus.objects.filter(facility=represented_brewery).count() == 1
    assert second.status_code == 302
    assert first["Location"] == second["Location"]


def test_two_clicks_on_register_create_one_facility(client, thanh_hoa, dong_son, sectors):
    data = registration_data(thanh_hoa, dong_son, sectors)
    data["form_token"] = _token(client.get(REGISTER).content.decode())

    first = client.post(REGISTER, data)
    second = client.post(REGISTER, data)

    assert Facility.objects.filter(tax_code="2801234567").count() == 1
    assert first["Location"] == second["Location"]
