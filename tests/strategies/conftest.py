import pytest

from strategies.models import ActionPlan, Strategy
from strategies.services import seed_documents_load

THANH_HOA_PLAN = 1
HA_GIANG_PLAN = 2
PLAN_2011_2015 = 3
PLAN_2016_2020 = 4
GREEN_GROWTH_PROGRAMME = 5


@pytest.fixture
def seeded(thanh_hoa, ha_giang):
    """The seed documents loaded on top of the 63-era Thanh Hóa and Hà Giang provinces."""
    seed_documents_load()


@pytest.fixture
def qd_1419(seeded):
    return Strategy.objects.get(number="1419/QĐ-TTg")


@pytest.fixture
def thanh_hoa_plan(seeded):
    return ActionPlan.objects.get(pk=THANH_HOA_PLAN)


@pytest.fixture
def ha_giang_plan(seeded):
    return ActionPlan.objects.get(pk=HA_GIANG_PLAN)
