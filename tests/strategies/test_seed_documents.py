"""The fixtures reproduce the seed documents' content exactly."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from strategies.models import ActionPlan, Strategy, Target
from strategies.services import seed_documents_load
from sxsh_portal.territory.models import Agency
from tests.factories import the_date
from tests.strategies.conftest import (
    GREEN_GROWTH_PROGRAMME,
    PLAN_2011_2015,
    PLAN_2016_2020,
)

pytestmark = pytest.mark.django_db


def _row_counts():
    models = [*apps.get_app_config("strategies").get_models(), Agency]
    return {model._meta.label: model.objects.count() for model in models}


def _values(targets):
    return [(t.indicator.code, t.value_min, t.value_max) for t in targets]


def test_loading_the_seed_documents_twice_duplicates_nothing(seeded):
    first = _row_counts()
    seed_documents_load()
    assert _row_counts() == first
    assert first["strategies.ActionPlan"] == 6  # five seed plans and the Ministry's QĐ 3529/QĐ-BCT
    assert first["strategies.Strategy"] == 3  # QĐ 1419, QĐ 1393 and QĐ 889


def test_loading_without_the_provinces_explains_what_to_load_first(db):
    with pytest.raises(ValidationError, match="Hãy nạp danh mục đơn vị hành chính"):
        seed_documents_load()


def test_qd_1419_is_dated_07_09_2009_and_has_two_phases(qd_1419):
    assert qd_1419.issued_on == the_date(7, 9, 2009)
    assert qd_1419.issuer == "Thủ tướng Chính phủ"
    assert [(p.start_year, p.end_year) for p in qd_1419.phases.all()] == [
        (2009, 2015),
        (2016, 2020),
    ]


def test_qd_1419_targets_for_2015_are_50_25_5_to_8_and_70_percent(qd_1419):
    phase = qd_1419.phases.get(end_year=2015)
    assert _values(phase.targets.all()) == [
        ("facilities-aware", Decimal(50), Decimal(50)),
        ("facilities-applying", Decimal(25), Decimal(25)),
        ("resource-saving", Decimal(5), Decimal(8)),
        ("doits-with-officer", Decimal(70), Decimal(70)),
    ]
    assert {t.year for t in phase.targets.all()} == {2015}


def test_qd_1419_targets_for_2020_are_90_50_8_to_13_90_and_90_percent(qd_1419):
    phase = qd_1419.phases.get(end_year=2020)
    assert _values(phase.targets.all()) == [
        ("facilities-aware", Decimal(90), Decimal(90)),
        ("facilities-applying", Decimal(50), Decimal(50)),
        ("resource-saving", Decimal(8), Decimal(13)),
        ("enterprises-with-unit", Decimal(90), Decimal(90)),
        ("doits-with-officer", Decimal(90), Decimal(90)),
    ]
    saving = phase.targets.get(indicator__code="resource-saving")
    assert saving.value_label == "8–13%"
    assert "tiết kiệm được từ 8 – 13% mức tiêu thụ năng lượng" in saving.text


def test_qd_1419_has_four_tasks_with_their_sub_items(qd_1419):
    tasks = qd_1419.tasks.filter(parent=None)
    assert tasks.count() == 4
    assert [task.items.count() for task in tasks] == [0, 2, 3, 0]
    assert (
        tasks[3].text
        == "Phát triển mạng lưới các tổ chức hỗ trợ sản xuất sạch hơn trong công nghiệp."
    )


def test_qd_1419_has_four_solution_groups_and_five_schemes(qd_1419):
    groups = qd_1419.solutiongroups.all()
    assert [g.title for g in groups] == [
        "Giải pháp về truyền thông, nâng cao nhận thức",
        "Giải pháp về tổ chức, quản lý và cơ chế, chính sách",
        "Giải pháp về hỗ trợ kỹ thuật, đào tạo nguồn lực và hợp tác quốc tế",
        "Giải pháp về đầu tư và tài chính",
    ]
    assert [g.items.count() for g in groups] == [3, 4, 4, 4]
    assert qd_1419.schemes.count() == 5
    assert qd_1419.schemes.filter(
        title="Nâng cao nhận thức và năng lực áp dụng sản xuất sạch hơn trong công nghiệp"
    ).exists()


def test_the_thanh_hoa_plan_runs_2017_2020_under_qd_1419(thanh_hoa_plan, thanh_hoa, qd_1419):
    assert thanh_hoa_plan.province == thanh_hoa
    assert (thanh_hoa_plan.period_start, thanh_hoa_plan.period_end) == (2017, 2020)
    assert thanh_hoa_plan.strategy == qd_1419
    # The seed gives neither the decision number nor its date: left unknown.
    assert thanh_hoa_plan.decision_number == ""
    assert thanh_hoa_plan.issued_on is None


def test_the_thanh_hoa_plan_reviews_2_workshops_6_trainings_and_about_150_enterprises(
    thanh_hoa_plan,
):
    figures = {f.indicator.code: f for f in thanh_hoa_plan.review_figures.all()}
    assert figures["workshops-held"].value == 2
    assert figures["trainings-held"].value == 6
    assert figures["enterprises-trained"].value == 150
    assert figures["enterprises-trained"].is_approximate
    assert "Chế biến thủy hải sản, nông sản, thực phẩm" in thanh_hoa_plan.background


def test_the_thanh_hoa_targets_localise_the_national_2020_targets(thanh_hoa_plan):
    targets = {t.indicator.code: t for t in thanh_hoa_plan.targets.all()}
    assert targets["resource-saving"].value_label == "8–13%"
    assert targets["resource-saving"].localises.phase.end_year == 2020
    assert targets["facilities-aware"].localises.value_min == 90
    assert targets["officers-trained"].value_label == "100%"
    assert targets["support-unit-established"].value_min is None
    assert (
        "Trung tâm Khuyến công và Tiết kiệm năng lượng" in targets["support-unit-established"].text
    )


def test_the_thanh_hoa_plan_assigns_8_agencies_with_their_duties(thanh_hoa_plan):
    assignments = thanh_hoa_plan.assignments.all()
    assert assignments.count() == 8
    assert [a.assignee for a in assignments][:2] == ["Sở Công thương", "Sở Khoa học và Công nghệ"]
    media = assignments.get(position=7)
    assert sorted(a.name for a in media.agencies.all()) == [
        "Báo Thanh Hóa",
        "Đài Phát thanh và Truyền hình tỉnh Thanh Hóa",
    ]
    assert assignments.get(position=5).agencies.get().kind == Agency.Kind.ZONE_BOARD
    assert assignments.get(position=4).duties.startswith("Chủ trì, phối hợp với Sở Công thương")


def test_the_thanh_hoa_plan_has_four_funding_sources(thanh_hoa_plan):
    assert [s.kind for s in thanh_hoa_plan.funding_sources.all()] == [
        "central_budget",
        "provincial_budget",
        "enterprise",
        "aid_and_other",
    ]


def test_thanh_hoa_districts_report_to_the_doit_before_15_december(thanh_hoa_plan):
    rule = thanh_hoa_plan.reporting_rule
    assert (rule.deadline_day, rule.deadline_month) == (15, 12)
    assert rule.deadline_label == "15/12"
    assert rule.recipient.name == "Sở Công Thương Thanh Hóa"
    assert rule.recipient.kind == Agency.Kind.DOIT
    assert sorted(a.name for a in rule.forwarded_to.all()) == [
        "Bộ Công Thương",
        "Ủy ban nhân dân tỉnh Thanh Hóa",
    ]
    assert rule.reporting_unit_kind == Agency.Kind.DISTRICT_COMMITTEE


def test_the_ha_giang_plan_was_issued_on_11_05_2016_with_its_own_target(ha_giang_plan, ha_giang):
    assert ha_giang_plan.province == ha_giang
    assert ha_giang_plan.issued_on == the_date(11, 5, 2016)
    trained = ha_giang_plan.targets.get(indicator__code="enterprises-with-trained-staff")
    assert trained.value_label == "50%"
    assert trained.text == "50% doanh nghiệp có cán bộ kỹ thuật được tập huấn về SXSH"
    officer = ha_giang_plan.targets.get(indicator__code="doit-has-officer")
    assert officer.value_min is None
    assert officer.localises.indicator.code == "doits-with-officer"
    assert ha_giang_plan.tasks.filter(parent=None).count() == 4
    awards = ha_giang_plan.solutiongroups.get(title="Giải pháp về công tác thi đua khen thưởng")
    assert awards.items.get().text.startswith("Khen thưởng các cá nhân, đơn vị có thành tích")


def test_seed_002_chains_the_2011_2015_plan_to_the_2016_2020_plan(seeded):
    earlier = ActionPlan.objects.get(pk=PLAN_2011_2015)
    later = ActionPlan.objects.get(pk=PLAN_2016_2020)
    assert later.predecessor == earlier
    assert earlier.decision_number == "2675/QĐ-UBND"
    assert earlier.issued_on == the_date(9, 12, 2010)
    assert (earlier.period_start, earlier.period_end, later.period_start, later.period_end) == (
        2011,
        2015,
        2016,
        2020,
    )
    assert (later.received_number, later.received_on) == ("1918", the_date(2, 3, 2016))
    # Seed 002 never names its province: recorded as unknown, not guessed.
    assert earlier.province is None and later.province is None


def test_the_green_growth_programme_sets_range_targets_under_qd_1393(seeded):
    programme = ActionPlan.objects.get(pk=GREEN_GROWTH_PROGRAMME)
    assert programme.strategy == Strategy.objects.get(number="1393/QĐ-TTg")
    assert programme.strategy.issued_on == the_date(25, 9, 2012)
    assert programme.province is None
    ranges = [(t.value_min, t.value_max) for t in programme.targets.all()]
    assert ranges == [(40, 45), (70, 75), (30, 40)]
    assert [t.value_label for t in programme.targets.all()] == ["40–45%", "70–75%", "30–40%"]
    assert all(t.year == 2020 for t in programme.targets.all())


def test_every_plan_target_localises_only_national_targets(seeded):
    localised = Target.objects.filter(localises__isnull=False)
    assert localised.count() == 8
    assert not localised.filter(localises__phase__isnull=True).exists()


def test_a_reporting_deadline_must_be_a_real_day_of_the_year(thanh_hoa_plan):
    rule = thanh_hoa_plan.reporting_rule
    rule.deadline_day, rule.deadline_month = 31, 2
    with pytest.raises(ValidationError, match="Tháng 2 không có ngày 31"):
        rule.full_clean()


def test_the_management_command_loads_the_seed_documents(thanh_hoa, ha_giang):
    call_command("load_seed_documents", verbosity=0)
    assert ActionPlan.objects.count() == 6


def test_the_management_command_fails_clearly_without_provinces(db):
    with pytest.raises(CommandError, match="Chưa có các tỉnh \\(mã 02, 38"):
        call_command("load_seed_documents", verbosity=0)
