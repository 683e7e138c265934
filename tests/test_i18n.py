"""Vietnamese first, English on request: the switcher's choice sticks, the browser's does not."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_portal_opens_in_vietnamese_even_for_an_english_browser(client):
    page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert '<html lang="vi">' in page.content.decode()
    assert "Sản xuất sạch hơn trong công nghiệp" in page.content.decode()


def test_choosing_english_in_the_switcher_shows_the_pages_in_english(client):
    switched = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert switched.status_code == 302
    assert switched.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    page = client.get(reverse("accounts:login")).content.decode()

    assert '<html lang="en">' in page
    assert "Log in" in page
    assert "Đăng nhập" not in page


def test_dates_read_day_month_year_in_english_too(client, thanh_hoa, ha_giang, province_user):
    from strategies.services import seed_documents_load

    seed_documents_load()
    client.force_login(province_user, backend="django.contrib.auth.backends.ModelBackend")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get(reverse("strategies:strategy_detail", args=[1])).content.decode()

    assert "07/09/2009" in page


def test_an_english_visitors_language_ends_with_their_request(client):
    """The thread that served an English page goes on in Vietnamese: a document rendered or
    an e-mail written next (a task run in-process, the next request) must not be in English."""
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("home"))

    assert response["Content-Language"] == "en"
    assert translation.get_language() == settings.LANGUAGE_CODE
    assert str(translation.gettext("Số")) == "Số"
