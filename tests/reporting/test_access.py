"""Every reporting URL for every role, on objects of Thanh Hóa (a draft Đông Sơn report of
2019, its activity and attachment, the year, the plan). The same table is handed to the
project-wide permission matrix."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reporting import services
from strategies.models import ActionPlan
from strategies.services import seed_documents_load
from tests.access_cases import access_table_fixtures
from tests.people import users_of_every_role
from tests.reporting.access import LOGIN, assert_declared_answer
from tests.reporting.conftest import THANH_HOA_PLAN

ROLES = ("anonymous", "ministry", "province", "other_province", "unit", "facility", "outsider")


def expect(ministry, province, unit, others=404):
    return {
        "anonymous": LOGIN,
        "ministry": ministry,
        "province": province,
        "other_province": others,
        "unit": unit,
        "facility": others,
        "outsider": others,
    }


EVERYONE = {**dict.fromkeys(ROLES, 200), "anonymous": LOGIN}
READ_REPORT = expect(200, 200, 200)
UNIT_WRITES = expect(403, 403, 302)
UNIT_PAGES = expect(403, 403, 200)
REVIEW = expect(403, 302, 403)
DOIT_READS = expect(200, 200, 404)

# (url name, method, object, expectation, post data)
CASES = [
    ("report_list", "get", None, EVERYONE, {}),
    ("consolidated_list", "get", None, EVERYONE, {}),
    ("report_list_export", "get", None, EVERYONE, {}),
    ("consolidated_list_export", "get", None, EVERYONE, {}),
    ("year_remind", "post", "year", expect(403, 302, 404), {}),
    ("plan_years", "get", "plan", DOIT_READS, {}),
    ("year_open", "post", "plan", expect(403, 302, 404), {"year": 2020}),
    ("year_detail", "get", "year", DOIT_READS, {}),
    ("consolidated_detail", "get", "year", expect(404, 200, 404), {}),
    ("consolidated_export", "get", "year", expect(404, 200, 404), {}),
    ("consolidated_submit", "post", "year", expect(404, 302, 404), {"confirmed": "1"}),
    ("report_detail", "get", "report", READ_REPORT, {}),
    ("report_export", "get", "report", READ_REPORT, {}),
    ("report_edit", "get", "report", UNIT_PAGES, {}),
    ("report_autosave", "post", "report", UNIT_PAGES, {}),
    ("report_refresh", "post", "report", UNIT_WRITES, {}),
    ("report_submit", "post", "report", UNIT_WRITES, {"confirmed": "1"}),
    ("report_import", "get", "report", UNIT_PAGES, {}),
    ("report_import_confirm", "post", "report", UNIT_WRITES, {}),
    ("report_accept", "post", "report", REVIEW, {"confirmed": "1"}),
    ("report_return", "post", "report", REVIEW, {"reason": "Thiếu số liệu."}),
    ("report_reopen", "post", "report", REVIEW, {"reason": "Bổ sung."}),
    ("activity_add", "post", "report", expect(403, 403, 400), {}),
    ("activity_delete", "post", "activity", UNIT_WRITES, {}),
    ("attachment_add", "post", "report", expect(403, 403, 400), {}),
    ("attachment_download", "get", "attachment", READ_REPORT, {}),
    ("attachment_delete", "post", "attachment", UNIT_WRITES, {}),
]


def _world():
    """A draft Đông Sơn report of Thanh Hóa's 2019 year with an activity and an attachment
    (its file under the module's MEDIA_ROOT), and one user per role."""
    users = users_of_every_role()
    seed_documents_load()
    plan = ActionPlan.objects.get(pk=THANH_HOA_PLAN)
    year = services.reporting_year_open(plan=plan, year=2019, actor=users["province"])
    report = year.unit_reports.get(agency=users["unit"].assignments.get().agency)
    activity = services.activity_create(
        report=report,
        actor=users["unit"],
        kind="workshop",
        date="2019-06-01",
        title="Hội thảo",
        funding_source="provincial_budget",
    )
    attachment = services.attachment_add(
        report=report,
        actor=users["unit"],
        title="Danh sách",
        file=SimpleUploadedFile("ds.pdf", b"%PDF"),
    )
    return {
        "objects": {
            "plan": plan,
            "year": year,
            "report": report,
            "activity": activity,
            "attachment": attachment,
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


def test_the_ministry_reads_a_consolidated_report_once_sent(client, world):
    ministry_user, province_user = world["users"]["ministry"], world["users"]["province"]
    year_2019 = world["objects"]["year"]
    services.consolidated_report_submit(reporting_year=year_2019, actor=province_user)
    client.force_login(ministry_user, backend="django.contrib.auth.backends.ModelBackend")

    for name in ("consolidated_detail", "consolidated_export"):
        assert client.get(reverse(f"reporting:{name}", args=[year_2019.pk])).status_code == 200
    response = client.post(reverse("reporting:consolidated_submit", args=[year_2019.pk]))
    assert response.status_code == 403


def test_post_only_urls_refuse_a_get(client, world):
    unit_user, dong_son_report = world["users"]["unit"], world["objects"]["report"]
    client.force_login(unit_user, backend="django.contrib.auth.backends.ModelBackend")

    response = client.get(reverse("reporting:report_submit", args=[dong_son_report.pk]))

    assert response.status_code == 405
