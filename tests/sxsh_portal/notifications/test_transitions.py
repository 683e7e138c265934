"""Every step of a report, a consolidated report, a registration and a publication tells
the people it concerns: in the portal, and by one e-mail in Vietnamese."""

import pytest
from django.urls import reverse

from facilities.models import Facility
from facilities.services import facility_reject, facility_verify
from reporting import services
from sxsh_portal.accounts.models import RoleAssignment
from sxsh_portal.notifications.models import Notification
from sxsh_portal.notifications.services import notification_email_deliver
from sxsh_portal.notifications.tasks import send_notification_email
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.reporting.conftest import make_facility

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_on_commit(django_capture_on_commit_callbacks):
    """Run a service as a request would: the e-mail tasks run when the transaction commits."""

    def run(action, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(**kwargs)

    return run


def test_a_submitted_report_tells_the_doit_in_the_portal_and_by_email(
    dong_son_report, unit_user, province_user, sent_on_commit, mailoutbox
):
    sent_on_commit(services.unit_report_submit, report=dong_son_report, actor=unit_user)

    notification = Notification.objects.get(recipient=province_user)
    assert notification.kind == Notification.Kind.REPORT_SUBMITTED
    assert notification.url == dong_son_report.get_absolute_url()
    assert notification.email_state == Notification.EmailState.SENT
    assert [mail.to for mail in mailoutbox] == [[province_user.email]]
    assert mailoutbox[0].subject == "[SXSH] UBND huyện Đông Sơn đã gửi báo cáo năm 2019"
    # The unit that acted is not told of its own action.
    assert not Notification.objects.filter(recipient=unit_user).exists()


def test_a_returned_report_tells_the_unit_the_reason_in_vietnamese(
    dong_son_report, unit_user, province_user, sent_on_commit, mailoutbox
):
    services.unit_report_submit(report=dong_son_report, actor=unit_user)
    mailoutbox.clear()
    sent_on_commit(
        services.unit_report_return,
        report=dong_son_report,
        actor=province_user,
        reason="Thiếu số cơ sở áp dụng SXSH",
    )

    notification = Notification.objects.get(recipient=unit_user)
    assert notification.kind == Notification.Kind.REPORT_RETURNED
    assert "Lý do: Thiếu số cơ sở áp dụng SXSH" in notification.body
    (mail,) = mailoutbox
    assert mail.to == [unit_user.email]
    assert mail.subject == "[SXSH] Báo cáo năm 2019 của UBND huyện Đông Sơn bị trả lại"
    assert "Lý do: Thiếu số cơ sở áp dụng SXSH" in mail.body
    assert f"http://127.0.0.1:8000/bao-cao/{dong_son_report.pk}/" in mail.body


def test_accepting_and_reopening_tell_the_unit(
    dong_son_report, unit_user, province_user, sent_on_commit, mailoutbox
):
    services.unit_report_submit(report=dong_son_report, actor=unit_user)
    sent_on_commit(services.unit_report_accept, report=dong_son_report, actor=province_user)
    sent_on_commit(
        services.unit_report_reopen, report=dong_son_report, actor=province_user, reason="Sai số"
    )

    kinds = list(
        Notification.objects.filter(recipient=unit_user)
        .order_by("pk")
        .values_list("kind", flat=True)
    )
    assert kinds == [Notification.Kind.REPORT_ACCEPTED, Notification.Kind.REPORT_REOPENED]
    assert [mail.to for mail in mailoutbox] == [[unit_user.email], [unit_user.email]]


def test_a_sent_consolidated_report_tells_the_ministry(
    year_2019, province_user, ministry_user, sent_on_commit, mailoutbox
):
    sent_on_commit(
        services.consolidated_report_submit, reporting_year=year_2019, actor=province_user
    )

    notification = Notification.objects.get(recipient=ministry_user)
    assert notification.kind == Notification.Kind.CONSOLIDATED_SENT
    assert notification.subject == "Thanh Hóa đã gửi báo cáo tổng hợp năm 2019"
    assert [mail.to for mail in mailoutbox] == [[ministry_user.email]]


def test_a_verified_or_rejected_registration_tells_its_representatives(
    dong_son, province_user, sent_on_commit, mailoutbox
):
    verified = make_facility(
        admin_unit=dong_son, tax_code="2800000201", status=Facility.Status.PENDING
    )
    rejected = make_facility(
        admin_unit=dong_son, tax_code="2800000202", status=Facility.Status.PENDING
    )
    alice = UserFactory(username="dai-dien-1")
    bob = UserFactory(username="dai-dien-2")
    verified.representatives.create(user=alice)
    rejected.representatives.create(user=bob)

    sent_on_commit(facility_verify, facility=verified, actor=province_user)
    sent_on_commit(facility_reject, facility=rejected, actor=province_user, reason="Sai mã số")

    assert Notification.objects.get(recipient=alice).kind == "registration_verified"
    refusal = Notification.objects.get(recipient=bob)
    assert refusal.kind == "registration_rejected"
    assert "Lý do: Sai mã số" in refusal.body
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted([alice.email, bob.email])


def test_a_notification_is_emailed_once_even_if_the_task_runs_twice(
    dong_son_report, unit_user, province_user, mailoutbox
):
    # Without the commit hook: the task is run by hand, twice, as a redelivered message would.
    services.unit_report_submit(report=dong_son_report, actor=unit_user)
    notification = Notification.objects.get(recipient=province_user)
    assert notification.email_state == Notification.EmailState.QUEUED

    assert send_notification_email.apply(args=[notification.pk]).get() is True
    assert send_notification_email.apply(args=[notification.pk]).get() is False
    assert notification_email_deliver(notification_id=notification.pk) is False

    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.email_state == Notification.EmailState.SENT
    assert notification.email_attempts == 1


def test_a_failing_mail_server_leaves_the_email_queued_for_the_retry(
    dong_son_report, unit_user, province_user, monkeypatch, mailoutbox
):
    services.unit_report_submit(report=dong_son_report, actor=unit_user)
    notification = Notification.objects.get(recipient=province_user)

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("sxsh_portal.notifications.services.send_mail", refuse)
    with pytest.raises(ConnectionRefusedError):
        notification_email_deliver(notification_id=notification.pk)
    notification.refresh_from_db()
    assert notification.email_state == Notification.EmailState.QUEUED
    # The task retries on exactly this kind of error, with back-off.
    assert issubclass(ConnectionRefusedError, send_notification_email.autoretry_for)

    monkeypatch.undo()
    assert notification_email_deliver(notification_id=notification.pk) is True
    assert len(mailoutbox) == 1


def test_a_user_who_turned_emails_off_is_told_only_in_the_portal(
    dong_son_report, unit_user, province_user, login_as, sent_on_commit, mailoutbox
):
    response = login_as(province_user).post(reverse("notifications:preference"), {})
    assert response.status_code == 302

    sent_on_commit(services.unit_report_submit, report=dong_son_report, actor=unit_user)

    notification = Notification.objects.get(recipient=province_user)
    assert notification.email_state == Notification.EmailState.NONE
    assert mailoutbox == []


def test_inactive_users_and_other_provinces_are_not_told(
    dong_son_report, unit_user, province_user, other_province_user, thanh_hoa_doit
):
    retired = UserFactory(username="nghi-huu", is_active=False)
    RoleAssignmentFactory(user=retired, role=RoleAssignment.Role.PROVINCE, agency=thanh_hoa_doit)

    services.unit_report_submit(report=dong_son_report, actor=unit_user)

    assert list(Notification.objects.values_list("recipient", flat=True)) == [province_user.pk]


def test_the_navigation_bar_counts_unread_notifications_and_reading_clears_them(
    dong_son_report, unit_user, province_user, login_as
):
    services.unit_report_submit(report=dong_son_report, actor=unit_user)
    client = login_as(province_user)
    notification = Notification.objects.get(recipient=province_user)

    page = client.get(reverse("home")).content.decode()
    assert 'data-unread="1"' in page

    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == dong_son_report.get_absolute_url()
    assert 'data-unread="' not in client.get(reverse("home")).content.decode()


def test_a_user_cannot_open_someone_elses_notification(
    dong_son_report, unit_user, province_user, login_as
):
    services.unit_report_submit(report=dong_son_report, actor=unit_user)
    notification = Notification.objects.get(recipient=province_user)

    response = login_as(unit_user).post(reverse("notifications:open", args=[notification.pk]))

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_the_notification_list_shows_the_users_own_and_marks_all_read(
    dong_son_report, unit_user, province_user, login_as
):
    services.unit_report_submit(report=dong_son_report, actor=unit_user)
    client = login_as(province_user)

    page = client.get(reverse("notifications:list")).content.decode()
    assert "UBND huyện Đông Sơn đã gửi báo cáo năm 2019" in page
    assert (
        "UBND huyện Đông Sơn"
        not in login_as(unit_user)
        .get(reverse("notifications:list"))
        .content.decode()
        .split('id="notifications"')[1]
    )

    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(recipient=province_user, read_at__isnull=True).exists()


def test_the_list_follows_the_readers_language(dong_son_report, unit_user, province_user, login_as):
    services.unit_report_submit(report=dong_son_report, actor=unit_user)
    client = login_as(province_user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    page = client.get(reverse("notifications:list")).content.decode()

    assert "UBND huyện Đông Sơn submitted the 2019 report" in page


def test_the_email_setting_is_on_the_profile_page_and_returns_there(province_user, login_as):
    client = login_as(province_user)
    profile = reverse("accounts:profile")

    page = client.get(profile).content.decode()
    response = client.post(reverse("notifications:preference"), {"next": profile})

    assert 'name="email_enabled" id="id_email_enabled" checked' in page
    assert response["Location"] == profile
    assert 'id="id_email_enabled" checked' not in client.get(profile).content.decode()
    client.post(reverse("notifications:preference"), {"email_enabled": "on"})
    assert 'id="id_email_enabled" checked' in client.get(profile).content.decode()


def test_the_setting_never_redirects_outside_the_portal(province_user, login_as):
    response = login_as(province_user).post(
        reverse("notifications:preference"), {"next": "https://example.com/"}
    )
    assert response["Location"] == reverse("notifications:list")


def test_a_broker_that_is_down_does_not_break_the_submission_and_the_sweeper_sends_later(
    dong_son_report,
    unit_user,
    province_user,
    login_as,
    monkeypatch,
    mailoutbox,
    clock,
    django_capture_on_commit_callbacks,
):
    import datetime

    from django.utils import timezone

    from sxsh_portal.notifications.services import notification_emails_requeue

    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("redis down")

    monkeypatch.setattr(send_notification_email, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        response = login_as(unit_user).post(
            reverse("reporting:report_submit", args=[dong_son_report.pk]),
            {"version": dong_son_report.version, "confirmed": "1"},
        )

    assert response.status_code == 302
    notification = Notification.objects.get(recipient=province_user)
    assert notification.email_state == Notification.EmailState.QUEUED
    monkeypatch.undo()
    assert notification_emails_requeue() == 0  # too fresh: its own task may still run
    clock.move_to(timezone.now() + datetime.timedelta(minutes=16))

    assert notification_emails_requeue() == 1
    assert notification_emails_requeue() == 0
    assert len(mailoutbox) == 1


def test_a_loader_replaying_history_can_mute_notifications(dong_son_report, unit_user):
    from sxsh_portal.notifications.services import notifications_muted

    with notifications_muted():
        services.unit_report_submit(report=dong_son_report, actor=unit_user)

    assert not Notification.objects.exists()
