"""One set of status row rules (facilities/imports/rules.py): the year form,
FacilityYearStatus.clean() and the import's checker give the same Vietnamese message,
on the same field, for the same bad row."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from facilities.models import FacilityYearStatus
from tests.facilities.imports.test_import import valid_row, xlsx_file

DEDICATED_UNIT = "Chỉ doanh nghiệp vừa và lớn mới khai báo bộ phận chuyên trách về SXSH."
CERTIFICATE = "Ngày hết hạn giấy chứng nhận phải sau hoặc bằng ngày cấp."

CASES = [
    pytest.param(
        {
            "size": "Nhỏ",
            "form": {"has_dedicated_unit": "on"},
            "sheet": {"Bộ phận chuyên trách SXSH": "Có"},
            "model": {"has_dedicated_unit": True},
            "field": "has_dedicated_unit",
            "column": "Bộ phận chuyên trách SXSH",
            "message": DEDICATED_UNIT,
        },
        id="dedicated-unit-of-a-small-facility",
    ),
    pytest.param(
        {
            "size": "Vừa",
            "form": {"certificate_date": "01/06/2019", "certificate_expires": "31/05/2019"},
            "sheet": {"Ngày cấp chứng nhận": "01/06/2019", "Ngày hết hạn chứng nhận": "31/05/2019"},
            "model": {
                "certificate_date": datetime.date(2019, 6, 1),
                "certificate_expires": datetime.date(2019, 5, 31),
            },
            "field": "certificate_expires",
            "column": "Ngày hết hạn chứng nhận",
            "message": CERTIFICATE,
        },
        id="certificate-expiring-before-it-was-issued",
    ),
    pytest.param(
        {
            "size": "Vừa",
            "form": {"certificate_expires": "31/05/2019"},
            "sheet": {"Ngày hết hạn chứng nhận": "31/05/2019"},
            "model": {"certificate_expires": datetime.date(2019, 5, 31)},
            "field": "certificate_expires",
            "column": "Ngày hết hạn chứng nhận",
            "message": CERTIFICATE,
        },
        id="certificate-expiry-without-an-issue-date",
    ),
]


@pytest.fixture
def facility(hoang_hoa_factory):
    return hoang_hoa_factory


def form_errors(client, facility, case) -> dict:
    data = {"year": 2019, "trained_staff_count": 0, "environmental_record": "none"}
    response = client.post(
        reverse("facilities:status_create", args=[facility.pk]), {**data, **case["form"]}
    )
    assert response.status_code == 200
    return response.context["form"].errors


@pytest.mark.parametrize("case", CASES)
def test_the_form_the_model_and_the_import_give_the_same_message(
    client_as, province_user, sectors, facility, case
):
    size_class = {"Nhỏ": "small", "Vừa": "medium"}[case["size"]]
    facility.size_class = size_class
    facility.save()
    client = client_as(province_user)

    errors = form_errors(client, facility, case)
    assert errors == {case["field"]: [case["message"]]}
    assert not FacilityYearStatus.objects.exists()

    status = FacilityYearStatus(
        facility=facility, year=2019, size_class=size_class, **case["model"]
    )
    with pytest.raises(ValidationError) as raised:
        status.full_clean()
    assert raised.value.message_dict == {case["field"]: [case["message"]]}

    row = {
        **valid_row(facility.admin_unit.code),
        "Mã số thuế": facility.tax_code,
        "Tên cơ sở": facility.name,
        "Địa chỉ": facility.address,
        "Ngành": facility.sector.name,
        "Quy mô": case["size"],
        **case["sheet"],
    }
    checked = client.post(
        reverse("facilities:import_upload"), {"file": xlsx_file([row]), "allow_verified": "on"}
    )
    assert checked.context["report"].problems == [
        {"line": 2, "column": case["column"], "message": case["message"]}
    ]


def test_a_medium_facilitys_dedicated_unit_and_a_valid_certificate_pass_all_three(
    client_as, province_user, sectors, facility
):
    facility.size_class = "medium"
    facility.save()
    client = client_as(province_user)
    values = {
        "has_dedicated_unit": "on",
        "certificate_date": "01/06/2019",
        "certificate_expires": "01/06/2019",
    }

    errors = form_errors_or_none(client, facility, values)

    assert errors is None
    assert FacilityYearStatus.objects.get().has_dedicated_unit


def form_errors_or_none(client, facility, values):
    data = {"year": 2019, "trained_staff_count": 0, "environmental_record": "none"}
    response = client.post(
        reverse("facilities:status_create", args=[facility.pk]), {**data, **values}
    )
    return None if response.status_code == 302 else response.context["form"].errors
