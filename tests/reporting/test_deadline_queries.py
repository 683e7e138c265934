"""The deadline day's writes in a bounded number of queries (bench/deadline.py: 333 units
autosaving every 10-20 s, then sending, while the DOITs accept). Before issue 18 an autosave
took 34 queries on PostgreSQL, a send 34 and an accept 32: the page's activities, attachments
and history were read for a fragment, each changed figure was written in two queries, and
full_clean checked with a query each the year, the unit, the users and the one report per
unit, which a save cannot change."""

from django.urls import reverse

from reporting.figures import Figure
from reporting.models import ReportTransition, UnitReport, UnitReportValue
from tests.reporting.test_concurrency import _form


def test_an_autosave_a_send_and_an_accept_each_take_a_handful_of_queries(
    login_as, unit_user, province_user, dong_son_report, django_assert_max_num_queries
):
    unit, doit = login_as(unit_user), login_as(province_user)
    figures = {"value_officers": "12", "value_officers_trained": "3", "value_saving_vnd": "900"}
    autosave = reverse("reporting:report_autosave", args=[dong_son_report.pk])

    with django_assert_max_num_queries(16):
        saved = unit.post(autosave, _form(dong_son_report, 1, **figures), HTTP_HX_REQUEST="true")
    with django_assert_max_num_queries(23):
        sent = unit.post(
            reverse("reporting:report_submit", args=[dong_son_report.pk]),
            {"version": 2, "confirmed": "1"},
        )
    with django_assert_max_num_queries(21):
        accepted = doit.post(
            reverse("reporting:report_accept", args=[dong_son_report.pk]), {"confirmed": "1"}
        )

    assert 'value="2" id="id_version"' in saved.content.decode()
    assert sent.status_code == accepted.status_code == 302
    dong_son_report.refresh_from_db()
    assert dong_son_report.state == UnitReport.State.ACCEPTED
    # Three figures changed: each written once and recorded once, with its author.
    history = UnitReportValue.history.filter(report_id=dong_son_report.pk, history_type="~")
    assert sorted(history.values_list("figure", flat=True)) == sorted(
        [Figure.OFFICERS.value, Figure.OFFICERS_TRAINED.value, Figure.SAVING_VND.value]
    )
    assert {row.history_user for row in history} == {unit_user}
    assert list(
        ReportTransition.objects.filter(report=dong_son_report).values_list("action", "actor")
    ) == [("submit", unit_user.pk), ("accept", province_user.pk)]
