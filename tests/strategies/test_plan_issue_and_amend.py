"""Issuing a plan, reporting under it, amending it with every version kept, and carrying a
pre-2025 plan over to today's province."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from reporting.forms import OpenYearForm
from reporting.services import reporting_year_open
from strategies.authoring import plans
from strategies.authoring.rows import Row
from strategies.models import ActionPlan, PlanVersion
from tests.strategies.authoring_helpers import plan_with_content
from tests.strategies.drafts import draft_plan

pytestmark = pytest.mark.django_db


def test_an_empty_draft_cannot_be_issued_and_says_what_is_missing(province_user, programme):
    plan = draft_plan(province_user, strategy=programme[0])

    with pytest.raises(ValidationError) as refused:
        plans.plan_issue(plan=plan, actor=province_user)

    assert "Hãy nhập số quyết định ban hành kế hoạch." in refused.value.messages
    assert "Kế hoạch chưa có đơn vị báo cáo." in refused.value.messages
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.DRAFT


def test_an_issued_plan_opens_this_years_reports_due_on_15_december(
    province_user, programme, communes
):
    plan = plan_with_content(province_user, programme, communes)
    plans.plan_issue(plan=plan, actor=province_user)
    this_year = timezone.localdate().year

    reporting_year = reporting_year_open(plan=plan, year=this_year, actor=province_user)

    due = set(reporting_year.unit_reports.values_list("due_date", flat=True))
    assert reporting_year.unit_reports.count() == 2
    assert due == {datetime.date(this_year, 12, 15)}


def test_the_open_year_form_offers_the_plans_years_up_to_the_current_year_only(
    province_user, programme
):
    plan = draft_plan(province_user, strategy=programme[0])
    plan.period_start, plan.period_end = 2021, 2030
    plan.save()
    this_year = timezone.localdate().year

    years = [year for year, _label in OpenYearForm(plan=plan).fields["year"].choices]

    assert years == list(range(2021, min(2030, this_year) + 1))


def test_an_issued_plan_changes_only_through_an_amendment_that_keeps_both_versions(
    client, province_user, programme, communes
):
    plan = plan_with_content(province_user, programme, communes)
    plans.plan_issue(plan=plan, actor=province_user)
    target = plan.targets.get()

    with pytest.raises(ValidationError):
        plans.plan_targets_save(
            plan=plan, actor=province_user, rows=[Row(instance=target, values={}, delete=True)]
        )

    plans.plan_amendment_start(plan=plan, actor=province_user)
    # While the amendment is drafted, readers keep the issued text.
    assert client.get(plan.get_absolute_url()).url == reverse(
        "strategies:plan_version", kwargs={"pk": plan.pk, "number": 1}
    )
    row = Row(
        instance=target,
        values={
            "indicator": target.indicator,
            "localises": target.localises,
            "year": 2030,
            "value_min": Decimal(95),
            "value_max": Decimal(95),
            "baseline_year": 2025,
            "baseline_value": Decimal("42.5"),
            "text": "",
        },
    )
    plans.plan_targets_save(plan=plan, actor=province_user, rows=[row])
    plans.plan_amendment_issue(
        plan=plan,
        actor=province_user,
        decision_number="200/QĐ-UBND",
        decided_on=datetime.date(2026, 9, 1),
        changes="Nâng mục tiêu 2030 lên 95%",
    )

    first, second = PlanVersion.objects.filter(plan=plan).order_by("number")
    assert first.snapshot["targets"][0]["value"] == "90%"
    assert second.snapshot["targets"][0]["value"] == "95%"
    assert second.kind == PlanVersion.Kind.AMENDMENT
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "100/QĐ-UBND" in page and "200/QĐ-UBND" in page
    assert "Nâng mục tiêu 2030 lên 95%" in page
    old = client.get(first.get_absolute_url()).content.decode()
    assert "90%" in old and "42,5" in old


def test_an_amendment_needs_a_new_number_a_date_not_before_the_last_and_what_changed(
    province_user, programme, communes
):
    plan = plan_with_content(province_user, programme, communes)
    plans.plan_issue(plan=plan, actor=province_user)
    plans.plan_amendment_start(plan=plan, actor=province_user)

    with pytest.raises(ValidationError) as refused:
        plans.plan_amendment_issue(
            plan=plan,
            actor=province_user,
            decision_number="100/QĐ-UBND",
            decided_on=datetime.date(2025, 1, 1),
            changes="  ",
        )

    assert set(refused.value.messages) == {
        "Hãy ghi rõ nội dung điều chỉnh.",
        "Ngày điều chỉnh không được trước ngày của phiên bản trước (01/02/2026).",
        "Số quyết định này đã được dùng cho một phiên bản của kế hoạch.",
    }
    assert plan.versions.count() == 1


def test_a_2017_plan_is_carried_over_to_todays_communes_in_one_step_keeping_its_indicators(
    client_as, province_user, thanh_hoa_plan, dong_son_committee, communes, programme
):
    strategy = programme[0]
    old_targets = list(thanh_hoa_plan.targets.order_by("pk"))
    url = reverse("strategies:plan_carry_over", kwargs={"pk": thanh_hoa_plan.pk})

    response = client_as(province_user).post(
        url,
        {
            "title": "Kế hoạch sản xuất sạch hơn tỉnh Thanh Hóa 2026–2030",
            "strategy": strategy.pk,
            "period_start": "2026",
            "period_end": "2030",
            "targets": [target.pk for target in old_targets],
            "tasks": list(thanh_hoa_plan.tasks.filter(parent=None).values_list("pk", flat=True)),
            "all_communes": "on",
        },
    )

    new = ActionPlan.objects.get(title="Kế hoạch sản xuất sạch hơn tỉnh Thanh Hóa 2026–2030")
    assert response.status_code == 302
    assert new.status == ActionPlan.Status.DRAFT
    assert new.predecessor == thanh_hoa_plan
    assert new.province.valid_to is None and new.province.code == "38"
    assert [t.indicator_id for t in new.targets.order_by("position")] == [
        t.indicator_id for t in old_targets
    ]
    assert {t.year for t in new.targets.all()} == {2030}
    assert new.tasks.count() == thanh_hoa_plan.tasks.filter(parent=None).count()
    units = set(new.reporting_rule.reporting_units.values_list("name", flat=True))
    assert units == {"UBND phường Hạc Thành", "UBND xã Đông Sơn"}
    assert new.reporting_rule.deadline_label == "15/12"
    # Baselines are the new plan's to state: issuing waits for them.
    assert not new.targets.filter(baseline_year__isnull=False).exists()


def test_a_plan_issued_after_the_reform_is_not_offered_for_carry_over(
    client_as, province_user, programme, communes
):
    plan = plan_with_content(province_user, programme, communes)
    plans.plan_issue(plan=plan, actor=province_user)

    url = reverse("strategies:plan_carry_over", kwargs={"pk": plan.pk})
    assert client_as(province_user).get(url).status_code == 404


def test_another_province_cannot_carry_over_thanh_hoas_plan(
    client_as, other_province_user, thanh_hoa_plan
):
    url = reverse("strategies:plan_carry_over", kwargs={"pk": thanh_hoa_plan.pk})
    assert client_as(other_province_user).get(url).status_code == 404


def test_an_amendment_cannot_delete_a_task_units_already_report_on(
    province_user, programme, communes
):
    plan = plan_with_content(province_user, programme, communes)
    task = plan.tasks.get()
    task.lead_agency = plan.reporting_rule.reporting_units.order_by("name").first()
    task.save()
    plans.plan_issue(plan=plan, actor=province_user)
    reporting_year_open(plan=plan, year=timezone.localdate().year, actor=province_user)
    plans.plan_amendment_start(plan=plan, actor=province_user)

    with pytest.raises(ValidationError) as refused:
        plans.plan_tasks_save(
            plan=plan, actor=province_user, rows=[Row(instance=task, values={}, delete=True)]
        )

    assert refused.value.messages == [
        "Không xóa được “1 Tuyên truyền”: đã có báo cáo dùng đến dòng này."
    ]
    assert plan.tasks.filter(pk=task.pk).exists()
