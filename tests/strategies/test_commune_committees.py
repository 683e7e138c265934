"""Today's commune committees as reporting units: recorded once, by the acting user, for
today's communes of the province only (the plan pages, the demo and the national data set
all record them through strategies.authoring.plans.commune_committees_ensure)."""

import pytest
from django.core.exceptions import ValidationError

from strategies.authoring.plans import commune_committees_ensure
from sxsh_portal.territory.models import REFORM_2025_FROM, AdministrativeUnit, Agency
from tests.factories import AgencyFactory, CurrentProvinceFactory

pytestmark = pytest.mark.django_db


def commune(province, code, name):
    return AdministrativeUnit.objects.create(
        level=AdministrativeUnit.Level.COMMUNE,
        code=code,
        name=name,
        parent=province,
        valid_from=REFORM_2025_FROM,
    )


def test_commune_committees_are_created_once_for_todays_communes(thanh_hoa_today, province_user):
    wards = [
        commune(thanh_hoa_today, "14797", "Phường Hạc Thành"),
        commune(thanh_hoa_today, "15865", "Xã Hoằng Hóa"),
    ]

    first = commune_committees_ensure(actor=province_user, province=thanh_hoa_today, communes=wards)
    again = commune_committees_ensure(actor=province_user, province=thanh_hoa_today, communes=wards)

    assert [a.name for a in first] == ["UBND phường Hạc Thành", "UBND xã Hoằng Hóa"]
    assert first == again
    assert Agency.objects.filter(kind=Agency.Kind.COMMUNE_COMMITTEE).count() == 2
    assert {a.history.get().history_user for a in first} == {province_user}


def test_every_commune_of_the_province_by_code_and_a_name_already_taken_is_kept(
    thanh_hoa_today, province_user
):
    commune(thanh_hoa_today, "15865", "Xã Hoằng Hóa")
    commune(thanh_hoa_today, "14797", "Phường Hạc Thành")
    by_hand = AgencyFactory(
        name="UBND xã Hoằng Hóa", kind=Agency.Kind.COMMUNE_COMMITTEE, province=thanh_hoa_today
    )

    committees = commune_committees_ensure(actor=province_user, province=thanh_hoa_today)

    assert [a.name for a in committees] == ["UBND phường Hạc Thành", "UBND xã Hoằng Hóa"]
    assert committees[1] == by_hand
    assert Agency.objects.filter(kind=Agency.Kind.COMMUNE_COMMITTEE).count() == 2


def test_a_commune_of_another_province_is_refused_and_nothing_is_created(
    thanh_hoa_today, province_user
):
    tuyen_quang = CurrentProvinceFactory(code="08", name="Tuyên Quang")
    own = commune(thanh_hoa_today, "14797", "Phường Hạc Thành")
    foreign = commune(tuyen_quang, "02264", "Phường Hà Giang 1")

    with pytest.raises(ValidationError, match="Phường Hà Giang 1"):
        commune_committees_ensure(
            actor=province_user, province=thanh_hoa_today, communes=[own, foreign]
        )
    assert not Agency.objects.filter(kind=Agency.Kind.COMMUNE_COMMITTEE).exists()
