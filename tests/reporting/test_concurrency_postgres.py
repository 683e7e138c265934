"""Report locking under real concurrent transactions: threads with connections of their own
race on one report (and one facility) in PostgreSQL. SQLite serialises writers on the whole
file, so these only mean something on PostgreSQL (CI's production set-up runs them)."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import close_old_connections, connection

from facilities.models import Facility
from reporting import services
from reporting.figures import Figure
from reporting.models import ReportTransition, UnitReport
from sxsh_portal.concurrency import StaleObjectError, version_of

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'",
        reason="real concurrent transactions need PostgreSQL: DATABASE_URL=postgres://…",
    ),
]
THREADS = 6


def race(work, count: int = THREADS) -> list:
    """Run work(i) in `count` threads released at once; each outcome or exception, in order."""
    barrier = threading.Barrier(count)
    outcomes: list = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            outcomes[index] = work(index)
        except Exception as error:
            outcomes[index] = error
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_of_edits_racing_from_the_same_version_exactly_one_is_saved(dong_son_report, unit_user):
    version = dong_son_report.version

    def save(index: int):
        report = UnitReport.objects.get(pk=dong_son_report.pk)
        return services.unit_report_save(
            report=report,
            actor=unit_user,
            expected_version=version,
            reported_values={Figure.FACILITIES.value: Decimal(10 + index)},
            difficulties=f"Lần {index}",
            proposals="",
        )

    outcomes = race(save)

    saved = [outcome for outcome in outcomes if isinstance(outcome, UnitReport)]
    refused = [o for o in outcomes if isinstance(o, services.StaleReportError)]
    assert (len(saved), len(refused)) == (1, THREADS - 1), outcomes
    dong_son_report.refresh_from_db()
    assert dong_son_report.version == version + 1
    winner = int(dong_son_report.difficulties.removeprefix("Lần "))
    stored = dong_son_report.values.get(figure=Figure.FACILITIES).reported_value
    assert stored == 10 + winner


def test_submits_racing_on_one_report_record_one_transition(dong_son_report, unit_user):
    def submit(_index: int):
        report = UnitReport.objects.get(pk=dong_son_report.pk)
        return services.unit_report_submit(report=report, actor=unit_user)

    outcomes = race(submit)

    assert all(isinstance(outcome, UnitReport) for outcome in outcomes), outcomes
    dong_son_report.refresh_from_db()
    assert dong_son_report.state == UnitReport.State.SUBMITTED
    assert ReportTransition.objects.filter(report=dong_son_report).count() == 1


def test_a_return_racing_an_accept_leaves_one_of_them_and_its_transition(
    dong_son_report, unit_user, province_user
):
    services.unit_report_submit(report=dong_son_report, actor=unit_user)

    def decide(index: int):
        report = UnitReport.objects.get(pk=dong_son_report.pk)
        if index % 2:
            return services.unit_report_accept(report=report, actor=province_user)
        return services.unit_report_return(report=report, actor=province_user, reason="Thiếu số")

    race(decide, count=2)

    dong_son_report.refresh_from_db()
    last = ReportTransition.objects.filter(report=dong_son_report).order_by("-pk").first()
    assert dong_son_report.state == last.to_state
    assert ReportTransition.objects.filter(report=dong_son_report).count() == 2


def test_of_profile_edits_racing_from_the_same_version_exactly_one_is_saved(
    dong_son, province_user, facility_user
):
    from tests.reporting.conftest import make_facility

    facility = make_facility(admin_unit=dong_son, tax_code="2800123456")
    version = version_of(facility)
    assert version > 0

    def edit(index: int):
        from facilities import services as facility_services

        current = Facility.objects.get(pk=facility.pk)
        return facility_services.facility_update(
            facility=current,
            actor=province_user if index % 2 else facility_user,
            expected_version=version,
            name=current.name,
            sector=current.sector,
            size_class=current.size_class,
            admin_unit=current.admin_unit,
            address=f"Số {index}",
        )

    outcomes = race(edit)

    saved = [outcome for outcome in outcomes if isinstance(outcome, Facility)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, StaleObjectError)]
    assert (len(saved), len(refused)) == (1, THREADS - 1), outcomes
    facility.refresh_from_db()
    assert facility.address == saved[0].address
