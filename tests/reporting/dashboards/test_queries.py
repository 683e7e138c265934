"""Each dashboard runs a fixed number of SQL queries: measured on a small world, the same
bound holds once the world has more provinces' reports, units, years, facilities and
measures."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reporting import services
from tests.reporting.dashboards.test_dashboards import (
    APPLYING,
    district_committee,
    report_figures,
    showcase_measures,
)

# The shared world fixture (an explicit re-export, so the parameters below may use it).
from tests.reporting.dashboards.test_dashboards import world as world


def grow(world, plan, province_user, thanh_hoa, ha_giang):
    """Three more Thanh Hóa districts, a second year, Hà Giang sent, more case studies."""
    from tests.facilities.factories import FacilityFactory

    for code, name in (
        ("401", "huyện Nga Sơn"),
        ("402", "huyện Hà Trung"),
        ("403", "huyện Vĩnh Lộc"),
    ):
        district_committee(thanh_hoa, code, name)
    for year in (2018, 2019):
        reporting_year = services.reporting_year_open(plan=plan, year=year, actor=province_user)
        for report in reporting_year.unit_reports.filter(state="draft"):
            report_figures(report, facilities=20, aware=10, applying=5, medium_large=2)
    services.consolidated_report_submit(
        reporting_year=plan.reporting_years.get(year=2018), actor=province_user
    )
    services.consolidated_report_submit(reporting_year=world["ha_giang"], actor=province_user)
    showcase_measures(ha_giang, count=4)
    pending = FacilityFactory(
        admin_unit=district_committee(thanh_hoa, "404", "huyện Yên Định").territory
    )
    pending.status = "pending"
    pending.save()


def count(client, url, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries.captured_queries)


@pytest.fixture
def pages(world, thanh_hoa_today, dong_son_committee):
    return {
        "national": (
            reverse("dashboards:national"),
            {"year": 2019, "indicator": APPLYING, "trend_province": thanh_hoa_today.pk},
        ),
        "national_rolled_up": (
            reverse("dashboards:national"),
            {"year": 2019, "roll_up": "1"},
        ),
        "national_xlsx": (reverse("dashboards:national_xlsx"), {"year": 2019}),
        "province": (
            reverse("dashboards:province", args=[thanh_hoa_today.pk]),
            {"year": 2019},
        ),
        "unit": (reverse("dashboards:unit", args=[dong_son_committee.pk]), {}),
        "public": (reverse("dashboards:public"), {"year": 2019}),
    }


@pytest.mark.parametrize(
    "page", ["national", "national_rolled_up", "national_xlsx", "province", "unit", "public"]
)
def test_a_dashboard_runs_as_many_queries_for_a_bigger_world(
    page,
    pages,
    world,
    plan,
    province_user,
    ministry_user,
    thanh_hoa,
    ha_giang,
    client,
    django_assert_max_num_queries,
):
    client.force_login(ministry_user, backend="django.contrib.auth.backends.ModelBackend")
    url, params = pages[page]
    small = count(client, url, params)

    grow(world, plan, province_user, thanh_hoa, ha_giang)

    with django_assert_max_num_queries(small):
        response = client.get(url, params)
    assert response.status_code == 200
    print(f"{page}: {small} queries")  # reported with pytest -s


def test_the_bigger_world_really_is_bigger(world, plan, province_user, thanh_hoa, ha_giang):
    from facilities.models import Measure
    from reporting.models import UnitReport

    before = (UnitReport.objects.count(), Measure.objects.count())

    grow(world, plan, province_user, thanh_hoa, ha_giang)

    assert UnitReport.objects.count() >= before[0] + 6
    assert Measure.objects.count() == before[1] + 4
