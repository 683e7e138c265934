"""`make run` loads everything through `manage.py setup_demo`; a second run changes nothing."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from sxsh_portal.accounts.access import scope_for
from sxsh_portal.accounts.models import User

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_setup_demo_twice_changes_nothing_and_prints_every_demo_login():
    first = io.StringIO()
    call_command("setup_demo", password="Mat-khau-demo-1", stdout=first)
    counts_after_first_run = row_counts()

    call_command("setup_demo", password="Mat-khau-demo-1", stdout=io.StringIO())

    assert row_counts() == counts_after_first_run
    printed = first.getvalue()
    for username in (
        "bo-cong-thuong",
        "so-ct-thanh-hoa",
        "ubnd-hoang-hoa",
        "so-ct-ha-giang",
        "co-so-demo",
        "quan-tri",
        "ubnd-xa-hoang-hoa",
        "so-ct-tuyen-quang",
    ):
        assert username in printed
        assert User.objects.get(username=username).check_password("Mat-khau-demo-1")
    assert "Mat-khau-demo-1" in printed


def test_the_demo_thanh_hoa_doit_sees_its_seeded_plan_and_the_hoang_hoa_unit_is_a_district():
    call_command("setup_demo", password="Mat-khau-demo-1", stdout=io.StringIO())

    from strategies.models import ActionPlan

    doit = scope_for(User.objects.get(username="so-ct-thanh-hoa"))
    thanh_hoa_plan = ActionPlan.objects.get(pk=1)
    assert doit.sees_province(thanh_hoa_plan.province_id)
    unit = User.objects.get(username="ubnd-hoang-hoa").assignments.get().agency
    assert unit.territory.name == "Huyện Hoằng Hóa"
    assert unit.territory.parent == thanh_hoa_plan.province
