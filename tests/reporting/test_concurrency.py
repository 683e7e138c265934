"""Nothing typed is lost: stale forms are refused, a double submit is a no-op, autosave
returns the new version, and the reminder task sends each reminder once."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from reporting.figures import Figure
from reporting.models import ReminderSent, ReportTransition, UnitReport
from reporting.tasks import send_deadline_reminders
from tests.factories import RoleAssignmentFactory, UserFactory


def _form(report, version, **values):
    data = {"version": version, "difficulties": "", "proposals": ""}
    for figure in Figure:
        data[f"value_{figure.value}"] = ""
    for item in report.progress.all():
        data[f"status_{item.pk}"] = item.status
        data[f"done_{item.pk}"] = ""
    data.update(values)
    return data


def test_the_second_of_two_edits_from_the_same_version_is_refused_and_overwrites_nothing(
    login_as, unit_user, dong_son_report
):
    first_tab, second_tab = login_as(unit_user), login_as(unit_user)
    url = reverse("reporting:report_edit", args=[dong_son_report.pk])
    version = dong_son_report.version

    first = first_tab.post(url, _form(dong_son_report, version, value_facilities="10"))
    second = second_tab.post(url, _form(dong_son_report, version, value_facilities="99"))

    assert first.status_code == 302
    assert second.status_code == 409
    assert "Thay đổi của bạn chưa được lưu" in second.content.decode()
    dong_son_report.refresh_from_db()
    assert dong_son_report.version == version + 1
    assert dong_son_report.values.get(figure=Figure.FACILITIES).reported_value == 10


def test_autosave_saves_and_hands_back_the_new_version_and_refuses_a_stale_one(
    login_as, unit_user, dong_son_report
):
    unit = login_as(unit_user)
    url = reverse("reporting:report_autosave", args=[dong_son_report.pk])
    version = dong_son_report.version

    response = unit.post(
        url, _form(dong_son_report, version, value_aware="3"), HTTP_HX_REQUEST="true"
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Đã lưu lúc" in body
    assert f'value="{version + 1}" id="id_version" hx-swap-oob="true"' in body
    stale = unit.post(url, _form(dong_son_report, version, value_aware="8"))
    assert "Thay đổi của bạn chưa được lưu" in stale.content.decode()
    dong_son_report.refresh_from_db()
    assert dong_son_report.values.get(figure=Figure.AWARE).reported_value == 3


def test_autosave_reports_invalid_values_without_saving(login_as, unit_user, dong_son_report):
    response = login_as(unit_user).post(
        reverse("reporting:report_autosave", args=[dong_son_report.pk]),
        _form(dong_son_report, dong_son_report.version, value_facilities="5", value_aware="9"),
    )

    assert "Chưa lưu" in response.content.decode()
    dong_son_report.refresh_from_db()
    assert dong_son_report.version == 1


def test_a_double_submit_is_a_quiet_no_op(login_as, unit_user, dong_son_report):
    unit = login_as(unit_user)
    url = reverse("reporting:report_submit", args=[dong_son_report.pk])
    data = {"version": dong_son_report.version, "confirmed": "1"}

    first = unit.post(url, data)
    dong_son_report.refresh_from_db()
    state, version, submitted_at = (
        dong_son_report.state,
        dong_son_report.version,
        dong_son_report.submitted_at,
    )
    second = unit.post(url, data)

    assert first.status_code == second.status_code == 302
    assert second["Location"] == dong_son_report.get_absolute_url()
    dong_son_report.refresh_from_db()
    assert (dong_son_report.state, dong_son_report.version) == (state, version)
    assert dong_son_report.submitted_at == submitted_at
    assert ReportTransition.objects.filter(report=dong_son_report).count() == 1
    assert dong_son_report.history.filter(state=UnitReport.State.SUBMITTED).count() == 1


def test_a_submit_from_a_stale_page_is_refused(login_as, unit_user, dong_son_report):
    unit = login_as(unit_user)
    unit.post(
        reverse("reporting:report_edit", args=[dong_son_report.pk]),
        _form(dong_son_report, dong_son_report.version, value_facilities="10"),
    )

    unit.post(
        reverse("reporting:report_submit", args=[dong_son_report.pk]),
        {"version": 1, "confirmed": "1"},
    )

    dong_son_report.refresh_from_db()
    assert dong_son_report.state == UnitReport.State.DRAFT


def _unit_mailbox(dong_son_committee):
    user = UserFactory(username="can-bo-dong-son-2", email="dongson2@example.gov.vn")
    RoleAssignmentFactory(user=user, role="unit", agency=dong_son_committee)


@pytest.mark.usefixtures("reminder_schedule")
def test_the_reminder_task_run_twice_sends_once(unit_user, dong_son_committee, dong_son_report):
    _unit_mailbox(dong_son_committee)

    first = send_deadline_reminders.delay(today="2019-12-08").get()
    second = send_deadline_reminders.delay(today="2019-12-08").get()

    assert (first, second) == (1, 0)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["dongson2@example.gov.vn", "ubnd-dong-son@example.gov.vn"]
    assert "Còn 7 ngày đến hạn gửi báo cáo năm 2019" in message.subject
    assert "15/12/2019" in message.body
    assert ReminderSent.objects.get(report=dong_son_report).days_before == 7


@pytest.mark.usefixtures("reminder_schedule")
def test_each_step_of_the_schedule_sends_its_own_reminder(unit_user, dong_son_report):
    for day in (
        "2019-11-30",
        "2019-12-01",
        "2019-12-08",
        "2019-12-14",
        "2019-12-15",
        "2019-12-16",
        "2019-12-20",
    ):
        send_deadline_reminders(today=day)

    steps = sorted(ReminderSent.objects.values_list("days_before", flat=True))
    assert steps == [-1, 1, 7, 14]
    assert len(mail.outbox) == 4
    assert "đã quá hạn" in mail.outbox[-1].subject


@pytest.mark.usefixtures("reminder_schedule")
def test_a_report_already_sent_gets_no_reminder(login_as, unit_user, dong_son_report):
    login_as(unit_user).post(
        reverse("reporting:report_submit", args=[dong_son_report.pk]), {"confirmed": "1"}
    )

    assert send_deadline_reminders(today="2019-12-14") == 0
    assert mail.outbox == []


def test_reminders_stop_a_month_after_the_deadline(unit_user, dong_son_report):
    late = dong_son_report.due_date + datetime.timedelta(days=60)

    assert send_deadline_reminders(today=late.isoformat()) == 0
