"""A login lockout an attacker cannot aim (issue 14, item 2).

Before: axes counted per (username, REMOTE_ADDR) and behind the proxy every client shared the
proxy's address, so five wrong passwords from anywhere locked the account for everyone; a
forged X-Forwarded-For was not the answer either. Each attempt while locked restarted the
cool-off, a password reset did not unlock, and the page said "30 phút" whatever the setting.
"""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse

from tests.factories import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


def login(client, password, *, forwarded_for=None, remote=PROXY):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    return client.post(
        reverse("accounts:login"),
        {"username": "so-ct-thanh-hoa", "password": password},
        REMOTE_ADDR=remote,
        **headers,
    )


def lock_out(client, settings, **where):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "doan-mo-mat-khau", **where)


@pytest.fixture
def behind_one_proxy(settings):
    # What `TRUSTED_PROXY_COUNT=1 TRUSTED_PROXY_IPS=10.0.0.2` gives in settings.py.
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_IPS = [PROXY]


def test_behind_the_proxy_an_attacker_locks_only_their_own_address(
    client, province_user, settings, behind_one_proxy
):
    lock_out(client, settings, forwarded_for="203.0.113.66")

    officer = login(client, DEMO_PASSWORD, forwarded_for="198.51.100.7")

    assert officer.status_code == 302
    assert client.session["_auth_user_id"] == str(province_user.pk)


def test_behind_the_proxy_the_attackers_own_address_is_locked(
    client, province_user, settings, behind_one_proxy
):
    lock_out(client, settings, forwarded_for="203.0.113.66")

    again = login(client, DEMO_PASSWORD, forwarded_for="203.0.113.66")

    assert again.status_code == 429


def test_a_forged_forwarded_for_does_not_dodge_the_lock_behind_the_proxy(
    client, province_user, settings, behind_one_proxy
):
    # The proxy appends the address it saw; what the client wrote to its left is ignored.
    for number in range(settings.AXES_FAILURE_LIMIT):
        login(client, "sai", forwarded_for=f"192.0.2.{number}, 203.0.113.66")

    again = login(client, DEMO_PASSWORD, forwarded_for="192.0.2.200, 203.0.113.66")

    assert again.status_code == 429


def test_a_forged_forwarded_for_from_a_client_is_ignored_without_a_declared_proxy(
    client, province_user, settings
):
    # No proxy declared: spreading fake X-Forwarded-For values does not dodge the lock.
    for number in range(settings.AXES_FAILURE_LIMIT):
        login(client, "sai", forwarded_for=f"192.0.2.{number}", remote="203.0.113.66")

    again = login(client, DEMO_PASSWORD, forwarded_for="192.0.2.200", remote="203.0.113.66")

    assert again.status_code == 429


def test_attempts_while_locked_do_not_restart_the_cool_off(client, province_user, settings):
    lock_out(client, settings)
    attempt = AccessAttempt.objects.get()
    locked_since = attempt.attempt_time - datetime.timedelta(minutes=20)
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=locked_since)

    login(client, "van-sai")
    login(client, "van-sai")

    assert AccessAttempt.objects.get().attempt_time == locked_since


def test_the_lock_page_states_the_configured_cool_off(client, province_user, settings):
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=45)
    lock_out(client, settings)

    page = login(client, DEMO_PASSWORD).content.decode()

    assert "45 phút" in page
    assert "30 phút" not in page


def test_a_completed_password_reset_lifts_the_lock(client, province_user, settings):
    lock_out(client, settings)
    assert login(client, DEMO_PASSWORD).status_code == 429

    client.post(reverse("accounts:password_reset"), {"email": province_user.email})
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(
        set_password_url,
        {"new_password1": "Mat-khau-moi-an-toan-7", "new_password2": "Mat-khau-moi-an-toan-7"},
    )

    assert login(client, "Mat-khau-moi-an-toan-7").status_code == 302
