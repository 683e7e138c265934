"""Writing programmes and plans in the portal: through the real pages and the services.

Figures are set by hand in each test; every refusal is checked to leave the rows as they
were and to say what is wrong in Vietnamese.
"""

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
from strategies.models import ActionPlan, Indicator, Phase, PlanVersion, Strategy, Target
from sxsh_portal.territory.models import REFORM_2025_FROM, AdministrativeUnit, Agency
from tests.strategies.drafts import draft_plan

pytestmark = pytest.mark.django_db


def formset_data(rows: list[dict], *, initial: int = 0) -> dict:
    """A modelformset's POST body (prefix "form") from the rows' field values."""
    data = {
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": str(initial),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"form-{index}-{name}"] = value
    return data


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
        unit=Indicator.Unit.PERCENT,
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


def _plan_with_content(province_user, programme, communes):
    strategy, share, national = programme
    plan = draft_plan(province_user, strategy=strategy)
    plan.decision_number, plan.issued_on, plan.signer = (
        "100/QĐ-UBND",
        datetime.date(2026, 2, 1),
        "Phó Chủ tịch",
    )
    plan.save()
    plans.plan_targets_save(
        plan=plan,
        actor=province_user,
        rows=[
            Row(
                instance=None,
                values={
                    "indicator": share,
                    "localises": national,
                    "year": 2030,
                    "value_min": Decimal(90),
                    "value_max": None,
                    "baseline_year": 2025,
                    "baseline_value": Decimal("42.5"),
                    "text": "",
                },
            )
        ],
    )
    plans.plan_tasks_save(
        plan=plan,
        actor=province_user,
        rows=[Row(instance=None, values={"label": "1", "text": "Tuyên truyền", "duties": ""})],
    )
    plans.plan_reporting_units_set(plan=plan, actor=province_user, agencies=[], all_communes=True)
    return plan


# ------------------------------------------------------------------ the Ministry's programmes


def test_the_ministry_creates_a_programme_then_its_two_phases_and_a_range_target(
    client_as, ministry_user, thanh_hoa
):
    client = client_as(ministry_user)
    Indicator.objects.create(
        code="tieu-hao",
        name="Mức tiêu hao nguyên liệu",
        unit="percent",
        source="reported",
        numerator="Mức giảm",
        denominator="Mức năm gốc",
    )
    response = client.post(
        reverse("strategies:programme_create"),
        {
            "number": "889/QĐ-TTg",
            "title": "Chương trình hành động quốc gia về sản xuất và tiêu dùng bền vững",
            "issuer": "Thủ tướng Chính phủ",
            "issued_on": "24/06/2020",
            "signer": "Phó Thủ tướng",
            "period_start": "2021",
            "period_end": "2030",
        },
    )
    strategy = Strategy.objects.get(number="889/QĐ-TTg")
    assert response.status_code == 302
    assert strategy.issued_on == datetime.date(2020, 6, 24)

    client.post(
        reverse("strategies:programme_section", kwargs={"pk": strategy.pk, "section": "giai-doan"}),
        formset_data(
            [
                {"name": "Giai đoạn 2021–2025", "start_year": "2021", "end_year": "2025"},
                {"name": "Giai đoạn 2026–2030", "start_year": "2026", "end_year": "2030"},
            ]
        ),
    )
    first, second = strategy.phases.order_by("start_year")
    indicator = Indicator.objects.get(code="tieu-hao")
    response = client.post(
        reverse("strategies:programme_section", kwargs={"pk": strategy.pk, "section": "muc-tieu"}),
        formset_data(
            [
                {
                    "phase": first.pk,
                    "indicator": indicator.pk,
                    "year": "2025",
                    "value_min": "5",
                    "value_max": "8",
                },
                {
                    "phase": second.pk,
                    "indicator": indicator.pk,
                    "year": "2030",
                    "value_min": "7",
                    "value_max": "10",
                },
            ]
        ),
    )

    assert response.status_code == 302
    page = client.get(strategy.get_absolute_url()).content.decode()
    assert "5–8%" in page and "7–10%" in page
    assert strategy.phases.count() == 2
    assert first.history.first().history_user == ministry_user


def test_a_national_target_outside_its_phase_is_refused_and_nothing_is_saved(
    client_as, ministry_user, programme
):
    strategy, share, _national = programme
    first = strategy.phases.get(start_year=2021)
    before = Target.objects.count()

    response = client_as(ministry_user).post(
        reverse("strategies:programme_section", kwargs={"pk": strategy.pk, "section": "muc-tieu"}),
        formset_data(
            [
                {"phase": first.pk, "indicator": share.pk, "year": "2024", "value_min": "50"},
                {"phase": first.pk, "indicator": share.pk, "year": "2029", "value_min": "60"},
            ]
        ),
    )

    assert response.status_code == 200
    assert "Dòng 2: Năm của mục tiêu phải trong giai đoạn 2021–2025." in response.content.decode()
    assert Target.objects.count() == before


def test_a_percent_target_above_one_hundred_gets_a_vietnamese_message(
    client_as, ministry_user, programme
):
    strategy, share, _national = programme
    first = strategy.phases.get(start_year=2021)

    response = client_as(ministry_user).post(
        reverse("strategies:programme_section", kwargs={"pk": strategy.pk, "section": "muc-tieu"}),
        formset_data(
            [{"phase": first.pk, "indicator": share.pk, "year": "2025", "value_min": "120"}]
        ),
    )

    assert "phải nằm trong khoảng từ 0 đến 100%" in response.content.decode()


def test_a_share_indicator_must_name_its_numerator_and_denominator(client_as, ministry_user):
    response = client_as(ministry_user).post(
        reverse("strategies:indicator_create"),
        {"code": "ty-le-moi", "name": "Tỷ lệ mới", "unit": "percent", "source": "computed"},
    )

    assert response.status_code == 200
    assert "Chỉ tiêu tỷ lệ phải nêu rõ tử số và mẫu số." in response.content.decode()
    assert not Indicator.objects.filter(code="ty-le-moi").exists()


def test_a_doit_cannot_open_the_national_programme_editor(client_as, province_user, programme):
    strategy, _share, _national = programme
    url = reverse("strategies:programme_section", kwargs={"pk": strategy.pk, "section": "muc-tieu"})
    assert client_as(province_user).get(url).status_code == 404


# ------------------------------------------------------------------ the DOIT's plan


def test_a_doit_writes_a_draft_plan_through_the_page_with_the_reporting_deadline(
    client_as, province_user, programme
):
    strategy, _share, _national = programme
    response = client_as(province_user).post(
        reverse("strategies:plan_create"),
        {
            "kind": "plan",
            "title": "Kế hoạch thực hiện Chương trình thử",
            "strategy": strategy.pk,
            "period_start": "2026",
            "period_end": "2030",
            "deadline_day": "15",
            "deadline_month": "12",
        },
    )

    plan = ActionPlan.objects.get(title="Kế hoạch thực hiện Chương trình thử")
    assert response.status_code == 302
    assert plan.status == ActionPlan.Status.DRAFT
    assert plan.province.valid_to is None
    assert plan.reporting_rule.deadline_label == "15/12"
    assert plan.history.first().history_user == province_user


def test_a_deadline_of_31_february_is_refused_in_vietnamese(client_as, province_user, programme):
    strategy, _share, _national = programme
    response = client_as(province_user).post(
        reverse("strategies:plan_create"),
        {
            "kind": "plan",
            "title": "Kế hoạch hạn sai",
            "strategy": strategy.pk,
            "period_start": "2026",
            "period_end": "2030",
            "deadline_day": "31",
            "deadline_month": "2",
        },
    )

    assert "Tháng 2 không có ngày 31." in response.content.decode()
    # The plan and its rule are written together or not at all.
    assert not ActionPlan.objects.filter(title="Kế hoạch hạn sai").exists()


def test_a_plan_target_without_its_baseline_is_refused_row_by_row(
    client_as, province_user, programme
):
    strategy, share, national = programme
    plan = draft_plan(province_user, strategy=strategy)
    url = reverse("strategies:plan_section", kwargs={"pk": plan.pk, "section": "muc-tieu"})

    response = client_as(province_user).post(
        url,
        formset_data(
            [
                {
                    "indicator": share.pk,
                    "localises": national.pk,
                    "year": "2030",
                    "value_min": "90",
                    "baseline_year": "2025",
                    "baseline_value": "40",
                },
                {"indicator": share.pk, "year": "2028", "value_min": "80"},
            ]
        ),
    )

    content = response.content.decode()
    assert "Dòng 2: Hãy nhập năm cơ sở của mục tiêu (theo kế hoạch)." in content
    assert not plan.targets.exists()


def test_a_target_id_of_another_plan_cannot_be_rewritten_through_this_plans_page(
    client_as, province_user, other_province_user, programme
):
    strategy, share, _national = programme
    other = draft_plan(other_province_user, strategy=strategy)
    foreign = Target.objects.create(
        plan=other, indicator=share, year=2030, value_min=1, value_max=1
    )
    plan = draft_plan(province_user, strategy=strategy)
    url = reverse("strategies:plan_section", kwargs={"pk": plan.pk, "section": "muc-tieu"})

    client_as(province_user).post(
        url,
        formset_data(
            [
                {
                    "id": foreign.pk,
                    "indicator": share.pk,
                    "year": "2030",
                    "value_min": "99",
                    "baseline_year": "2025",
                    "baseline_value": "1",
                }
            ],
            initial=1,
        ),
    )

    foreign.refresh_from_db()
    assert foreign.value_min == 1 and foreign.plan == other


def test_a_doit_cannot_edit_another_provinces_plan(
    client_as, other_province_user, province_user, programme
):
    plan = draft_plan(province_user, strategy=programme[0])
    for name in ("strategies:plan_edit", "strategies:plan_units"):
        assert (
            client_as(other_province_user).get(reverse(name, kwargs={"pk": plan.pk})).status_code
            == 404
        )


def test_tasks_carry_a_lead_agency_coordinating_agencies_and_duties(
    client_as, province_user, programme, thanh_hoa_today
):
    plan = draft_plan(province_user, strategy=programme[0])
    finance = Agency.objects.create(
        name="Sở Tài chính", kind="department", province=thanh_hoa_today
    )
    science = Agency.objects.create(
        name="Sở Khoa học và Công nghệ", kind="department", province=thanh_hoa_today
    )
    url = reverse("strategies:plan_section", kwargs={"pk": plan.pk, "section": "nhiem-vu"})

    client_as(province_user).post(
        url,
        formset_data(
            [
                {
                    "label": "1",
                    "text": "Hỗ trợ doanh nghiệp",
                    "lead_agency": finance.pk,
                    "coordinating_agencies": [science.pk],
                    "duties": "Bố trí kinh phí",
                }
            ]
        ),
    )

    task = plan.tasks.get()
    assert task.lead_agency == finance
    assert list(task.coordinating_agencies.all()) == [science]
    assert task.duties == "Bố trí kinh phí"


def test_funding_by_source_and_year_refuses_a_year_outside_the_plan(province_user, programme):
    plan = draft_plan(province_user, strategy=programme[0])
    rows = [
        Row(
            instance=None,
            values={
                "kind": "provincial_budget",
                "year": 2026,
                "amount": Decimal(500_000_000),
                "text": "",
            },
        ),
        Row(
            instance=None,
            values={"kind": "enterprise", "year": 2035, "amount": Decimal(1), "text": ""},
        ),
    ]

    with pytest.raises(ValidationError) as refused:
        plans.plan_funding_save(plan=plan, actor=province_user, rows=rows)

    assert refused.value.messages == [
        "Dòng 2: Năm kinh phí phải trong giai đoạn 2026–2030 của kế hoạch."
    ]
    assert not plan.funding_sources.exists()


def test_every_commune_and_ward_of_today_becomes_a_reporting_unit(
    province_user, programme, communes
):
    plan = draft_plan(province_user, strategy=programme[0])

    plans.plan_reporting_units_set(plan=plan, actor=province_user, agencies=[], all_communes=True)
    plans.plan_reporting_units_set(plan=plan, actor=province_user, agencies=[], all_communes=True)

    names = sorted(plan.reporting_rule.reporting_units.values_list("name", flat=True))
    assert names == ["UBND phường Hạc Thành", "UBND xã Đông Sơn"]


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
    plan = _plan_with_content(province_user, programme, communes)
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
    plan = _plan_with_content(province_user, programme, communes)
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
    plan = _plan_with_content(province_user, programme, communes)
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


# ------------------------------------------------------------------ carry-over across 2025


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
    plan = _plan_with_content(province_user, programme, communes)
    plans.plan_issue(plan=plan, actor=province_user)

    url = reverse("strategies:plan_carry_over", kwargs={"pk": plan.pk})
    assert client_as(province_user).get(url).status_code == 404


def test_another_province_cannot_carry_over_thanh_hoas_plan(
    client_as, other_province_user, thanh_hoa_plan
):
    url = reverse("strategies:plan_carry_over", kwargs={"pk": thanh_hoa_plan.pk})
    assert client_as(other_province_user).get(url).status_code == 404


def test_solution_groups_keep_their_solutions_one_per_line(client_as, ministry_user, programme):
    strategy = programme[0]
    url = reverse(
        "strategies:programme_section", kwargs={"pk": strategy.pk, "section": "giai-phap"}
    )

    client_as(ministry_user).post(
        url,
        formset_data(
            [
                {"label": "1", "title": "Giải pháp về cơ chế", "items_text": "Rà soát\n\nBan hành"},
                {"label": "2", "title": "Giải pháp về tài chính", "items_text": "Bố trí vốn"},
            ]
        ),
    )

    groups = list(strategy.solutiongroups.order_by("position"))
    assert [[item.text for item in group.items.all()] for group in groups] == [
        ["Rà soát", "Ban hành"],
        ["Bố trí vốn"],
    ]


def test_the_signed_decision_must_be_a_pdf(client_as, province_user, programme):
    from django.core.files.uploadedfile import SimpleUploadedFile

    plan = draft_plan(province_user, strategy=programme[0])
    fake = SimpleUploadedFile("qd.pdf", b"MZ not a pdf", content_type="application/pdf")

    response = client_as(province_user).post(
        reverse("strategies:plan_edit", kwargs={"pk": plan.pk}),
        {
            "kind": "plan",
            "title": plan.title,
            "strategy": programme[0].pk,
            "period_start": "2026",
            "period_end": "2030",
            "deadline_day": "15",
            "deadline_month": "12",
            "signed_file": fake,
        },
    )

    assert "Văn bản đã ký phải là tệp PDF." in response.content.decode()
    plan.refresh_from_db()
    assert not plan.signed_file


def test_vietnamese_decimals_are_read_in_plan_targets(client_as, province_user, programme):
    strategy, share, national = programme
    plan = draft_plan(province_user, strategy=strategy)
    url = reverse("strategies:plan_section", kwargs={"pk": plan.pk, "section": "muc-tieu"})

    client_as(province_user).post(
        url,
        formset_data(
            [
                {
                    "indicator": share.pk,
                    "localises": national.pk,
                    "year": "2030",
                    "value_min": "92,5",
                    "baseline_year": "2025",
                    "baseline_value": "41,25",
                }
            ]
        ),
    )

    target = plan.targets.get()
    assert (target.value_min, target.value_max, target.baseline_value) == (
        Decimal("92.5"),
        Decimal("92.5"),
        Decimal("41.25"),
    )


def test_an_amendment_cannot_delete_a_task_units_already_report_on(
    province_user, programme, communes
):
    plan = _plan_with_content(province_user, programme, communes)
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


def test_a_plan_may_implement_a_second_programme_but_not_name_its_main_one_twice(
    client_as, province_user, qd_1419, programme
):
    # The seed documents first: they carry fixed primary keys.
    strategy = programme[0]
    data = {
        "kind": "plan",
        "title": "Kế hoạch hai chương trình",
        "strategy": strategy.pk,
        "period_start": "2026",
        "period_end": "2030",
        "deadline_day": "15",
        "deadline_month": "12",
    }
    client = client_as(province_user)

    refused = client.post(
        reverse("strategies:plan_create"), {**data, "other_strategies": [strategy.pk]}
    )
    ok = client.post(reverse("strategies:plan_create"), {**data, "other_strategies": [qd_1419.pk]})
    assert ok.status_code == 302, ok.content.decode()[-3000:]

    assert "Chương trình chính không cần chọn lại ở mục này." in refused.content.decode()
    plan = ActionPlan.objects.get(title="Kế hoạch hai chương trình")
    assert list(plan.other_strategies.all()) == [qd_1419]
    assert qd_1419.number in client.get(plan.get_absolute_url()).content.decode()
