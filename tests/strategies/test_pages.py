"""Pages through the real URLs, with the real permissions."""

import pytest
from django.urls import reverse

from tests.strategies.conftest import HA_GIANG_PLAN, PLAN_2016_2020, THANH_HOA_PLAN
from tests.strategies.drafts import draft_plan

pytestmark = pytest.mark.django_db


def _plan_url(pk):
    return reverse("strategies:plan_detail", kwargs={"pk": pk})


def test_anyone_may_read_the_strategy_list_in_vietnamese(client, seeded):
    response = client.get(reverse("strategies:strategy_list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "1419/QĐ-TTg" in content
    assert "Chiến lược quốc gia về tăng trưởng xanh" in content


def test_an_anonymous_visitor_sees_the_national_targets_with_ranges_on_the_strategy_page(
    client, qd_1419
):
    response = client.get(qd_1419.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "8–13%" in content and "5–8%" in content
    assert "Giai đoạn từ năm 2016 đến năm 2020" in content
    assert "Giải pháp về đầu tư và tài chính" in content
    assert "07/09/2009" in content
    assert "5 đề án kèm theo Quyết định." in content


def test_the_indicator_catalogue_is_public(client, seeded):
    response = client.get(reverse("strategies:indicator_list"))
    assert response.status_code == 200
    assert "Do đơn vị báo cáo" in response.content.decode()


def test_an_anonymous_visitor_reads_an_issued_plan_but_not_a_draft(client, province_user, seeded):
    draft = draft_plan(province_user)

    assert client.get(_plan_url(THANH_HOA_PLAN)).status_code == 200
    assert client.get(_plan_url(draft.pk)).status_code == 404


def test_an_anonymous_visitor_lists_issued_plans_and_is_sent_to_login_from_the_agencies(
    client, province_user, seeded
):
    draft_plan(province_user, title="Kế hoạch chưa ban hành")

    plans = client.get(reverse("strategies:plan_list"))
    assert plans.status_code == 200
    assert len(plans.context["plans"]) == 6  # the five seed plans and QĐ 3529/QĐ-BCT
    assert "Kế hoạch chưa ban hành" not in plans.content.decode()
    agencies = client.get(reverse("strategies:agency_list"))
    assert agencies.status_code == 302
    assert agencies.url.startswith(reverse("accounts:login"))


def test_the_thanh_hoa_doit_reads_its_plan_with_targets_agencies_and_deadline(
    client_as, province_user, seeded
):
    response = client_as(province_user).get(_plan_url(THANH_HOA_PLAN))
    assert response.status_code == 200
    content = response.content.decode()
    assert "8–13%" in content
    assert "Ban Quản lý Khu kinh tế Nghi Sơn và các khu công nghiệp" in content
    assert "trước ngày 15/12" in content
    assert "Ngân sách Trung ương" in content
    assert "gần 150 doanh nghiệp" in content


def test_a_province_user_reads_another_provinces_issued_plan_but_not_its_draft(
    client_as, province_user, other_province_user, seeded
):
    draft = draft_plan(province_user)
    client = client_as(other_province_user)

    assert client.get(_plan_url(THANH_HOA_PLAN)).status_code == 200
    assert client.get(_plan_url(draft.pk)).status_code == 404


def test_the_ha_giang_doit_reads_its_own_plan(client_as, other_province_user, seeded):
    response = client_as(other_province_user).get(_plan_url(HA_GIANG_PLAN))
    assert response.status_code == 200
    assert "Giải pháp về công tác thi đua khen thưởng" in response.content.decode()


def test_the_ministry_reads_every_plan_including_those_of_unknown_province(
    client_as, ministry_user, seeded
):
    client = client_as(ministry_user)
    assert client.get(_plan_url(THANH_HOA_PLAN)).status_code == 200
    response = client.get(_plan_url(PLAN_2016_2020))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Chưa rõ tỉnh" in content
    # The chain shows the 2011–2015 predecessor before the current plan.
    assert content.index("2675/QĐ-UBND") < content.index('aria-current="page">2016–2020')


def test_a_province_user_reads_an_issued_plan_of_unknown_province(client_as, province_user, seeded):
    assert client_as(province_user).get(_plan_url(PLAN_2016_2020)).status_code == 200


def test_the_plan_list_holds_issued_plans_and_only_the_users_own_drafts(
    client_as, province_user, other_province_user, seeded
):
    draft_plan(province_user, title="Dự thảo của Thanh Hóa")
    draft_plan(other_province_user, title="Dự thảo của Hà Giang")

    content = client_as(province_user).get(reverse("strategies:plan_list")).content.decode()

    assert "tỉnh Thanh Hóa đến năm 2020" in content
    assert "Dự thảo của Thanh Hóa" in content
    assert "Dự thảo của Hà Giang" not in content


def test_the_ministry_plan_list_holds_the_five_seed_plans_and_its_own_plan_of_2020(
    client_as, ministry_user, seeded
):
    response = client_as(ministry_user).get(reverse("strategies:plan_list"))
    numbers = [plan.decision_number for plan in response.context["plans"]]
    assert len(numbers) == 6
    assert "3529/QĐ-BCT" in numbers


def test_a_reporting_unit_reads_issued_plans_but_not_its_provinces_draft(
    client_as, unit_user, province_user, seeded
):
    draft = draft_plan(province_user)
    client = client_as(unit_user)

    assert client.get(_plan_url(THANH_HOA_PLAN)).status_code == 200
    assert client.get(_plan_url(HA_GIANG_PLAN)).status_code == 200
    assert client.get(_plan_url(draft.pk)).status_code == 404


def test_a_user_without_a_role_sees_issued_plans_only_and_no_agency(
    client_as, outsider_user, seeded
):
    client = client_as(outsider_user)
    plans = client.get(reverse("strategies:plan_list"))
    assert plans.status_code == 200
    assert len(plans.context["plans"]) == 6  # the five seed plans and QĐ 3529/QĐ-BCT
    agencies = client.get(reverse("strategies:agency_list"))
    assert list(agencies.context["agencies"]) == []
    assert client.get(_plan_url(THANH_HOA_PLAN)).status_code == 200


def test_the_agency_list_shows_own_province_and_national_agencies(client_as, province_user, seeded):
    response = client_as(province_user).get(reverse("strategies:agency_list"))
    names = {agency.name for agency in response.context["agencies"]}
    assert {"Sở Tài chính Thanh Hóa", "Báo Thanh Hóa", "Bộ Công Thương"} <= names
    assert "Sở Công Thương Hà Giang" not in names


def test_the_ministry_agency_list_shows_every_province(client_as, ministry_user, seeded):
    response = client_as(ministry_user).get(reverse("strategies:agency_list"))
    names = {agency.name for agency in response.context["agencies"]}
    assert {"Sở Công Thương Hà Giang", "Sở Công Thương Thanh Hóa"} <= names
