import datetime

import pytest

from strategies.models import ActionPlan, Indicator, Phase, Strategy, Target
from strategies.services import seed_documents_load
from sxsh_portal.territory.models import REFORM_2025_FROM, AdministrativeUnit

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


@pytest.fixture
def programme(ministry_user):
    """A 2021–2030 programme with two phases and a percent indicator targeted in both."""
    strategy = Strategy.objects.create(
        number="99/QĐ-TTg",
        title="Chương trình thử",
        issuer="Thủ tướng Chính phủ",
        issued_on=datetime.date(2020, 6, 24),
        period_start=2021,
        period_end=2030,
    )
    first = Phase.objects.create(
        strategy=strategy, name="2021–2025", start_year=2021, end_year=2025
    )
    second = Phase.objects.create(
        strategy=strategy, name="2026–2030", start_year=2026, end_year=2030
    )
    share = Indicator.objects.create(
        code="ty-le-ap-dung",
        name="Tỷ lệ cơ sở áp dụng",
        measure_unit=Indicator.Unit.PERCENT,
        source=Indicator.Source.COMPUTED,
        numerator="Cơ sở áp dụng",
        denominator="Cơ sở sản xuất công nghiệp",
    )
    Target.objects.create(phase=first, indicator=share, year=2025, value_min=70, value_max=70)
    national = Target.objects.create(
        phase=second, indicator=share, year=2030, value_min=90, value_max=100
    )
    return strategy, share, national


@pytest.fixture
def communes(thanh_hoa_today):
    return [
        AdministrativeUnit.objects.create(
            code=code,
            name=name,
            level=AdministrativeUnit.Level.COMMUNE,
            parent=thanh_hoa_today,
            valid_from=REFORM_2025_FROM,
        )
        for code, name in (("16000", "Phường Hạc Thành"), ("16001", "Xã Đông Sơn"))
    ]
