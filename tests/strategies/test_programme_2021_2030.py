"""QĐ 889/QĐ-TTg (2021–2030) and the Ministry's QĐ 3529/QĐ-BCT, loaded with the seed
documents from fixtures/strategies/programme_2021_2030.json."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from strategies.models import ActionPlan, Indicator, Strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def qd_889(seeded):
    return Strategy.objects.get(number="889/QĐ-TTg")


def _targets(phase):
    return [(t.indicator.code, t.value_min, t.value_max) for t in phase.targets.all()]


def test_qd_889_is_dated_24_06_2020_with_two_phases_and_its_source_recorded(qd_889):
    assert qd_889.issued_on == datetime.date(2020, 6, 24)
    assert (qd_889.period_start, qd_889.period_end) == (2021, 2030)
    assert [(p.start_year, p.end_year) for p in qd_889.phases.all()] == [
        (2021, 2025),
        (2026, 2030),
    ]
    assert "scp.gov.vn" in qd_889.source_note
    assert "thuvienphapluat.vn" in qd_889.source_note


def test_qd_889_targets_read_as_the_text_gives_them(qd_889):
    first, second = qd_889.phases.all()
    assert _targets(first) == [
        ("industry-material-consumption-cut", Decimal(5), Decimal(8)),
        ("parks-clusters-villages-scp-aware", Decimal(70), Decimal(70)),
        ("scp-models-applied", Decimal(20), Decimal(30)),
        ("provinces-scp-lifestyle-campaigns", Decimal(80), Decimal(80)),
        ("supermarkets-eco-packaging", Decimal(85), Decimal(85)),
    ]
    assert _targets(second) == [
        ("industry-material-consumption-cut", Decimal(7), Decimal(10)),
        ("parks-clusters-villages-scp-aware", Decimal(100), Decimal(100)),
        ("provinces-scp-lifestyle-campaigns", Decimal(100), Decimal(100)),
        ("provinces-with-scp-plan", Decimal(90), Decimal(90)),
        ("supermarkets-eco-packaging", Decimal(100), Decimal(100)),
        ("scp-policy-completed", None, None),
    ]


def test_an_indicator_measured_in_both_phases_is_one_indicator(qd_889):
    cut = Indicator.objects.get(code="industry-material-consumption-cut")
    assert sorted(cut.targets.values_list("year", flat=True)) == [2025, 2030]


def test_the_ministrys_plan_3529_implements_qd_889(qd_889):
    plan = ActionPlan.objects.get(decision_number="3529/QĐ-BCT")
    assert plan.strategy == qd_889
    assert plan.issued_on == datetime.date(2020, 12, 30)
    assert (plan.period_start, plan.period_end) == (2021, 2030)
    assert plan.issuer.name == "Bộ Công Thương"
    assert "thuvienphapluat.vn" in plan.source_note


def test_qd_1419_and_qd_1393_stay_as_history(qd_889):
    assert set(Strategy.objects.values_list("number", flat=True)) == {
        "1419/QĐ-TTg",
        "1393/QĐ-TTg",
        "889/QĐ-TTg",
    }


def test_anyone_finds_qd_889_on_the_strategy_list(client, qd_889):
    content = client.get(reverse("strategies:strategy_list")).content.decode()
    assert "889/QĐ-TTg" in content
    assert "1419/QĐ-TTg" in content


def test_an_anonymous_visitor_reads_qd_889_with_its_targets_by_phase(client, qd_889):
    response = client.get(qd_889.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "24/06/2020" in content
    assert "Giai đoạn 2021 - 2025 (2021–2025)" in content
    assert "Giai đoạn 2026 - 2030 (2026–2030)" in content
    for label in ("5–8%", "7–10%", "70%", "100%", "90%", "20–30"):
        assert label in content, label
