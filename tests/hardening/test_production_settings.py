"""Production cannot be misconfigured into weakness (issue 14, item 5).

Before: `check --deploy` printed 2 warnings (HSTS, SSL redirect), production honoured DEBUG=true
and SESSION_COOKIE_SECURE=false, X-Forwarded-Proto was believed from any address, there was no
Content-Security-Policy and signed-in pages had no Cache-Control: no-store.
"""

import json
import secrets

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.test_settings import LOAD_SETTINGS, run_django

pytestmark = pytest.mark.django_db

PRODUCTION = {
    "SXSH_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "sxsh.example.gov.vn",
}

_CHECK_DEPLOY = """
import django
django.setup()
from django.core.management import call_command
call_command("check", "--deploy", "--fail-level", "WARNING")
"""

_SECURITY = """
import json
from django.conf import settings
print(json.dumps({
    name: getattr(settings, name, None)
    for name in (
        "DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS", "SECURE_PROXY_SSL_HEADER",
    )
}))
"""


def security_settings(**environment):
    result = run_django(_SECURITY, {**PRODUCTION, **environment})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_prints_no_warning_in_production():
    result = run_django(_CHECK_DEPLOY, PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr + result.stdout
    assert "no issues" in result.stdout + result.stderr


def test_production_forces_https_hsts_and_secure_cookies():
    chosen = security_settings()

    assert chosen["DEBUG"] is False
    assert chosen["SESSION_COOKIE_SECURE"] is True
    assert chosen["CSRF_COOKIE_SECURE"] is True
    assert chosen["SECURE_SSL_REDIRECT"] is True
    assert chosen["SECURE_HSTS_SECONDS"] >= 31_536_000


@pytest.mark.parametrize(
    "variable", ["DEBUG=true", "SESSION_COOKIE_SECURE=false", "CSRF_COOKIE_SECURE=false"]
)
def test_production_refuses_to_start_with_debug_or_insecure_cookies(variable):
    name, value = variable.split("=")

    result = run_django(LOAD_SETTINGS, {**PRODUCTION, name: value})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert name in result.stderr


def test_the_forwarded_protocol_is_believed_only_with_a_declared_proxy():
    assert security_settings()["SECURE_PROXY_SSL_HEADER"] is None
    assert security_settings(TRUSTED_PROXY_COUNT="1")["SECURE_PROXY_SSL_HEADER"] == [
        "HTTP_X_FORWARDED_PROTO",
        "https",
    ]


def test_a_client_claiming_https_without_a_proxy_is_still_redirected(client, settings):
    # Production with a proxy declared at 10.0.0.2: a direct client's header is dropped.
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_IPS = ["10.0.0.2"]
    with override_settings(
        SECURE_SSL_REDIRECT=True, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")
    ):
        forged = client.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_PROTO="https")
        proxied = client.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_PROTO="https")

    assert forged.status_code == 301
    assert forged["Location"].startswith("https://")
    assert proxied.status_code == 200


def test_every_page_carries_a_content_security_policy_without_inline_code(client, db):
    policy = client.get("/")["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert directives["frame-ancestors"] == "'none'"


@pytest.mark.parametrize(
    "name",
    ["home", "accounts:profile", "facilities:facility_list", "strategies:plan_list"],
)
def test_signed_in_pages_are_not_stored_by_caches(client_as, province_user, name):
    response = client_as(province_user).get(reverse(name), follow=True)

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_public_pages_for_visitors_may_be_cached(client, db):
    assert "no-store" not in client.get(reverse("strategies:strategy_list")).get(
        "Cache-Control", ""
    )
