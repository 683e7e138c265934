"""Target values and ranges: one rule, enforced by the authoring service, the forms/admin and
the DB."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from strategies.authoring import plans
from strategies.authoring.rows import Row
from strategies.forms import TargetForm
from strategies.models import Indicator, Target
from tests.strategies.drafts import draft_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def saving(seeded):
    return Indicator.objects.get(code="resource-saving")


@pytest.fixture
def workshops(seeded):
    return Indicator.objects.get(code="workshops-held")


@pytest.fixture
def draft(seeded, province_user, programme):
    """A 2026–2030 draft plan of the Thanh Hóa DOIT, implementing the test programme."""
    return draft_plan(province_user, strategy=programme[0])


def save_target(plan, actor, *, instance=None, **values) -> Target:
    """One target row through the DOIT's authoring service (the page's plan_targets_save)."""
    row = {
        "year": 2030,
        "value_min": None,
        "value_max": None,
        "baseline_year": 2025,
        "baseline_value": Decimal(0),
        "localises": None,
        "text": "",
        **values,
    }
    [target] = plans.plan_targets_save(
        plan=plan, actor=actor, rows=[Row(instance=instance, values=row)]
    )
    return target


def test_a_range_target_can_be_created_for_a_plan(draft, province_user, programme):
    _strategy, share, national = programme
    target = save_target(
        draft,
        province_user,
        indicator=share,
        value_min=Decimal(90),
        value_max=Decimal(95),
        localises=national,
    )
    assert target.value_label == "90–95%"
    assert target.is_range


def test_a_single_value_is_stored_as_an_equal_minimum_and_maximum(saving, draft, province_user):
    target = save_target(draft, province_user, indicator=saving, value_min=Decimal(12))
    assert (target.value_min, target.value_max) == (12, 12)
    assert target.value_label == "12%"
    assert not target.is_range


def test_a_range_whose_minimum_exceeds_its_maximum_is_refused_in_vietnamese(
    saving, draft, province_user
):
    with pytest.raises(ValidationError) as error:
        save_target(
            draft, province_user, indicator=saving, value_min=Decimal(13), value_max=Decimal(8)
        )
    assert error.value.messages == [
        "Dòng 1: Khoảng chỉ tiêu không hợp lệ: giá trị tối thiểu phải nhỏ hơn hoặc bằng giá trị "
        "tối đa."
    ]
    assert not Target.objects.filter(plan=draft).exists()


def test_a_percentage_above_100_is_refused(saving, draft, province_user):
    with pytest.raises(ValidationError) as error:
        save_target(
            draft, province_user, indicator=saving, value_min=Decimal(90), value_max=Decimal(120)
        )
    assert error.value.messages == [
        "Dòng 1: Chỉ tiêu tỷ lệ phần trăm phải nằm trong khoảng từ 0 đến 100%."
    ]


def test_a_negative_target_is_refused(saving, draft, province_user):
    with pytest.raises(ValidationError, match="không được âm"):
        save_target(draft, province_user, indicator=saving, value_min=Decimal(-5))


def test_a_count_may_exceed_100(workshops, draft, province_user):
    target = save_target(draft, province_user, indicator=workshops, value_min=Decimal(150))
    assert target.value_label == "150"


def test_a_milestone_takes_no_number(draft, province_user):
    milestone = Indicator.objects.get(code="support-unit-established")
    with pytest.raises(ValidationError, match="không nhập giá trị số"):
        save_target(draft, province_user, indicator=milestone, value_min=Decimal(1))
    target = save_target(draft, province_user, indicator=milestone)
    assert target.value_label == "Có"


def test_a_plan_target_may_only_localise_a_national_target(
    saving, draft, province_user, ha_giang_plan
):
    provincial = ha_giang_plan.targets.get(indicator=saving)
    with pytest.raises(ValidationError, match="chiến lược quốc gia"):
        save_target(
            draft, province_user, indicator=saving, value_min=Decimal(8), localises=provincial
        )


def test_updating_a_target_to_an_inverted_range_is_refused(saving, draft, province_user):
    target = save_target(
        draft, province_user, indicator=saving, value_min=Decimal(8), value_max=Decimal(13)
    )
    with pytest.raises(ValidationError):
        save_target(
            draft,
            province_user,
            instance=target,
            indicator=saving,
            value_min=Decimal(13),
            value_max=Decimal(8),
        )
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
