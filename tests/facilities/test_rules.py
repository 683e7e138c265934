"""Computed values and the rules the database itself enforces."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from facilities import services
from facilities.models import FacilityYearStatus, Measure
from tests.facilities.factories import FacilityFactory, MeasureFactory, YearStatusFactory
from tests.factories import the_date


def test_payback_is_investment_divided_by_the_yearly_saving(brewery):
    measure = MeasureFactory(
        facility=brewery, investment_vnd=2_600_000_000, yearly_saving_vnd=1_300_000_000
    )

    assert measure.payback_years == Decimal("2.0")


def test_payback_is_rounded_to_a_tenth_of_a_year(brewery):
    measure = MeasureFactory(facility=brewery, investment_vnd=100, yearly_saving_vnd=30)

    assert measure.payback_years == Decimal("3.3")


def test_there_is_no_payback_without_a_saving(brewery):
    measure = MeasureFactory(facility=brewery, investment_vnd=80_000_000, yearly_saving_vnd=0)

    assert measure.payback_years is None


@pytest.mark.parametrize(
    "values",
    [
        {"energy_saving_percent": Decimal("100.01")},
        {"water_saving_percent": Decimal("-1")},
        {"yearly_saving_vnd": -1},
        {"investment_vnd": -1},
        {"publication_agreed": False, "publication_approved": True},
    ],
    ids=[
        "percent-over-100",
        "negative-percent",
        "negative-saving",
        "negative-investment",
        "approved-without-agreement",
    ],
)
def test_the_database_refuses_an_impossible_measure(brewery, values):
    with pytest.raises(IntegrityError), transaction.atomic():
        MeasureFactory(facility=brewery, **values)


def test_a_measure_may_save_exactly_zero_or_a_hundred_percent(brewery):
    measure = MeasureFactory(
        facility=brewery, energy_saving_percent=Decimal("0"), water_saving_percent=Decimal("100")
    )

    assert Measure.objects.filter(pk=measure.pk).exists()


def test_the_database_refuses_a_dedicated_unit_for_a_small_facility(hoang_hoa_factory):
    with pytest.raises(IntegrityError), transaction.atomic():
        YearStatusFactory(facility=hoang_hoa_factory, has_dedicated_unit=True)


def test_a_medium_or_large_facility_may_have_a_dedicated_unit(brewery):
    status = YearStatusFactory(facility=brewery, has_dedicated_unit=True)

    assert status.has_dedicated_unit


def test_the_database_refuses_a_certificate_expiring_before_it_was_issued(brewery):
    with pytest.raises(IntegrityError), transaction.atomic():
        YearStatusFactory(
            facility=brewery,
            certificate_issuer="Bộ Công Thương",
            certificate_date=the_date(1, 6, 2019),
            certificate_expires=the_date(31, 5, 2019),
        )


def test_the_database_refuses_two_statuses_of_one_facility_for_one_year(brewery):
    YearStatusFactory(facility=brewery, year=2019)

    with pytest.raises(IntegrityError), transaction.atomic():
        YearStatusFactory(facility=brewery, year=2019)


def test_the_database_refuses_a_second_facility_with_the_same_tax_code(brewery, dong_son):
    with pytest.raises(IntegrityError), transaction.atomic():
        FacilityFactory(tax_code=brewery.tax_code, admin_unit=dong_son)


# Through the forms the representative uses, the same rules answer in Vietnamese.


def status_form(**changes):
    data = {"year": 2019, "trained_staff_count": 0, "environmental_record": "none"}
    data.update(changes)
    return data


def test_a_small_facility_cannot_declare_a_dedicated_unit(
    client_as, province_user, hoang_hoa_factory
):
    client = client_as(province_user)

    response = client.post(
        reverse("facilities:status_create", args=[hoang_hoa_factory.pk]),
        status_form(has_dedicated_unit="on"),
    )

    assert response.status_code == 200
    assert "Chỉ doanh nghiệp vừa và lớn" in response.content.decode()
    assert not FacilityYearStatus.objects.exists()


def test_a_certificate_cannot_expire_before_it_was_issued(
    client_as, facility_user, represented_brewery
):
    client = client_as(facility_user)

    response = client.post(
        reverse("facilities:status_create", args=[represented_brewery.pk]),
        status_form(
            certificate_issuer="Bộ Công Thương",
            certificate_date="01/06/2019",
            certificate_expires="31/05/2019",
        ),
    )

    assert response.status_code == 200
    assert "Ngày hết hạn giấy chứng nhận phải sau hoặc bằng ngày cấp." in (
        response.content.decode()
    )
    assert not FacilityYearStatus.objects.exists()


def test_a_year_already_reported_cannot_be_added_twice(
    client_as, facility_user, represented_brewery
):
    YearStatusFactory(facility=represented_brewery, year=2019)
    client = client_as(facility_user)

    response = client.post(
        reverse("facilities:status_create", args=[represented_brewery.pk]), status_form()
    )

    assert response.status_code == 200
    assert "Cơ sở đã có số liệu năm 2019" in response.content.decode()


def test_the_representative_corrects_a_yearly_status(client_as, facility_user, represented_brewery):
    YearStatusFactory(facility=represented_brewery, year=2019, trained_staff_count=1)
    client = client_as(facility_user)

    response = client.post(
        reverse("facilities:status_edit", args=[represented_brewery.pk, 2019]),
        status_form(trained_staff_count=4, is_applying="on"),
    )

    assert response.status_code == 302
    status = FacilityYearStatus.objects.get(facility=represented_brewery, year=2019)
    assert status.trained_staff_count == 4
    assert status.history.first().history_user == facility_user


def measure_form(**changes):
    data = {
        "year": 2019,
        "category": "equipment_modification",
        "title": "Cải thiện nồi hơi",
        "description": "Thu hồi nước ngưng, bảo ôn đường hơi.",
        "investment_vnd": 2_600_000_000,
        "yearly_saving_vnd": 1_300_000_000,
        "energy_saving_percent": "8.5",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"energy_saving_percent": "120"},
            "“Tiết kiệm năng lượng (% trên đơn vị sản phẩm)”: không được lớn hơn 100.",
        ),
        ({"yearly_saving_vnd": -1}, "“Giá trị tiết kiệm hằng năm (đồng)”: không được âm."),
    ],
    ids=["percent-over-100", "negative-saving"],
)
def test_the_measure_form_refuses_impossible_values(
    client_as, facility_user, represented_brewery, changes, message
):
    client = client_as(facility_user)

    response = client.post(
        reverse("facilities:measure_create", args=[represented_brewery.pk]),
        measure_form(**changes),
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Measure.objects.exists()


def test_the_representative_adds_a_measure_and_sees_its_payback(
    client_as, facility_user, represented_brewery
):
    client = client_as(facility_user)

    created = client.post(
        reverse("facilities:measure_create", args=[represented_brewery.pk]), measure_form()
    )
    detail = client.get(represented_brewery.get_absolute_url())

    assert created.status_code == 302
    page = detail.content.decode()
    assert "Cải thiện nồi hơi" in page
    assert "1.300.000.000 đ" in page
    assert "Thời gian hoàn vốn: 2 năm" in " ".join(page.split())


# The service holds the rules, whatever calls it (a page, the API, a script).


def _status_set(facility, actor, **changes):
    values = {
        "year": 2019,
        "is_aware": False,
        "is_applying": False,
        "has_dedicated_unit": False,
        "trained_staff_count": 0,
        "has_iso14001": False,
        "environmental_record": "none",
    }
    values.update(changes)
    return services.facility_status_set(facility=facility, actor=actor, **values)


def test_the_service_refuses_a_dedicated_unit_for_a_small_facility_on_its_field(
    province_user, hoang_hoa_factory
):
    with pytest.raises(ValidationError) as refused:
        _status_set(hoang_hoa_factory, province_user, has_dedicated_unit=True)

    assert list(refused.value.message_dict) == ["has_dedicated_unit"]
    assert not FacilityYearStatus.objects.exists()


def test_the_service_refuses_to_add_a_year_already_reported(province_user, brewery):
    YearStatusFactory(facility=brewery, year=2019, trained_staff_count=1)

    with pytest.raises(ValidationError) as refused:
        _status_set(brewery, province_user, trained_staff_count=5, adding=True)

    assert refused.value.message_dict["year"] == [
        "Cơ sở đã có số liệu năm 2019; hãy sửa số liệu đó."
    ]
    assert FacilityYearStatus.objects.get(facility=brewery).trained_staff_count == 1
