"""Thanh Hóa 2019 the way issue 15 found it (26 units, every standing), built once for a
class of tests, and how a test reads the consolidated report's page and PDF. The counts are
computed by hand here, from the rows the world makes."""

import datetime
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse

from reporting import services
from reporting.figures import Figure
from reporting.models import ReportingYear, UnitReport
from strategies.models import ActionPlan
from strategies.services import seed_documents_load
from sxsh_portal.documents.pdf import pdf_support_problem
from sxsh_portal.territory.models import Agency
from tests import people
from tests.access_cases import world_of_the_module
from tests.factories import AgencyFactory, DistrictFactory
from tests.reporting.conftest import THANH_HOA_PLAN, at

D = Decimal
CAN_RENDER = pdf_support_problem() is None and shutil.which("pdftotext") is not None
needs_pdf_tools = pytest.mark.skipif(
    not CAN_RENDER, reason="WeasyPrint (Pango) or poppler-utils is not installed"
)

# (facilities, aware, applying) of the three received units that give figures.
FIGURES = {"A": (60, 45, 30), "B": (40, 25, 10), "C": (5, 2, 0)}
# Hand-computed: Σ applying / Σ facilities = 40 / 105 = 38,095…% → 38,1%;
# Σ aware / Σ facilities = 72 / 105 = 68,571…% → 68,57%.
APPLYING = ("40", "105", "38,1%")
AWARE = ("72", "105", "68,57%")
HAND = {"expected": 26, "received": 21, "on_time": 20, "late": 1}
HAND |= {"returned": 1, "draft": 2, "not_started": 2}


def save_figures(report, actor, **figures):
    return services.unit_report_save(
        report=report,
        actor=actor,
        expected_version=report.version,
        reported_values={Figure(name).value: D(value) for name, value in figures.items()},
        difficulties="",
        proposals="",
    )


def add_activities(report, actor):
    """5 workshops and 5 trainings reaching 53 enterprises: the chart's 5, 5 and 53."""
    for number in range(5):
        services.activity_create(
            report=report,
            actor=actor,
            kind="workshop",
            date=datetime.date(2019, 3, 1 + number),
            title=f"Hội thảo {number + 1}",
            funding_source="provincial_budget",
        )
        services.activity_create(
            report=report,
            actor=actor,
            kind="training",
            date=datetime.date(2019, 4, 1 + number),
            title=f"Tập huấn {number + 1}",
            enterprises_reached=13 if number == 0 else 10,
            funding_source="provincial_budget",
        )


def reports_in_every_standing(plan, province_user, unit_user, thanh_hoa, clock):
    """26 district committees; their reports in every standing of the issue."""
    for number in range(25):
        AgencyFactory(
            name=f"UBND huyện Thử {number + 1:02d}",
            kind=Agency.Kind.DISTRICT_COMMITTEE,
            province=thanh_hoa,
            territory=DistrictFactory(
                code=f"{500 + number}", name=f"Huyện Thử {number + 1:02d}", parent=thanh_hoa
            ),
        )
    clock.move_to(at(1, 10, 2019))
    reporting_year = services.reporting_year_open(plan=plan, year=2019, actor=province_user)
    reports = list(reporting_year.unit_reports.select_related("agency").order_by("agency__name"))
    assert len(reports) == 26
    dong_son = next(r for r in reports if r.agency.name == "UBND huyện Đông Sơn")
    others = [r for r in reports if r != dong_son]
    on_time = [dong_son] + others[:19]
    late, returned, drafts = others[19], others[20], others[21:23]
    add_activities(dong_son, unit_user)
    for label, report in zip("ABC", on_time[:3], strict=True):
        report.refresh_from_db()
        facilities, aware, applying = FIGURES[label]
        save_figures(report, None, facilities=facilities, aware=aware, applying=applying)
    returned = save_figures(returned, None, facilities=1000, aware=1000, applying=1000)
    clock.move_to(at(10, 12, 2019))
    for report in on_time + [returned]:
        report.refresh_from_db()
        services.unit_report_submit(report=report, actor=None)
    services.unit_report_return(
        report=UnitReport.objects.get(pk=returned.pk), actor=province_user, reason="Thiếu số liệu"
    )
    for report in drafts:
        save_figures(report, None, facilities=3)
    clock.move_to(at(20, 12, 2019))
    services.unit_report_submit(report=late, actor=None)
    return reporting_year


def consolidated_page(client, reporting_year):
    response = client.get(reverse("reporting:consolidated_detail", args=[reporting_year.pk]))
    assert response.status_code == 200
    return response.content.decode()


def page_counts(html: str) -> dict:
    tag = re.search(r'<span class="report-counts"([^>]*)>', html).group(1)
    found = dict(re.findall(r'data-([a-z-]+)="(\d+)"', tag))
    return {key.replace("-", "_"): int(value) for key, value in found.items()}


def consolidated_pdf(reporting_year, tmp_path, django_capture_on_commit_callbacks) -> bytes:
    with django_capture_on_commit_callbacks(execute=True):
        document = services.consolidated_pdf_request(reporting_year=reporting_year, actor=None)
    document.refresh_from_db()
    assert document.is_done, document.failure_reason
    path = tmp_path / "consolidated.pdf"
    path.write_bytes(document.file.read())
    return path


def pdf_text(path) -> str:
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    return " ".join(result.stdout.split())


# ---------------------------------------------------------------------------- Thanh Hóa 2019


class WorldClock:
    """The conftest's clock for a world built outside a test: "now" moved until the patch ends."""

    def __init__(self, patch):
        self.patch = patch

    def move_to(self, moment: datetime.datetime) -> None:
        self.patch.setattr("django.utils.timezone.now", lambda: moment)


def thanh_hoa_2019_world():
    """Thanh Hóa 2019 as the fixtures of tests/reporting/conftest.py made it for each test (the
    seed plan, the Đông Sơn committee, the DOIT and unit users, then the year), and the
    Ministry's officer."""
    thanh_hoa = people.thanh_hoa()
    people.ha_giang()
    seed_documents_load()
    committee = people.dong_son_committee(thanh_hoa, people.dong_son(thanh_hoa))
    plan = ActionPlan.objects.get(pk=THANH_HOA_PLAN)
    province_user = people.province_user(people.thanh_hoa_doit(thanh_hoa.successors.get()))
    unit_user = people.unit_user(committee)
    with pytest.MonkeyPatch.context() as patch:
        year = reports_in_every_standing(
            plan, province_user, unit_user, thanh_hoa, WorldClock(patch)
        )
    ministry_user = people.ministry_user(people.moit())
    return {"year": year, "users": {"province": province_user, "ministry": ministry_user}}


class ThanhHoa2019:
    """Base of the classes whose tests read the 26 reports: they share them, made once for each
    class, in a transaction
    kept open until its last test (tests/access_cases.py); each test runs in a savepoint rolled
    back after it, so what one sends or changes the next never sees."""

    @pytest.fixture(scope="class")
    @classmethod
    def year_world(cls, django_db_setup, django_db_blocker, tmp_path_factory):
        media = tmp_path_factory.mktemp("media")
        yield from world_of_the_module(django_db_blocker, media, build=thanh_hoa_2019_world)

    @pytest.fixture
    def thanh_hoa_2019(self, year_world, db, clock):
        clock.move_to(at(20, 12, 2019))  # where making the reports left the clock
        return ReportingYear.objects.get(pk=year_world["year"].pk)

    @pytest.fixture
    def province_user(self, year_world):
        return year_world["users"]["province"]

    @pytest.fixture
    def ministry_user(self, year_world):
        return year_world["users"]["ministry"]
