import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import DEMO_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def login(client, username, password):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR="10.0.0.7",
    )


def test_the_login_page_speaks_vietnamese(client):
    response = client.get(reverse("accounts:login"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Đăng nhập" in page
    assert "Tên đăng nhập" in page
    assert "Mật khẩu" in page


def test_a_user_logs_in_with_the_right_password_and_lands_on_the_home_page(client, province_user):
    response = login(client, "so-ct-thanh-hoa", DEMO_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    home = client.get(reverse("home")).content.decode()
    assert "Sở Công Thương Thanh Hóa" in home


def test_a_wrong_password_is_refused_with_a_vietnamese_message(client, province_user):
    response = login(client, "so-ct-thanh-hoa", "sai-mat-khau")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


def test_logging_out_ends_the_session(client, province_user):
    login(client, "so-ct-thanh-hoa", DEMO_PASSWORD)

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_user_changes_their_password_and_the_old_one_stops_working(client, province_user):
    login(client, "so-ct-thanh-hoa", DEMO_PASSWORD)

    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "Mot-mat-khau-moi-2027",
            "new_password2": "Mot-mat-khau-moi-2027",
        },
    )

    assert response.status_code == 302
    province_user.refresh_from_db()
    assert province_user.check_password("Mot-mat-khau-moi-2027")
    assert not province_user.check_password(DEMO_PASSWORD)


def test_password_reset_sends_a_vietnamese_email_whose_link_sets_a_new_password(client, db):
    user = UserFactory(username="can-bo-quen", email="can-bo@example.gov.vn")

    response = client.post(reverse("accounts:password_reset"), {"email": "can-bo@example.gov.vn"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Đặt lại mật khẩu Cổng SXSH"
    assert "Tên đăng nhập: can-bo-quen" in message.body
    link = re.search(r"https?://[^/]+(/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_password_url,
        {"new_password1": "Mat-khau-da-dat-lai-9", "new_password2": "Mat-khau-da-dat-lai-9"},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Mat-khau-da-dat-lai-9")


def test_password_reset_for_an_unknown_address_reveals_nothing_and_sends_nothing(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "khong-co@example.vn"})

    assert response.status_code == 302
    assert mail.outbox == []


def test_repeated_wrong_passwords_lock_the_login_even_for_the_right_password(
    client, province_user, settings
):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "so-ct-thanh-hoa", "doan-mo-mat-khau")

    response = login(client, "so-ct-thanh-hoa", DEMO_PASSWORD)

    assert response.status_code == 429
    assert "Tài khoản tạm thời bị khoá đăng nhập" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_below_the_limit_do_not_lock_the_user_out(client, province_user, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "so-ct-thanh-hoa", "go-nham")

    response = login(client, "so-ct-thanh-hoa", DEMO_PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(province_user.pk)
