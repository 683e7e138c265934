"""Target values and ranges: one rule, enforced by the service, the forms/admin and the DB."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from strategies.forms import TargetForm
from strategies.models import Indicator, Target
from strategies.services import target_create, target_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def saving(seeded):
    return Indicator.objects.get(code="resource-saving")


@pytest.fixture
def workshops(seeded):
    return Indicator.objects.get(code="workshops-held")


def test_a_range_target_can_be_created_for_a_plan(saving, thanh_hoa_plan, qd_1419):
    national = qd_1419.phases.get(end_year=2020).targets.get(indicator=saving)
    target = target_create(
        indicator=saving,
        year=2025,
        value_min=Decimal(10),
        value_max=Decimal(15),
        plan=thanh_hoa_plan,
        localises=national,
    )
    assert target.value_label == "10–15%"
    assert target.is_range


def test_a_single_value_is_stored_as_an_equal_minimum_and_maximum(saving, thanh_hoa_plan):
    target = target_create(indicator=saving, year=2025, value_min=Decimal(12), plan=thanh_hoa_plan)
    assert (target.value_min, target.value_max) == (12, 12)
    assert target.value_label == "12%"
    assert not target.is_range


def test_a_range_whose_minimum_exceeds_its_maximum_is_refused_in_vietnamese(saving, thanh_hoa_plan):
    with pytest.raises(ValidationError) as error:
        target_create(
            indicator=saving,
            year=2020,
            value_min=Decimal(13),
            value_max=Decimal(8),
            plan=thanh_hoa_plan,
        )
    assert error.value.message_dict["value_max"] == [
        "Khoảng chỉ tiêu không hợp lệ: giá trị tối thiểu phải nhỏ hơn hoặc bằng giá trị tối đa."
    ]
    assert not Target.objects.filter(year=2020, value_min=13).exists()


def test_a_percentage_above_100_is_refused(saving, thanh_hoa_plan):
    with pytest.raises(ValidationError) as error:
        target_create(
            indicator=saving,
            year=2020,
            value_min=Decimal(90),
            value_max=Decimal(120),
            plan=thanh_hoa_plan,
        )
    assert error.value.message_dict["value_max"] == [
        "Chỉ tiêu tỷ lệ phần trăm phải nằm trong khoảng từ 0 đến 100%."
    ]


def test_a_negative_target_is_refused(saving, thanh_hoa_plan):
    with pytest.raises(ValidationError, match="không được âm"):
        target_create(indicator=saving, year=2020, value_min=Decimal(-5), plan=thanh_hoa_plan)


def test_a_count_may_exceed_100(workshops, thanh_hoa_plan):
    target = target_create(
        indicator=workshops, year=2020, value_min=Decimal(150), plan=thanh_hoa_plan
    )
    assert target.value_label == "150"


def test_a_milestone_takes_no_number(thanh_hoa_plan):
    milestone = Indicator.objects.get(code="support-unit-established")
    with pytest.raises(ValidationError, match="không nhập giá trị số"):
        target_create(indicator=milestone, year=2020, value_min=Decimal(1), plan=thanh_hoa_plan)
    assert target_create(indicator=milestone, year=2020, plan=thanh_hoa_plan).value_label == "Có"


def test_a_plan_target_may_only_localise_a_national_target(saving, thanh_hoa_plan, ha_giang_plan):
    provincial = ha_giang_plan.targets.get(indicator=saving)
    with pytest.raises(ValidationError, match="chiến lược quốc gia"):
        target_create(
            indicator=saving,
            year=2020,
            value_min=Decimal(8),
            plan=thanh_hoa_plan,
            localises=provincial,
        )


def test_updating_a_target_to_an_inverted_range_is_refused(thanh_hoa_plan):
    target = thanh_hoa_plan.targets.get(indicator__code="resource-saving")
    with pytest.raises(ValidationError):
        target_update(target=target, value_min=Decimal(13), value_max=Decimal(8))
    target.refresh_from_db()
    assert (target.value_min, target.value_max) == (8, 13)


def test_the_target_form_shows_the_range_error_in_vietnamese(saving, thanh_hoa_plan):
    form = TargetForm(
        data={
            "indicator": saving.pk,
            "plan": thanh_hoa_plan.pk,
            "year": 2020,
            "value_min": "13",
            "value_max": "8",
            "position": 0,
        }
    )
    assert not form.is_valid()
    assert "giá trị tối thiểu phải nhỏ hơn hoặc bằng giá trị tối đa" in form.errors["value_max"][0]


def test_the_database_refuses_an_inverted_range_even_without_validation(saving, thanh_hoa_plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(
            indicator=saving, year=2020, value_min=13, value_max=8, plan=thanh_hoa_plan
        )


def test_the_database_refuses_a_target_belonging_to_neither_a_phase_nor_a_plan(saving):
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(indicator=saving, year=2020, value_min=8, value_max=13)


def test_a_target_form_without_phase_or_plan_explains_the_rule_in_vietnamese(saving):
    form = TargetForm(data={"indicator": saving.pk, "year": 2020, "value_min": "8", "position": 0})
    assert not form.is_valid()
    assert "Mục tiêu phải thuộc một giai đoạn của chiến lược quốc gia" in str(form.errors)
