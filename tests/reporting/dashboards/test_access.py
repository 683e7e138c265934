"""Every dashboard URL for every role, in the format of tests/reporting/test_access.py's
CASES, so the project-wide permission matrix can take this table too.

The national dashboard is the Ministry's page: other signed-in users get 403 (a page, not an
object; nothing to hide). A province or unit outside the user's scope answers 404. The
public figures are for everyone. Objects: "province" is today's Thanh Hóa, "unit" the
Đông Sơn people's committee.
"""

import pytest
from django.urls import reverse

from reporting import services
from strategies.models import ActionPlan
from strategies.services import seed_documents_load
from tests.access_cases import access_table_fixtures
from tests.people import users_of_every_role
from tests.reporting.access import LOGIN, assert_declared_answer
from tests.reporting.conftest import THANH_HOA_PLAN

ROLES = ("anonymous", "ministry", "province", "other_province", "unit", "facility", "outsider")


def expect(ministry, province, unit, others=404, facility=None, outsider=None):
    return {
        "anonymous": LOGIN,
        "ministry": ministry,
        "province": province,
        "other_province": others,
        "unit": unit,
        "facility": others if facility is None else facility,
        "outsider": others if outsider is None else outsider,
    }


PUBLIC = dict.fromkeys(ROLES, 200)
MINISTRY_ONLY = expect(200, 403, 403, others=403)
PROVINCE = expect(200, 200, 404)
UNIT = expect(200, 200, 200)
# Each role is sent to its own dashboard; a user without one to the public figures.
HOME = expect(302, 302, 302, others=302)

# (url name, method, object, expectation, post data)
CASES = [
    ("home", "get", None, HOME, {}),
    ("national", "get", None, MINISTRY_ONLY, {}),
    ("national_xlsx", "get", None, MINISTRY_ONLY, {}),
    ("national_pdf", "get", None, MINISTRY_ONLY, {}),
    ("province", "get", "province", PROVINCE, {}),
    ("province_xlsx", "get", "province", PROVINCE, {}),
    ("province_pdf", "get", "province", PROVINCE, {}),
    ("unit", "get", "unit", UNIT, {}),
    ("unit_xlsx", "get", "unit", UNIT, {}),
    ("unit_pdf", "get", "unit", UNIT, {}),
    ("public", "get", None, PUBLIC, {}),
    ("public_xlsx", "get", None, PUBLIC, {}),
    ("public_pdf", "get", None, PUBLIC, {}),
]


def _world():
    """Thanh Hóa's 2019 year of the seed plan open (Đông Sơn's committee owes a report), and
    one user per role; Hà Giang is the neighbour a DOIT may not open."""
    users = users_of_every_role()
    seed_documents_load()
    plan = ActionPlan.objects.get(pk=THANH_HOA_PLAN)
    services.reporting_year_open(plan=plan, year=2019, actor=users["province"])
    return {
        "objects": {
            "province": users["province"].assignments.get().agency.province,
            "unit": users["unit"].assignments.get().agency,
            "other_province": users["other_province"].assignments.get().agency.province,
        },
        "users": users,
    }


module_world, world = access_table_fixtures(_world)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "method", "target", "expected", "data"), CASES, ids=[case[0] for case in CASES]
)
def test_each_role_gets_the_declared_answer(
    client, world, role, name, method, target, expected, data
):
    if name.endswith("_pdf") and expected[role] == 200:
        from sxsh_portal.documents.pdf import pdf_support_problem

        if pdf_support_problem():
            pytest.skip("WeasyPrint cannot run here: the PDF link redirects with a message")
    assert_declared_answer(
        client,
        world,
        role=role,
        name=name,
        method=method,
        target=target,
        expected=expected,
        data=data,
        namespace="dashboards",
    )


@pytest.mark.parametrize(
    ("role", "destination"),
    [
        ("ministry", "national"),
        ("province", "province"),
        ("unit", "unit"),
        ("facility", "public"),
        ("outsider", "public"),
    ],
)
def test_the_dashboard_link_leads_each_role_to_its_own_dashboard(client, world, role, destination):
    client.force_login(world["users"][role], backend="django.contrib.auth.backends.ModelBackend")

    response = client.get(reverse("dashboards:home"))

    args = {"province": [world["objects"]["province"].pk], "unit": [world["objects"]["unit"].pk]}
    assert response["Location"] == reverse(f"dashboards:{destination}", args=args.get(role))


def test_the_ministry_opens_any_province_and_a_doit_not_its_neighbour(client, world):
    ha_giang = world["objects"]["other_province"]
    client.force_login(
        world["users"]["province"], backend="django.contrib.auth.backends.ModelBackend"
    )
    assert client.get(reverse("dashboards:province", args=[ha_giang.pk])).status_code == 404

    client.force_login(
        world["users"]["ministry"], backend="django.contrib.auth.backends.ModelBackend"
    )
    assert client.get(reverse("dashboards:province", args=[ha_giang.pk])).status_code == 200


def test_every_dashboard_url_is_in_the_table():
    from reporting.dashboards.urls import urlpatterns

    assert {pattern.name for pattern in urlpatterns} == {case[0] for case in CASES}
