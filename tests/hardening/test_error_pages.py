"""Vietnamese error pages and messages (issue 14, item 6).

Before: every 400/403/404/500/CSRF page was Django's English default, `make run` showed the
debug page listing every URL pattern, and Django's own messages ("Null characters are not
allowed.", the password rules) were English or mistranslated ("Nhập một số tổng thể.").
"""

import pytest
from django import forms
from django.contrib.auth import password_validation
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.test_settings import run_django

pytestmark = pytest.mark.django_db

_MAKE_RUN_404 = """
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client()
page = client.get("/khong-co-trang-nay/")
static = client.get("/static/css/portal.css")
print(page.status_code, static.status_code)
print(page.content.decode())
"""


def test_under_the_make_run_settings_an_unknown_url_shows_the_vietnamese_404():
    # `make run` sets nothing: the settings it gets are the embedded defaults.
    result = run_django(_MAKE_RUN_404, {})

    assert result.returncode == 0, result.stderr
    statuses, page = result.stdout.split("\n", 1)
    assert statuses == "404 200"  # and the static files are still served
    assert "Không tìm thấy trang" in page
    assert "URLconf" not in page
    assert "chien-luoc/" not in page.split("<main", 1)[1]


def test_a_developer_asks_for_debug_pages_with_debug_true():
    result = run_django(_MAKE_RUN_404, {"DEBUG": "true"})

    assert result.returncode == 0, result.stderr
    assert "URLconf" in result.stdout


def test_an_unknown_page_is_answered_in_vietnamese(client):
    response = client.get("/khong-co-trang-nay/")

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_a_forbidden_page_is_answered_in_vietnamese(client_as, outsider_user):
    response = client_as(outsider_user).get(reverse("facilities:facility_list"))

    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()


def test_a_bad_request_is_answered_in_vietnamese(client):
    response = client.get("/", HTTP_HOST="ke-gia-mao.example")

    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_a_server_error_is_answered_in_vietnamese(client, settings):
    settings.ROOT_URLCONF = "tests.hardening.urls_failing"
    client.raise_request_exception = False

    response = client.get("/loi-thu/")

    assert response.status_code == 500
    page = response.content.decode()
    assert "Lỗi máy chủ" in page
    assert "RuntimeError" not in page


def test_a_form_sent_without_its_csrf_token_is_refused_in_vietnamese(db):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("accounts:login"), {"username": "a", "password": "b"})

    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in response.content.decode()
    assert "CSRF verification failed" not in response.content.decode()


def test_error_pages_follow_the_chosen_language(client):
    client.cookies["django_language"] = "en"

    assert "Page not found" in client.get("/khong-co-trang-nay/").content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (forms.IntegerField, "1,5", "Nhập một số nguyên."),
        (forms.CharField, "a\x00b", "Không được nhập ký tự rỗng (NUL)."),
        (forms.DecimalField, "NaN", "Nhập một số."),
        (forms.FloatField, "Infinity", "Nhập một số."),
    ],
)
def test_djangos_field_messages_are_vietnamese_and_correct(field, value, message):
    with translation.override("vi"), pytest.raises(forms.ValidationError) as error:
        field().clean(value)

    with translation.override("vi"):
        assert error.value.messages == [message]


def test_the_password_rules_are_vietnamese(client, province_user, client_as):
    response = client_as(province_user).post(
        reverse("accounts:password_change"),
        {"old_password": "x", "new_password1": "12345", "new_password2": "12345"},
    )
    page = response.content.decode()
    with translation.override("vi"):
        help_texts = password_validation.password_validators_help_texts()

    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in page
    assert "Mật khẩu này chỉ gồm chữ số." in page
    assert "Mật khẩu phải có ít nhất 8 ký tự." in help_texts
    assert not any("password" in text for text in help_texts)
