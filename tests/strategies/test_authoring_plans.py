"""A DOIT writes its draft plan: every section, every refusal in Vietnamese, nothing
half-saved."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from strategies.authoring import plans
from strategies.authoring.rows import Row
from strategies.models import ActionPlan, Target
from sxsh_portal.territory.models import Agency
from tests.strategies.authoring_helpers import formset_data
from tests.strategies.drafts import draft_plan

pytestmark = pytest.mark.django_db


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


def test_two_doit_staff_editing_one_draft_never_overwrite_each_other(
    province_user, programme, thanh_hoa_doit
):
    from django.test import Client

    from sxsh_portal.accounts.models import RoleAssignment
    from tests.factories import RoleAssignmentFactory, UserFactory

    strategy, _share, _national = programme
    plan = draft_plan(province_user, strategy=strategy)
    colleague = UserFactory(username="so-ct-thanh-hoa-2")
    RoleAssignmentFactory(user=colleague, role=RoleAssignment.Role.PROVINCE, agency=thanh_hoa_doit)
    url = reverse("strategies:plan_edit", args=[plan.pk])
    first, second = Client(), Client()
    first.force_login(province_user, backend="django.contrib.auth.backends.ModelBackend")
    second.force_login(colleague, backend="django.contrib.auth.backends.ModelBackend")
    version = first.get(url).context["form"].initial["version"]
    assert second.get(url).context["form"].initial["version"] == version

    def save(client, title, version):
        return client.post(
            url,
            {
                "kind": "plan",
                "title": title,
                "strategy": strategy.pk,
                "period_start": "2026",
                "period_end": "2030",
                "deadline_day": "15",
                "deadline_month": "12",
                "version": version,
            },
        )

    saved = save(first, "Kế hoạch do cán bộ thứ nhất sửa", version)
    stale = save(second, "Kế hoạch do cán bộ thứ hai sửa", version)

    assert saved.status_code == 302
    assert stale.status_code == 200
    assert "đã được thay đổi" in stale.content.decode()
    assert "Kế hoạch do cán bộ thứ hai sửa" in stale.content.decode()  # what was typed stays
    plan.refresh_from_db()
    assert plan.title == "Kế hoạch do cán bộ thứ nhất sửa"


def test_two_doit_staff_adding_targets_from_the_same_page_never_overwrite_each_other(
    client_as, province_user, programme
):
    strategy, share, national = programme
    plan = draft_plan(province_user, strategy=strategy)
    url = reverse("strategies:plan_section", kwargs={"pk": plan.pk, "section": "muc-tieu"})
    client = client_as(province_user)
    rendered = re.search(
        r'name="section_version" value="(\d+)"', client.get(url).content.decode()
    ).group(1)

    def target(value):
        return {
            "indicator": share.pk,
            "localises": national.pk,
            "year": "2030",
            "value_min": value,
            "baseline_year": "2025",
            "baseline_value": "40",
        }

    first = client.post(url, {**formset_data([target("90")]), "section_version": rendered})
    second = client.post(url, {**formset_data([target("95")]), "section_version": rendered})

    assert first.status_code == 302
    assert second.status_code == 200
    assert "đã được thay đổi" in second.content.decode()
    assert [t.value_min for t in plan.targets.all()] == [Decimal("90")]


def test_two_doit_staff_choosing_reporting_units_from_the_same_page_never_overwrite_each_other(
    province_user, programme, thanh_hoa_doit, dong_son_committee, communes
):
    from django.test import Client

    from sxsh_portal.accounts.models import RoleAssignment
    from tests.factories import RoleAssignmentFactory, UserFactory

    plan = draft_plan(province_user, strategy=programme[0])
    colleague = UserFactory(username="so-ct-thanh-hoa-2")
    RoleAssignmentFactory(user=colleague, role=RoleAssignment.Role.PROVINCE, agency=thanh_hoa_doit)
    url = reverse("strategies:plan_units", args=[plan.pk])
    first, second = Client(), Client()
    first.force_login(province_user, backend="django.contrib.auth.backends.ModelBackend")
    second.force_login(colleague, backend="django.contrib.auth.backends.ModelBackend")
    version = first.get(url).context["form"].initial["version"]
    assert second.get(url).context["form"].initial["version"] == version

    saved = first.post(url, {"agencies": [dong_son_committee.pk], "version": version})
    stale = second.post(url, {"all_communes": "on", "version": version})

    assert saved.status_code == 302
    assert stale.status_code == 200
    assert "đã được thay đổi" in stale.content.decode()
    assert stale.context["form"].data["all_communes"] == "on"  # what was typed stays
    assert list(plan.reporting_rule.reporting_units.all()) == [dong_son_committee]


def test_a_posted_row_count_of_millions_on_a_plan_section_builds_no_more_than_twenty_new_rows(
    client_as, province_user, programme
):
    strategy, _share, _national = programme
    plan = draft_plan(province_user, strategy=strategy)
    tasks = plan.tasks.count()
    url = reverse("strategies:plan_section", kwargs={"pk": plan.pk, "section": "nhiem-vu"})
    body = {**formset_data([]), "form-TOTAL_FORMS": "9" * 40}

    response = client_as(province_user).post(url, body)

    assert response.status_code == 200
    page = response.content.decode()
    assert f"Một lần lưu nhận tối đa {tasks + 20} dòng." in page
    assert page.count('class="border rounded p-3 mb-3 formset-row"') == tasks + 20
    assert plan.tasks.count() == tasks
