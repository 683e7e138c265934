import pytest
from django.urls import reverse

from strategies.models import Indicator, Target
from tests.factories import UserFactory
from tests.strategies.conftest import THANH_HOA_PLAN

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, seeded):
    admin = UserFactory(username="quan-tri", is_staff=True, is_superuser=True)
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.mark.parametrize(
    "model", ["strategy", "phase", "indicator", "target", "actionplan", "agencyassignment"]
)
def test_every_changelist_opens_in_the_admin(admin_client, model):
    response = admin_client.get(reverse(f"admin:strategies_{model}_changelist"))
    assert response.status_code == 200


def test_the_plan_change_page_shows_all_its_parts_and_history(admin_client):
    change = admin_client.get(reverse("admin:strategies_actionplan_change", args=[THANH_HOA_PLAN]))
    assert change.status_code == 200
    assert "Ban Quản lý Khu kinh tế Nghi Sơn và các khu công nghiệp" in change.content.decode()
    history = admin_client.get(
        reverse("admin:strategies_actionplan_history", args=[THANH_HOA_PLAN])
    )
    assert history.status_code == 200


def test_the_admin_refuses_an_inverted_range_in_vietnamese(admin_client, thanh_hoa_plan):
    saving = Indicator.objects.get(code="resource-saving")
    response = admin_client.post(
        reverse("admin:strategies_target_add"),
        {
            "indicator": saving.pk,
            "plan": thanh_hoa_plan.pk,
            "year": 2025,
            "value_min": "13",
            "value_max": "8",
            "position": 0,
        },
    )
    assert response.status_code == 200
    assert "giá trị tối thiểu phải nhỏ hơn hoặc bằng giá trị tối đa" in response.content.decode()
    assert not Target.objects.filter(year=2025, plan=thanh_hoa_plan).exists()


def test_an_admin_edit_is_recorded_in_the_history(admin_client, thanh_hoa_plan):
    target = thanh_hoa_plan.targets.get(indicator__code="officers-trained")
    response = admin_client.post(
        reverse("admin:strategies_target_change", args=[target.pk]),
        {
            "indicator": target.indicator_id,
            "plan": thanh_hoa_plan.pk,
            "year": 2020,
            "value_min": "95",
            "value_max": "",
            "text": target.text,
            "position": target.position,
        },
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.value_min, target.value_max) == (95, 95)
    assert target.history.count() == 1
