"""The sent Thanh Hóa 2019 consolidated report and its final PDF, made once for a test class
(the signatures conftest's `final_pdf`, built with tests/access_cases.py's world_of_the_module):
`class TestSomething(FinalPdfSentNow)` and its tests take `final_pdf` and the users as before."""

import datetime
import shutil

import pytest
from django.test import TestCase

from reporting import services as reporting_services
from strategies.models import ActionPlan
from strategies.services import seed_documents_load
from sxsh_portal.documents.models import GeneratedDocument
from sxsh_portal.territory.models import Agency
from tests import people
from tests.access_cases import world_of_the_module
from tests.factories import AgencyFactory, DistrictFactory
from tests.reporting.conftest import THANH_HOA_PLAN
from tests.reporting.test_documents import a_reported_year
from tests.sxsh_portal.signatures.conftest import render


class _Clock:
    """The conftest's clock for a world built outside a test: "now" moved until the patch ends."""

    def __init__(self, patch):
        self.patch = patch

    def move_to(self, moment: datetime.datetime) -> None:
        self.patch.setattr("django.utils.timezone.now", lambda: moment)


def _final_pdf_world(media_root):
    """What the signatures conftest made for each test, in the same order: the Thanh Hóa plan
    with Đông Sơn's and Hoằng Hóa's committees, the DOIT and unit users, the 2019 year reported
    (tests/reporting/test_documents.py), sent now, and its final PDF rendered by the real
    pipeline; then the Ministry's and Hà Giang's officers."""
    thanh_hoa, ha_giang = people.thanh_hoa(), people.ha_giang()
    seed_documents_load()
    committee = people.dong_son_committee(thanh_hoa, people.dong_son(thanh_hoa))
    plan = ActionPlan.objects.get(pk=THANH_HOA_PLAN)
    province_user = people.province_user(people.thanh_hoa_doit(thanh_hoa.successors.get()))
    unit_user = people.unit_user(committee)
    hoang_hoa = DistrictFactory(code="399", name="Huyện Hoằng Hóa", parent=thanh_hoa)
    AgencyFactory(
        name="UBND huyện Hoằng Hóa",
        kind=Agency.Kind.DISTRICT_COMMITTEE,
        province=thanh_hoa,
        territory=hoang_hoa,
    )
    with pytest.MonkeyPatch.context() as patch:
        clock = _Clock(patch)
        year = a_reported_year(plan, province_user, unit_user, clock)
        clock.move_to(datetime.datetime.now(datetime.UTC))
        reporting_services.consolidated_report_submit(reporting_year=year, actor=province_user)
        final_pdf = render(
            lambda: reporting_services.consolidated_pdf_request(reporting_year=year, actor=None),
            TestCase.captureOnCommitCallbacks,
        )
    users = {
        "province": province_user,
        "unit": unit_user,
        "ministry": people.ministry_user(people.moit()),
        "other_province": people.other_province_user(people.ha_giang_doit(ha_giang)),
    }
    return {"final_pdf": final_pdf, "users": users, "media_root": media_root}


class FinalPdfSentNow:
    """For a test class whose tests share the sent report and its final PDF: made once for the
    class, in a transaction kept open until its last test (tests/access_cases.py);
    each test runs in a savepoint rolled back after it and with a media folder of its own."""

    @pytest.fixture(scope="class")
    @classmethod
    def world(cls, django_db_setup, django_db_blocker, tmp_path_factory):
        media_root = tmp_path_factory.mktemp("media")
        yield from world_of_the_module(
            django_db_blocker, media_root, build=lambda: _final_pdf_world(media_root)
        )

    @pytest.fixture(autouse=True)
    def the_worlds_files_and_clock(self, world, db, settings, tmp_path, clock):
        """The PDF in this test's media folder; "now" stopped, as sending the report left it."""
        media = tmp_path / "media"
        shutil.copytree(world["media_root"], media, dirs_exist_ok=True)
        settings.MEDIA_ROOT = media
        clock.move_to(datetime.datetime.now(datetime.UTC))

    @pytest.fixture
    def final_pdf(self, world):
        return GeneratedDocument.objects.get(pk=world["final_pdf"].pk)

    @pytest.fixture
    def province_user(self, world):
        return world["users"]["province"]

    @pytest.fixture
    def unit_user(self, world):
        return world["users"]["unit"]

    @pytest.fixture
    def ministry_user(self, world):
        return world["users"]["ministry"]

    @pytest.fixture
    def other_province_user(self, world):
        return world["users"]["other_province"]
