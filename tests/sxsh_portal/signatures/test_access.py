"""Every signatures URL for every role, on Thanh Hóa objects: the sent 2019 consolidated
report and Đông Sơn's sent report (its plan asks units to sign), each with a verified signed
copy. The table is part of the project-wide permission matrix.

A signed copy follows its report's page: the consolidated one is read by the DOIT and the
Ministry and uploaded by the DOIT; a unit's by the unit, its DOIT and the Ministry, uploaded
by the unit. The public check page is for everyone."""

import pytest
from django.core.files.base import ContentFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from reporting import services
from strategies.models import ActionPlan
from strategies.services import seed_documents_load
from sxsh_portal.signatures.models import PlanSignaturePolicy, SignedDocument
from tests.access_cases import access_table_fixtures
from tests.people import users_of_every_role
from tests.reporting.access import LOGIN
from tests.reporting.conftest import THANH_HOA_PLAN
from tests.reporting.test_access import ROLES, expect

READ_CONSOLIDATED = expect(200, 200, 404)
UPLOAD_CONSOLIDATED = expect(404, 302, 404)
READ_REPORT = expect(200, 200, 200)
UPLOAD_REPORT = expect(404, 404, 302)
EVERYONE = dict.fromkeys(ROLES, 200)

# (url name, method, object, expectation)
CASES = [
    ("verify", "get", None, EVERYONE),
    ("status", "get", "year", READ_CONSOLIDATED),
    ("upload", "post", "year", UPLOAD_CONSOLIDATED),
    ("status", "get", "report", READ_REPORT),
    ("upload", "post", "report", UPLOAD_REPORT),
    ("download", "get", "consolidated_copy", READ_CONSOLIDATED),
    ("download", "get", "report_copy", READ_REPORT),
]
SLUGS = {"year": "tong-hop", "report": "don-vi"}


def verified_copy(document) -> SignedDocument:
    copy = SignedDocument(
        document=document,
        state=SignedDocument.State.VERIFIED,
        file_checksum="0" * 64,
        file_size=8,
        signer_name="Nguyễn Văn An",
        signed_at=timezone.now(),
    )
    copy.file.save("ky-so.pdf", ContentFile(b"%PDF-1.4"), save=False)
    copy.save()
    return copy


def _world():
    """Thanh Hóa's 2019 year of the seed plan (its units asked to sign), Đông Sơn's report and
    the consolidated report sent, each with a verified signed copy; one user per role."""
    users = users_of_every_role()
    seed_documents_load()
    plan = ActionPlan.objects.get(pk=THANH_HOA_PLAN)
    year = services.reporting_year_open(plan=plan, year=2019, actor=users["province"])
    dong_son_report = year.unit_reports.get(agency=users["unit"].assignments.get().agency)
    PlanSignaturePolicy.objects.create(plan=year.plan, unit_reports_signed=True)
    services.unit_report_submit(report=dong_son_report, actor=users["unit"])
    services.consolidated_report_submit(reporting_year=year, actor=users["province"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        consolidated = services.consolidated_pdf_request(reporting_year=year, actor=None)
        report = services.unit_report_pdf_request(report=dong_son_report, actor=None)
    consolidated.refresh_from_db()
    report.refresh_from_db()
    return {
        "objects": {
            "year": year,
            "report": dong_son_report,
            "consolidated_copy": verified_copy(consolidated),
            "report_copy": verified_copy(report),
        },
        "users": users,
    }


module_world, world = access_table_fixtures(_world, one_line_pdfs=True)


def url_of(name, target, world) -> str:
    if target is None:
        return reverse(f"signatures:{name}")
    obj = world["objects"][target]
    if target in SLUGS:
        return reverse(f"signatures:{name}", args=[SLUGS[target], obj.pk])
    return reverse(f"signatures:{name}", args=[obj.pk])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "method", "target", "expected"),
    CASES,
    ids=[f"{case[0]}[{case[2]}]" for case in CASES],
)
def test_each_role_gets_the_declared_answer(client, world, role, name, method, target, expected):
    user = world["users"][role]
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    response = getattr(client, method)(url_of(name, target, world))

    if expected[role] == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected[role]


def test_a_kind_no_app_registered_and_an_id_that_is_no_report_of_its_kind_answer_404(client, world):
    # The DOIT may sign its sent consolidated report (year) — but not under a slug nobody
    # registered, nor with an id that is no report of the slug's kind.
    client.force_login(
        world["users"]["province"], backend="django.contrib.auth.backends.ModelBackend"
    )
    year = world["objects"]["year"].pk
    for slug, pk in (("co-so", year), ("tong-hop", 987654), ("don-vi", 987654)):
        status = reverse("signatures:status", args=[slug, pk])
        upload = reverse("signatures:upload", args=[slug, pk])
        assert client.get(status).status_code == 404, slug
        assert client.post(upload).status_code == 404, slug
    assert client.post(reverse("signatures:upload", args=["tong-hop", year])).status_code == 302
