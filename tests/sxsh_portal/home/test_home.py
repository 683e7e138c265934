"""The home page is the user's work by role, and every count on it is the number of lines
of the filtered list it links to."""

import pytest
from django.urls import reverse

from facilities.models import Facility
from reporting.models import ConsolidatedReport, ReportingYear, UnitReport
from strategies.models import ActionPlan
from tests.factories import UserFactory
from tests.reporting.conftest import at, make_facility

HOME = reverse("home")


@pytest.fixture
def today_4_12_2026(clock):
    clock.move_to(at(4, 12, 2026))


def work_of(response):
    return response.context["work"]


def test_a_unit_sees_this_years_report_with_days_left_and_a_returned_one_with_its_reason(
    login_as, unit_user, province_user, three_years, today_4_12_2026, dong_son_committee
):
    returned = three_years[2026, "Đông Sơn"]
    UnitReport.objects.filter(pk=returned.pk).update(
        state="returned", returned_reason="Thiếu số liệu tiết kiệm"
    )

    response = login_as(unit_user).get(HOME)

    unit = work_of(response)["unit"]
    assert [(i.report.reporting_year.year, i.days_left) for i in unit["current"]] == [(2026, 11)]
    assert [i.report.pk for i in unit["returned"]] == [returned.pk]
    assert [i.report.reporting_year.year for i in unit["last_accepted"]] == [2025]
    page = response.content.decode()
    assert "Thiếu số liệu tiết kiệm" in page
    assert "còn 11 ngày" in page
    # Only its own agency's reports.
    assert "Hoằng Hóa" not in page.split('id="work-unit"')[1].split("</section>")[0]


def test_every_count_on_the_doits_home_page_is_the_number_of_lines_it_links_to(
    login_as, province_user, three_years, today_4_12_2026, dong_son
):
    make_facility(admin_unit=dong_son, tax_code="2800000301", status=Facility.Status.PENDING)
    client = login_as(province_user)

    doit = work_of(client.get(HOME))["doit"]

    counts = [count for year in doit["years"] for count in year.counts] + [
        count for count in doit["awaiting"] if "facilities:measure" not in count.url
    ]
    assert [year.year for year in doit["years"]] == [2026, 2025, 2024]
    for count in counts:
        listed = client.get(count.url)
        context = listed.context
        lines = (context.get("reports") or context.get("page")).paginator.count
        assert (count.label, count.count) == (count.label, lines)
    # By hand: 2026 has one submitted (Đông Sơn) and one draft (Hoằng Hóa, saved).
    year_2026 = {c.label: c.count for c in doit["years"][0].counts}
    assert year_2026 == {
        "Chưa bắt đầu": 0,
        "Đang soạn": 1,
        "Đã gửi, chờ xem xét": 1,
        "Bị trả lại": 0,
        "Đã chấp nhận": 0,
    }
    assert doit["awaiting"][0].count == 1


def test_the_ministry_sees_which_provinces_have_not_sent(
    login_as, ministry_user, three_years, ha_giang, today_4_12_2026
):
    thanh_hoa_2025 = ReportingYear.objects.get(year=2025)
    ConsolidatedReport.objects.create(
        reporting_year=thanh_hoa_2025, state="submitted", submitted_at=at(20, 12, 2025)
    )
    ha_giang_plan = ActionPlan.objects.filter(province=ha_giang).first()
    if ha_giang_plan is not None:
        ReportingYear.objects.create(plan=ha_giang_plan, year=2025)
    client = login_as(ministry_user)

    ministry = work_of(client.get(HOME))["ministry"]

    by_year = {year.year: year for year in ministry["years"]}
    assert by_year[2026].missing == ["Thanh Hóa"]
    assert by_year[2026].late == []  # due 15/12/2026, today 04/12/2026
    assert by_year[2025].counts[0].count == 1
    assert "Thanh Hóa" not in by_year[2025].missing
    assert by_year[2024].late == ["Thanh Hóa"]
    sent = client.get(by_year[2025].counts[0].url).context["reports"]
    assert sent.paginator.count == 1


def test_a_facility_representative_sees_its_facility_and_the_status_to_fill(
    login_as, dong_son, today_4_12_2026
):
    from facilities.services import representative_link

    facility = make_facility(admin_unit=dong_son, tax_code="2800000401")
    user = UserFactory(username="dai-dien-co-so")
    representative_link(facility=facility, user=user)

    response = login_as(user).get(HOME)

    (item,) = work_of(response)["facilities"]
    assert item["facility"] == facility
    assert item["status_missing"] is True
    assert reverse("facilities:status_create", args=[facility.pk]) in response.content.decode()


def test_a_visitor_sees_no_work(client, db):
    assert work_of(client.get(HOME)) == {}


def test_the_home_page_needs_few_queries_for_the_doit(
    login_as, province_user, three_years, today_4_12_2026, django_assert_max_num_queries
):
    client = login_as(province_user)
    with django_assert_max_num_queries(60):
        client.get(HOME)
