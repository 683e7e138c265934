"""Every API endpoint, for every role, with a real personal token, on a Thanh Hóa object:
the answer declared once. Another province's object answers 404 and never appears in a list.

`ENDPOINTS` also declares the API's URL names to the project-wide permission matrix, which
fails on a URL nobody declared.
"""

import pytest
from django.urls import reverse

from tests.access_cases import (
    FORBIDDEN,
    NOT_FOUND,
    ROLES,
    UNAUTHORISED,
    AccessCase,
    everyone,
    world_of_the_module,
)
from tests.api_support import api_as
from tests.people import users_of_every_role

# Roles that must never see a Thanh Hóa object of a list that is not public.
LEAK_CHECKED = ("other_province", "anonymous", "outsider")


def api_case(name, expect, obj=None, method="get", body=None, listed=None):
    """An API case: `obj` is the Thanh Hóa object behind the URL (world -> object), `body` the
    request's JSON, `listed` (lists) the object other provinces must not find in the list."""
    return AccessCase(
        name,
        expect,
        kwargs=(lambda world: world.key(obj(world))) if obj else (lambda world: {}),
        method=method,
        data=body or (lambda world: {}),
        listed=listed,
        variant=method if method != "get" else "",
    )


READERS_OF_THANH_HOA = {**everyone(NOT_FOUND), "ministry": 200, "province": 200}
UNIT_WRITE = {
    **everyone(NOT_FOUND),
    "anonymous": UNAUTHORISED,
    "ministry": FORBIDDEN,
    "province": FORBIDDEN,
    "unit": 200,
}

ENDPOINTS = [
    api_case("v1:programme-list", everyone(200)),
    api_case("v1:programme-detail", everyone(200), obj=lambda w: w.programme),
    api_case("v1:indicator-list", everyone(200)),
    api_case("v1:indicator-detail", everyone(200), obj=lambda w: w.indicator),
    api_case("v1:case-list", everyone(200)),
    api_case("v1:case-detail", everyone(200), obj=lambda w: w.case),
    api_case("v1:national-figures-list", everyone(200)),
    # Issued plans are public documents; a draft stays with its DOIT and the Ministry.
    api_case("v1:plan-list", everyone(200), listed=lambda w: w.draft_plan),
    api_case("v1:plan-detail", everyone(200), obj=lambda w: w.plan),
    api_case("v1:plan-detail", READERS_OF_THANH_HOA, obj=lambda w: w.draft_plan),
    api_case("v1:reporting-year-list", everyone(200), listed=lambda w: w.year),
    api_case("v1:reporting-year-detail", READERS_OF_THANH_HOA, obj=lambda w: w.year),
    api_case("v1:unit-report-list", everyone(200), listed=lambda w: w.report),
    api_case(
        "v1:unit-report-detail", {**READERS_OF_THANH_HOA, "unit": 200}, obj=lambda w: w.report
    ),
    api_case(
        "v1:unit-report-detail",
        UNIT_WRITE,
        obj=lambda w: w.report,
        method="patch",
        body=lambda w: {"version": w.report_version(), "figures": {"officers": 2}},
    ),
    api_case("v1:unit-report-submit", UNIT_WRITE, obj=lambda w: w.report, method="post"),
    api_case("v1:consolidated-report-list", everyone(200), listed=lambda w: w.consolidated),
    api_case("v1:consolidated-report-detail", READERS_OF_THANH_HOA, obj=lambda w: w.consolidated),
    api_case("v1:facility-list", everyone(200), listed=lambda w: w.facility),
    api_case(
        "v1:facility-detail",
        {**READERS_OF_THANH_HOA, "unit": 200, "facility": 200},
        obj=lambda w: w.facility,
    ),
    api_case(
        "v1:facility-detail",
        {
            **everyone(NOT_FOUND),
            "anonymous": UNAUTHORISED,
            "ministry": FORBIDDEN,
            "province": 200,
            "unit": FORBIDDEN,
            "facility": FORBIDDEN,
        },
        obj=lambda w: w.facility,
        method="patch",
        body=lambda w: {"address": "Số 2"},
    ),
    api_case(
        "v1:facility-list",
        # Hà Giang's DOIT may create facilities, but not in a Thanh Hóa district.
        {**everyone(FORBIDDEN), "anonymous": UNAUTHORISED, "province": 201, "other_province": 400},
        method="post",
        body=lambda w: w.new_facility(),
    ),
    api_case(
        "v1:dhis2-data-value-set-list",
        {**everyone(200), "anonymous": UNAUTHORISED},
        listed=lambda w: None,
    ),
]


class World:
    """Thanh Hóa's plan, its 2019 year with Đông Sơn's report sent, the consolidated report
    sent, a facility with a published case; Hà Giang's DOIT is the other province."""

    def __init__(self, users):
        from facilities.models import FacilityRepresentative
        from facilities.services import sectors_load
        from reporting.services import consolidated_report_submit, reporting_year_open
        from strategies.models import ActionPlan, Indicator, Strategy
        from strategies.services import seed_documents_load
        from tests.facilities.factories import FacilityFactory, MeasureFactory

        self.users = users
        seed_documents_load()
        sectors_load()
        self.programme = Strategy.objects.get(number="1419/QĐ-TTg")
        self.indicator = Indicator.objects.order_by("code").first()
        self.plan = ActionPlan.objects.filter(province__name="Thanh Hóa").order_by("pk").first()
        self.draft_plan = ActionPlan.objects.create(
            kind=self.plan.kind,
            title="Dự thảo kế hoạch Thanh Hóa",
            province=self.plan.province,
            issuer_name=self.plan.issuer_name,
            status=ActionPlan.Status.DRAFT,
        )
        self.year = reporting_year_open(plan=self.plan, year=2019, actor=users["province"])
        self.report = self.year.unit_reports.get(agency=users["unit"].assignments.get().agency)
        self.consolidated = consolidated_report_submit(
            reporting_year=self.year, actor=users["province"]
        )
        self.district = users["unit"].assignments.get().agency.territory
        self.facility = FacilityFactory(name="Nhà máy bia Đông Sơn", admin_unit=self.district)
        FacilityRepresentative.objects.create(user=users["facility"], facility=self.facility)
        self.case = MeasureFactory(
            facility=self.facility, publication_agreed=True, publication_approved=True
        )

    def key(self, obj):
        return (
            {"code": obj.code}
            if hasattr(obj, "code") and obj.__class__.__name__ == ("Indicator")
            else {"pk": obj.pk}
        )

    def report_version(self):
        self.report.refresh_from_db()
        return self.report.version

    def new_facility(self):
        return {
            "name": "Nhà máy mới",
            "tax_code": "2800777001",
            "sector": "do-uong",
            "size_class": "small",
            "admin_unit_id": self.district.pk,
            "address": "Số 3",
        }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    yield from world_of_the_module(
        django_db_blocker,
        tmp_path_factory.mktemp("media"),
        build=lambda: World(users=users_of_every_role()),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda endpoint: endpoint.id)
def test_each_role_gets_the_declared_answer_and_no_other_provinces_object(endpoint, world):
    for role in ROLES:
        api = api_as(world.users[role])
        url = reverse(endpoint.name, kwargs=endpoint.kwargs(world))
        params = {"year": 2019} if "dhis2" in endpoint.name else None

        if endpoint.method == "get":
            response = api.get(url, params)
        else:
            response = getattr(api, endpoint.method)(url, endpoint.data(world))

        assert response.status_code == endpoint.expect[role], (role, response.content[:300])
        if endpoint.listed and response.status_code == 200 and role in LEAK_CHECKED:
            listed = endpoint.listed(world)
            body = response.json()
            if listed is None:  # the DHIS2 set: no Thanh Hóa value for Hà Giang
                assert body["dataValues"] == []
            else:
                assert listed.pk not in [row["id"] for row in body["results"]]
