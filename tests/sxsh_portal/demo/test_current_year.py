"""Right after `make run` (setup_demo) the demo lives in the current year: a demonstration
plan of Thanh Hóa under QĐ 889/QĐ-TTg, today's communes as reporting units, this year's
reports due 15/12. "Today" is passed in and the clock frozen, never the wall-clock year.

setup_demo runs once for each day the tests look at (a class world, rolled back after its
last test; each test in a savepoint of its own), and a second time where idempotence is the
point."""

import datetime
import io
from collections import Counter

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from freezegun import freeze_time

from reporting.models import ReportingYear, UnitReport
from strategies.models import ActionPlan
from sxsh_portal.accounts.access import scope_for
from sxsh_portal.accounts.models import User
from sxsh_portal.territory.models import Agency
from tests.access_cases import world_of_the_module

pytestmark = pytest.mark.django_db

PASSWORD = "Mat-khau-demo-1"
TODAY = datetime.date(2026, 12, 4)
DEMO_LOGINS = (
    "bo-cong-thuong",
    "so-ct-thanh-hoa",
    "ubnd-hoang-hoa",
    "so-ct-ha-giang",
    "co-so-demo",
    "quan-tri",
    "ubnd-xa-hoang-hoa",
    "so-ct-tuyen-quang",
)


def setup_demo(today: datetime.date) -> str:
    out = io.StringIO()
    call_command("setup_demo", password=PASSWORD, today=today.isoformat(), stdout=out)
    return out.getvalue()


def log_in(client, username: str) -> None:
    """Through the login page, with the password setup_demo printed."""
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, username


def demo_plan() -> ActionPlan:
    return ActionPlan.objects.get(title__startswith="[Minh họa]")


def commune_report(year: int) -> UnitReport:
    commune = User.objects.get(username="ubnd-xa-hoang-hoa").assignments.get().agency
    return UnitReport.objects.get(reporting_year__year=year, agency=commune)


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def demo_of(day: datetime.date, clock: str):
    """A class fixture: setup_demo run for `day` with the clock at `clock`; what it printed."""

    @pytest.fixture(scope="class")
    @classmethod
    def demo(cls, django_db_setup, django_db_blocker, tmp_path_factory):
        def build():
            with freeze_time(clock):
                return setup_demo(day)

        media = tmp_path_factory.mktemp("media")
        yield from world_of_the_module(django_db_blocker, media, build=build)

    return demo


class TestMarch2027:
    demo = demo_of(datetime.date(2027, 3, 10), "2027-03-10 09:00:00+07:00")

    @freeze_time("2027-03-10 09:00:00+07:00")
    def test_the_demo_commune_finds_its_report_of_the_current_year_due_15_12_and_not_overdue(
        self, demo, client
    ):
        assert "ubnd-xa-hoang-hoa" in demo and "so-ct-tuyen-quang" in demo

        log_in(client, "ubnd-xa-hoang-hoa")
        listing = client.get(reverse("reporting:report_list")).content.decode()
        report = commune_report(2027)
        assert report.get_absolute_url() in listing
        assert "15/12/2027" in listing

        page = client.get(report.get_absolute_url())
        assert page.status_code == 200
        content = page.content.decode()
        assert "Hạn gửi: 15/12/2027" in content
        assert "Quá hạn" not in content
        assert report.state == "draft"

    def test_the_demo_report_turns_overdue_only_the_day_after_15_12(self, demo, client):
        report = commune_report(2027)

        # Logged in at each moment: a session of March would have expired by December.
        with freeze_time("2027-12-15 16:00:00+07:00"):
            log_in(client, "ubnd-xa-hoang-hoa")
            assert "Quá hạn" not in client.get(report.get_absolute_url()).content.decode()
        with freeze_time("2027-12-16 09:00:00+07:00"):
            log_in(client, "ubnd-xa-hoang-hoa")
            assert "Quá hạn 1 ngày" in client.get(report.get_absolute_url()).content.decode()


class TestToday:
    demo = demo_of(TODAY, "2026-12-04 09:00:00+07:00")

    def test_it_prints_every_demo_login_with_its_password_and_each_logs_in_with_it(self, demo):
        for username in DEMO_LOGINS:
            assert username in demo
            assert User.objects.get(username=username).check_password(PASSWORD)
        assert PASSWORD in demo

    def test_a_second_run_changes_nothing(self, demo):
        counts = row_counts()
        setup_demo(TODAY)
        assert row_counts() == counts

    def test_the_demo_plan_is_a_labelled_demonstration_under_qd_889_with_todays_communes(
        self, demo
    ):
        plan = demo_plan()

        assert plan.strategy.number == "889/QĐ-TTg"
        assert (plan.period_start, plan.period_end) == (2021, 2030)
        # Written by the demo DOIT officer through the plan pages' services, then issued: an
        # issued plan has its decision, kept as version 1.
        assert plan.status == ActionPlan.Status.ISSUED
        assert plan.decision_number and plan.issued_on and plan.signer
        version = plan.versions.get()
        assert (version.number, version.decision_number) == (1, plan.decision_number)
        doit_user = User.objects.get(username="so-ct-thanh-hoa")
        assert set(plan.history.values_list("history_user", flat=True)) == {doit_user.pk}
        assert all(t.baseline_year and t.baseline_value is not None for t in plan.targets.all())
        assert "MINH HỌA" in plan.source_note
        assert plan.province.valid_from == datetime.date(2025, 7, 1)
        assert plan.predecessor_id == 1  # the 2017–2020 plan of the seed documents
        rule = plan.reporting_rule
        assert (rule.deadline_day, rule.deadline_month) == (15, 12)
        kinds = Counter(rule.reporting_units.values_list("kind", flat=True))
        assert kinds == {Agency.Kind.COMMUNE_COMMITTEE: 24, Agency.Kind.ZONE_BOARD: 1}
        communes = Agency.objects.filter(kind=Agency.Kind.COMMUNE_COMMITTEE)
        assert all(a.territory.parent_id == plan.province_id for a in communes)
        assert all(t.localises.phase.strategy_id == plan.strategy_id for t in plan.targets.all())

    def test_this_years_reports_come_in_every_state(self, demo):
        year = ReportingYear.objects.get(plan=demo_plan())
        assert year.year == 2026
        reports = list(year.unit_reports.all())
        assert len(reports) == 25
        assert {r.due_date for r in reports} == {datetime.date(2026, 12, 15)}
        states = Counter(r.state for r in reports)
        # 24 other units in a cycle of 12 (4 accepted, 3 submitted, 2 draft, 2 not started,
        # 1 returned), twice; the demo commune's own report is a draft.
        assert states == {"accepted": 8, "submitted": 6, "draft": 9, "returned": 2}
        not_started = [
            r
            for r in reports
            if r.state == "draft" and not r.values.exclude(reported_value=None).exists()
        ]
        assert len(not_started) == 4
        assert all(r.returned_reason for r in reports if r.state == "returned")
        assert not any(r.submitted_late for r in reports)
        assert all(
            r.first_submitted_at.date() <= datetime.date(2026, 12, 4)
            for r in reports
            if r.is_received
        )

    def test_the_history_stays_and_a_district_of_2019_rolls_up_to_todays_province(
        self, demo, client_as
    ):
        plan = demo_plan()
        assert set(ReportingYear.objects.values_list("year", flat=True)) == {2018, 2019, 2020, 2026}

        district = Agency.objects.get(name="UBND huyện Hoằng Hóa")
        report_2019 = UnitReport.objects.get(reporting_year__year=2019, agency=district)
        assert plan.province in district.province.successors.all()
        doit = client_as(User.objects.get(username="so-ct-thanh-hoa"))
        assert doit.get(report_2019.get_absolute_url()).status_code == 200
        assert doit.get(reverse("strategies:plan_detail", args=[plan.pk])).status_code == 200

    def test_the_tuyen_quang_doit_reads_what_ha_giang_planned_before_the_merger(self, demo, client):
        log_in(client, "so-ct-tuyen-quang")

        # Hà Giang's plan is its own history; Thanh Hóa's is a public document it may read but
        # whose reporting it never reaches.
        assert client.get(reverse("strategies:plan_detail", args=[2])).status_code == 200
        assert client.get(reverse("strategies:plan_detail", args=[1])).status_code == 200
        assert client.get(reverse("reporting:plan_years", args=[1])).status_code == 404
        for username in ("bo-cong-thuong", "so-ct-thanh-hoa", "ubnd-hoang-hoa", "so-ct-ha-giang"):
            assert User.objects.get(username=username).check_password(PASSWORD)

    def test_the_thanh_hoa_doit_sees_its_seeded_plan_and_the_hoang_hoa_unit_is_a_district(
        self, demo
    ):
        doit = scope_for(User.objects.get(username="so-ct-thanh-hoa"))
        thanh_hoa_plan = ActionPlan.objects.get(pk=1)
        assert doit.sees_province(thanh_hoa_plan.province_id)
        unit = User.objects.get(username="ubnd-hoang-hoa").assignments.get().agency
        assert unit.territory.name == "Huyện Hoằng Hóa"
        assert unit.territory.parent == thanh_hoa_plan.province
