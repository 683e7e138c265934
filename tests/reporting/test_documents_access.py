"""Every PDF URL for every role, on Thanh Hóa objects: the 2019 year (its consolidated
report still a draft), Đông Sơn's report, a Đông Sơn facility the facility user represents,
and one finished document of each kind. Same tuple format as test_access.CASES, for the
project-wide permission matrix.

A PDF follows its page: the consolidated one is the DOIT's until sent, a unit report's is
read by the unit, its DOIT and the Ministry, and a facility's summary by its representative,
its DOIT and the Ministry (the district sees the facility in its registry, but not this).
"""

import pytest
from django.test import TestCase
from django.urls import reverse

from facilities import services as facility_services
from facilities.models import FacilityRepresentative
from reporting import services
from strategies.models import ActionPlan
from strategies.services import seed_documents_load
from sxsh_portal.territory.models import Agency
from tests.access_cases import access_table_fixtures
from tests.facilities.factories import FacilityFactory, YearStatusFactory
from tests.factories import AgencyFactory, DistrictFactory
from tests.people import users_of_every_role
from tests.reporting.access import assert_declared_answer
from tests.reporting.conftest import THANH_HOA_PLAN
from tests.reporting.test_access import ROLES, expect

CONSOLIDATED = expect(404, 200, 404)
CONSOLIDATED_ASK = expect(404, 302, 404)
READ_REPORT = expect(200, 200, 200)
ASK_REPORT = expect(302, 302, 302)
FACILITY = {**expect(200, 200, 403), "facility": 200}
FACILITY_ASK = {**expect(302, 302, 403), "facility": 302}

# (url name, method, object, expectation, post data)
CASES = [
    ("consolidated_pdf", "post", "year", CONSOLIDATED_ASK, {}),
    ("consolidated_pdf_status", "get", "year", CONSOLIDATED, {}),
    ("report_pdf", "post", "report", ASK_REPORT, {}),
    ("report_pdf_status", "get", "report", READ_REPORT, {}),
    ("facilities:facility_pdf", "post", "facility", FACILITY_ASK, {"year": 2019}),
    ("facilities:facility_pdf_status", "get", "facility", FACILITY, {}),
    ("documents:document_download", "get", "consolidated_document", CONSOLIDATED, {}),
    ("documents:document_download", "get", "report_document", READ_REPORT, {}),
    ("documents:document_download", "get", "facility_document", FACILITY, {}),
]


def _world():
    """The 2019 year of Thanh Hóa's seed plan open, with Đông Sơn's and Hoằng Hóa's committees
    owing a report (Hoằng Hóa's is the other district's), the facility and the three finished
    documents; one user per role."""
    from facilities.services import sectors_load

    users = users_of_every_role()
    unit_agency = users["unit"].assignments.get().agency
    hoang_hoa = DistrictFactory(code="399", name="Huyện Hoằng Hóa", parent=unit_agency.province)
    AgencyFactory(
        name="UBND huyện Hoằng Hóa",
        kind=Agency.Kind.DISTRICT_COMMITTEE,
        province=unit_agency.province,
        territory=hoang_hoa,
    )
    seed_documents_load()
    plan = ActionPlan.objects.get(pk=THANH_HOA_PLAN)
    year = services.reporting_year_open(plan=plan, year=2019, actor=users["province"])
    dong_son_report = year.unit_reports.get(agency=unit_agency)
    sectors_load()
    facility = FacilityFactory(name="Nhà máy bia Đông Sơn", admin_unit=unit_agency.territory)
    FacilityRepresentative.objects.create(user=users["facility"], facility=facility)
    YearStatusFactory(facility=facility, year=2019)
    with TestCase.captureOnCommitCallbacks(execute=True):
        consolidated = services.consolidated_pdf_request(reporting_year=year, actor=None)
        report = services.unit_report_pdf_request(report=dong_son_report, actor=None)
        summary = facility_services.facility_summary_pdf_request(
            facility=facility, year=2019, actor=None
        )
    return {
        "objects": {
            "year": year,
            "report": dong_son_report,
            "facility": facility,
            "consolidated_document": consolidated,
            "report_document": report,
            "facility_document": summary,
            "other_district": hoang_hoa,
        },
        "users": users,
    }


module_world, world = access_table_fixtures(_world, one_line_pdfs=True)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "method", "target", "expected", "data"),
    CASES,
    ids=[f"{case[0]}[{case[2]}]" for case in CASES],
)
def test_each_role_gets_the_declared_answer(
    client, world, role, name, method, target, expected, data
):
    assert_declared_answer(
        client,
        world,
        role=role,
        name=name,
        method=method,
        target=target,
        expected=expected,
        data=data,
    )


def test_a_district_cannot_download_another_districts_pdf(
    client, world, django_capture_on_commit_callbacks
):
    # Hoằng Hóa's committee existed before the year opened, so it owes a report too.
    other = world["objects"]["year"].unit_reports.get(
        agency__territory=world["objects"]["other_district"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        document = services.unit_report_pdf_request(report=other, actor=None)
    client.force_login(world["users"]["unit"], backend="django.contrib.auth.backends.ModelBackend")

    assert client.get(reverse("documents:document_download", args=[document.pk])).status_code == 404
    assert client.get(reverse("reporting:report_pdf_status", args=[other.pk])).status_code == 404
    assert client.post(reverse("reporting:report_pdf", args=[other.pk])).status_code == 404


def test_the_status_and_request_urls_refuse_the_wrong_method(client, world):
    client.force_login(
        world["users"]["province"], backend="django.contrib.auth.backends.ModelBackend"
    )
    year = world["objects"]["year"].pk

    assert client.get(reverse("reporting:consolidated_pdf", args=[year])).status_code == 405
    assert client.post(reverse("reporting:consolidated_pdf_status", args=[year])).status_code == 405
