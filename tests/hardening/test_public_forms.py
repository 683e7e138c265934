"""Public forms: no probing, no flooding, no server error (issue 14, item 2 and small leaks).

Before: the registration form answered "Mã số thuế … đã được đăng ký" / "Tên đăng nhập này đã có
người dùng", password-reset and registration POSTs were unlimited, an SMTP failure still said
"sent", and an impossible province id or a 60,000-character search answered 500.
"""

import smtplib

import pytest
from django.urls import reverse

from facilities.models import Facility
from sxsh_portal.accounts.models import User
from tests.facilities.test_registration import REGISTER, registration_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HUGE_ID = "99999999999999999999"


def answer(response):
    """What a visitor sees of a registration POST: status, redirect and page text."""
    return response.status_code, response.get("Location"), response.content


def test_registration_answers_the_same_whether_or_not_the_tax_code_is_taken(
    client, thanh_hoa, dong_son, sectors, brewery
):
    taken = client.post(
        REGISTER, registration_data(thanh_hoa, dong_son, sectors, tax_code=brewery.tax_code)
    )
    fresh = client.post(
        REGISTER,
        registration_data(
            thanh_hoa, dong_son, sectors, tax_code="2809999999", username="nguoi-moi"
        ),
    )

    assert answer(taken) == answer(fresh)
    assert Facility.objects.filter(tax_code=brewery.tax_code).count() == 1


def test_registration_answers_the_same_whether_or_not_the_username_is_taken(
    client, thanh_hoa, dong_son, sectors, mailoutbox
):
    UserFactory(username="da-co")

    taken = client.post(REGISTER, registration_data(thanh_hoa, dong_son, sectors, username="da-co"))
    fresh = client.post(
        REGISTER,
        registration_data(thanh_hoa, dong_son, sectors, tax_code="2809999999", username="moi"),
    )

    assert answer(taken) == answer(fresh)
    assert not Facility.objects.filter(tax_code="2801234567").exists()
    assert "Tên đăng nhập da-co đã có người dùng" in mailoutbox[0].body
    assert "Cổng đã nhận hồ sơ đăng ký" in mailoutbox[1].body


def test_registration_posts_are_limited_per_username(
    client, thanh_hoa, dong_son, sectors, settings
):
    settings.RATE_LIMIT_PER_TARGET = 2
    data = registration_data(thanh_hoa, dong_son, sectors, password2="khong-khop")
    for _attempt in range(2):
        assert client.post(REGISTER, data).status_code == 200

    limited = client.post(REGISTER, data)

    assert limited.status_code == 429
    assert "Có quá nhiều lần đăng ký" in limited.content.decode()


def test_password_reset_posts_are_limited_per_address(client, db, settings, mailoutbox):
    settings.RATE_LIMIT_PER_IP = 3
    UserFactory(username="nan-nhan", email="nan-nhan@example.gov.vn")
    url = reverse("accounts:password_reset")
    for number in range(3):
        client.post(url, {"email": f"thu-{number}@example.vn"})

    limited = client.post(url, {"email": "nan-nhan@example.gov.vn"})

    assert limited.status_code == 429
    assert "quá nhiều yêu cầu đặt lại mật khẩu" in limited.content.decode()
    assert mailoutbox == []


def test_password_reset_mails_to_one_person_are_limited_from_any_address(
    client, db, settings, mailoutbox
):
    settings.RATE_LIMIT_PER_TARGET = 2
    UserFactory(username="nan-nhan", email="nan-nhan@example.gov.vn")
    url = reverse("accounts:password_reset")
    for number in range(4):
        client.post(url, {"email": "nan-nhan@example.gov.vn"}, REMOTE_ADDR=f"198.51.100.{number}")

    assert len(mailoutbox) == 2


def test_a_mail_server_failure_is_told_in_vietnamese_not_reported_as_sent(client, db, monkeypatch):
    UserFactory(username="can-bo", email="can-bo@example.gov.vn")

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)

    response = client.post(reverse("accounts:password_reset"), {"email": "can-bo@example.gov.vn"})

    assert response.status_code == 200
    assert "Chưa gửi được thư đặt lại mật khẩu" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        reverse("facilities:register_units") + f"?province={HUGE_ID}",
        reverse("facilities:register") + f"?province={HUGE_ID}",
    ],
)
def test_an_impossible_province_id_on_the_public_registration_is_no_server_error(client, db, url):
    assert client.get(url).status_code == 200


def test_an_impossible_province_and_unit_posted_to_the_registration_are_refused_as_choices(
    client, thanh_hoa, dong_son, sectors
):
    data = registration_data(thanh_hoa, dong_son, sectors, province=HUGE_ID, admin_unit=HUGE_ID)

    response = client.post(REGISTER, data)

    assert response.status_code == 200
    assert not User.objects.filter(username="nongsan-dongson").exists()


@pytest.mark.parametrize("name", ["facilities:facility_list", "facilities:library"])
def test_a_60000_character_search_is_no_server_error(client_as, ministry_user, sectors, name):
    response = client_as(ministry_user).get(reverse(name), {"q": "a" * 60_000})

    assert response.status_code == 200
