"""The minimal plan-writing services the demo uses: every rule checked, nothing half-saved,
the acting user in the history."""

import pytest
from django.core.exceptions import ValidationError

from strategies.models import ActionPlan, ReportingRule
from strategies.services.demo_plans import (
    commune_committees_ensure,
    plan_create,
    plan_reporting_rule_set,
)
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


@pytest.fixture
def plan(thanh_hoa_today, province_user):
    return plan_create(
        actor=province_user,
        province=thanh_hoa_today,
        title="Kế hoạch thử",
        strategy=None,
        period_start=2021,
        period_end=2030,
        issuer_name="Ủy ban nhân dân tỉnh Thanh Hóa",
    )


def test_a_plan_is_recorded_with_who_wrote_it(plan, province_user):
    assert plan.history.get().history_user == province_user


def test_a_plan_of_a_commune_or_with_its_years_reversed_is_refused(thanh_hoa_today, province_user):
    ward = commune(thanh_hoa_today, "14797", "Phường Hạc Thành")
    with pytest.raises(ValidationError, match="phải thuộc một tỉnh"):
        plan_create(
            actor=province_user,
            province=ward,
            title="Sai cấp",
            strategy=None,
            period_start=2021,
            period_end=2030,
            issuer_name="UBND",
        )
    with pytest.raises(ValidationError, match="Năm bắt đầu phải trước"):
        plan_create(
            actor=province_user,
            province=thanh_hoa_today,
            title="Ngược năm",
            strategy=None,
            period_start=2030,
            period_end=2021,
            issuer_name="UBND",
        )
    assert not ActionPlan.objects.exists()


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


def test_a_reporting_rule_takes_units_of_the_province_and_its_predecessor(
    plan, province_user, thanh_hoa, thanh_hoa_doit
):
    ward = commune_committees_ensure(
        actor=province_user,
        province=plan.province,
        communes=[commune(plan.province, "14797", "Phường Hạc Thành")],
    )[0]
    board = AgencyFactory(name="BQL KKT Nghi Sơn", kind=Agency.Kind.ZONE_BOARD, province=thanh_hoa)

    rule = plan_reporting_rule_set(
        actor=province_user,
        plan=plan,
        recipient=thanh_hoa_doit,
        deadline_day=15,
        deadline_month=12,
        reporting_units=[ward, board],
    )

    assert set(rule.reporting_units.all()) == {ward, board}
    assert rule.deadline_label == "15/12"


def test_a_reporting_rule_refuses_a_unit_of_another_province_and_a_day_the_month_lacks(
    plan, province_user, thanh_hoa_doit, ha_giang_doit
):
    with pytest.raises(ValidationError, match="không thuộc tỉnh của kế hoạch"):
        plan_reporting_rule_set(
            actor=province_user,
            plan=plan,
            recipient=thanh_hoa_doit,
            deadline_day=15,
            deadline_month=12,
            reporting_units=[ha_giang_doit],
        )
    with pytest.raises(ValidationError, match="Tháng 2 không có ngày 30"):
        plan_reporting_rule_set(
            actor=province_user,
            plan=plan,
            recipient=thanh_hoa_doit,
            deadline_day=30,
            deadline_month=2,
            reporting_units=[],
        )
    assert not ReportingRule.objects.exists()
