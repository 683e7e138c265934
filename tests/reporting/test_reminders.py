"""The DOIT reminds every unit that has not sent its report with one click: one message per
unit, logged, and a second click within the cool-down is refused with a clear message."""

import datetime

import pytest
from django.urls import reverse

from reporting import services
from reporting.models import UnitReport
from sxsh_portal.accounts.models import RoleAssignment
from sxsh_portal.notifications.models import Notification, ReminderBatch
from tests.factories import RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hoang_hoa_user(hoang_hoa_committee):
    user = UserFactory(username="ubnd-hoang-hoa")
    RoleAssignmentFactory(user=user, role=RoleAssignment.Role.UNIT, agency=hoang_hoa_committee)
    return user


@pytest.fixture
def two_units_one_sent(plan, hoang_hoa_committee, province_user, unit_user, hoang_hoa_user):
    """2019 with Đông Sơn (unsent), Hoằng Hóa (sent) and the plan's other units (unsent)."""
    reporting_year = services.reporting_year_open(plan=plan, year=2019, actor=province_user)
    sent = UnitReport.objects.get(reporting_year=reporting_year, agency=hoang_hoa_committee)
    services.unit_report_submit(report=sent, actor=hoang_hoa_user)
    return reporting_year


def test_the_doit_reminds_every_unit_that_has_not_sent_once(
    two_units_one_sent,
    province_user,
    unit_user,
    hoang_hoa_user,
    login_as,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    reporting_year = two_units_one_sent
    unsent = reporting_year.unit_reports.exclude(state=UnitReport.State.SUBMITTED).count()
    client = login_as(province_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reporting:year_remind", args=[reporting_year.pk]))

    assert response.status_code == 302
    batch = ReminderBatch.objects.get()
    assert batch.actor == province_user
    assert batch.key == f"reporting_year:{reporting_year.pk}"
    assert batch.units_count == unsent
    # Only Đông Sơn has a user among the unsent units: one message, one e-mail.
    reminders = Notification.objects.filter(kind=Notification.Kind.REPORT_REMINDER)
    assert list(reminders.values_list("recipient", flat=True)) == [unit_user.pk]
    assert batch.notifications_count == 1
    assert [mail.to for mail in mailoutbox] == [[unit_user.email]]
    assert "hạn gửi: 15/12/2019" in mailoutbox[0].body


def test_a_second_reminder_within_the_cool_down_is_refused_with_the_time_of_the_first(
    two_units_one_sent, province_user, unit_user, login_as
):
    reporting_year = two_units_one_sent
    client = login_as(province_user)
    url = reverse("reporting:year_remind", args=[reporting_year.pk])
    client.post(url)

    response = client.post(url, follow=True)

    assert ReminderBatch.objects.count() == 1
    assert Notification.objects.filter(kind="report_reminder").count() == 1
    assert "đã được nhắc lúc" in response.content.decode()


def test_a_reminder_is_allowed_again_after_the_cool_down(
    two_units_one_sent, province_user, unit_user, clock
):
    from sxsh_portal.notifications.services import REMIND_COOLDOWN

    reporting_year = two_units_one_sent
    services.reporting_year_remind_unsent(reporting_year=reporting_year, actor=province_user)
    first = ReminderBatch.objects.get()
    later = first.created_at + REMIND_COOLDOWN + datetime.timedelta(minutes=1)
    clock.move_to(later)

    services.reporting_year_remind_unsent(reporting_year=reporting_year, actor=province_user)

    assert ReminderBatch.objects.count() == 2


def test_units_other_provinces_and_the_ministry_cannot_remind(
    two_units_one_sent, unit_user, other_province_user, ministry_user, login_as
):
    url = reverse("reporting:year_remind", args=[two_units_one_sent.pk])

    assert login_as(unit_user).post(url).status_code == 404
    assert login_as(other_province_user).post(url).status_code == 404
    assert login_as(ministry_user).post(url).status_code == 403
    assert not ReminderBatch.objects.exists()


def test_a_reminder_is_refused_when_every_unit_has_sent(year_2019, province_user, unit_user):
    from django.core.exceptions import ValidationError

    for report in year_2019.unit_reports.all():
        UnitReport.objects.filter(pk=report.pk).update(
            state=UnitReport.State.ACCEPTED, submitted_at=report.updated_at
        )

    with pytest.raises(ValidationError, match="Mọi đơn vị đã gửi"):
        services.reporting_year_remind_unsent(reporting_year=year_2019, actor=province_user)
    assert not ReminderBatch.objects.exists()


def test_the_doit_is_told_which_units_could_not_be_reminded_for_want_of_an_account(
    two_units_one_sent, province_user, unit_user, login_as
):
    from sxsh_portal.accounts.models import RoleAssignment

    reporting_year = two_units_one_sent
    unsent = reporting_year.unit_reports.exclude(state=UnitReport.State.SUBMITTED).get()
    # The unsent unit's only account is withdrawn: nobody in the portal can be told.
    RoleAssignment.objects.filter(agency=unsent.agency).delete()

    response = login_as(province_user).post(
        reverse("reporting:year_remind", args=[reporting_year.pk]), follow=True
    )

    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert warnings == [
        "Các đơn vị sau chưa có tài khoản trên Cổng nên không nhận được lời nhắc; hãy liên hệ "
        f"trực tiếp: {unsent.agency.name}."
    ]
    assert not Notification.objects.filter(kind=Notification.Kind.REPORT_REMINDER).exists()
