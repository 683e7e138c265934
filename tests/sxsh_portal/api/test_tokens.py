"""Personal API tokens: made and revoked in the portal, shown once, kept as a hash, refused
when revoked or expired, throttled per token; errors as Vietnamese problem+json."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sxsh_portal.api.models import ApiToken
from sxsh_portal.api.services import key_hash
from sxsh_portal.api.throttling import TokenRateThrottle
from tests.api_support import ApiClient, api_as

PROGRAMMES = "/api/v1/programmes/"
FACILITIES = "/api/v1/facilities/"


@pytest.mark.django_db
def test_a_token_made_on_the_page_is_shown_once_and_stored_only_as_a_hash(client_as, province_user):
    client = client_as(province_user)

    response = client.post(reverse("api_tokens:list"), {"name": "Hệ thống thống kê", "days": 90})

    assert response.status_code == 201
    key = re.search(r'id="new-api-key">([^<]+)<', response.content.decode()).group(1)
    token = ApiToken.objects.get(user=province_user)
    assert token.key_hash == key_hash(key) and key not in token.key_hash
    assert token.expires_at.date() == (timezone.now() + datetime.timedelta(days=90)).date()
    assert response["Cache-Control"].startswith("no-store")
    listed = client.get(reverse("api_tokens:list")).content.decode()
    assert "Hệ thống thống kê" in listed and key not in listed
    assert ApiClient(key).get(FACILITIES).status_code == 200


@pytest.mark.django_db
def test_a_token_name_must_be_given_and_unique_among_active_tokens(client_as, province_user):
    client = client_as(province_user)
    client.post(reverse("api_tokens:list"), {"name": "Hệ thống", "days": 30})

    again = client.post(reverse("api_tokens:list"), {"name": " Hệ   thống ", "days": 30})
    blank = client.post(reverse("api_tokens:list"), {"name": "   ", "days": 30})
    odd_days = client.post(reverse("api_tokens:list"), {"name": "Khác", "days": 5000})

    assert again.status_code == 400 and "đã có một khoá đang dùng" in again.content.decode()
    assert blank.status_code == 400 and odd_days.status_code == 400
    assert ApiToken.objects.filter(user=province_user).count() == 1


@pytest.mark.django_db
def test_a_revoked_token_is_refused_with_a_vietnamese_problem(client_as, province_user):
    api = api_as(province_user)
    token = ApiToken.objects.get(user=province_user)

    response = client_as(province_user).post(reverse("api_tokens:revoke", args=[token.pk]))
    refused = api.get(FACILITIES)

    assert response.status_code == 302
    assert refused.status_code == 401
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["detail"] == "Khoá API đã bị thu hồi."
    assert refused.json()["title"] == "Chưa xác thực."


@pytest.mark.django_db
def test_an_expired_token_is_refused(province_user):
    api = api_as(province_user)
    ApiToken.objects.filter(user=province_user).update(
        created_at=timezone.now() - datetime.timedelta(days=40),
        expires_at=timezone.now() - datetime.timedelta(seconds=1),
    )

    response = api.get(FACILITIES)

    assert response.status_code == 401
    assert response.json()["detail"] == "Khoá API đã hết hạn."


@pytest.mark.django_db
def test_an_unknown_or_malformed_key_is_refused_not_a_server_error(db):
    for header in ("Bearer sai-khoa", "Bearer", "Bearer a b", "Token \u0000"):
        response = ApiClient().get(PROGRAMMES, HTTP_AUTHORIZATION=header)
        assert response.status_code == 401, header


@pytest.mark.django_db
def test_nobody_can_revoke_another_users_token(client_as, province_user, other_province_user):
    api_as(province_user)
    token = ApiToken.objects.get(user=province_user)

    response = client_as(other_province_user).post(reverse("api_tokens:revoke", args=[token.pk]))

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.django_db
def test_each_token_has_its_own_request_budget(monkeypatch, province_user):
    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": "3/min"})
    first, second = api_as(province_user, name="một"), api_as(province_user, name="hai")

    answers = [first.get(PROGRAMMES).status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]
    assert first.get(PROGRAMMES).json()["title"] == "Quá nhiều yêu cầu."
    assert second.get(PROGRAMMES).status_code == 200


def test_the_schema_generates_and_validates_without_warnings(tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )

    assert "/api/v1/unit-reports/{id}/submit/" in (tmp_path / "schema.yaml").read_text()


@pytest.mark.django_db
def test_the_documentation_page_uses_only_the_portals_own_assets(client):
    page = client.get(reverse("api-docs"))

    assert page.status_code == 200
    html = page.content.decode()
    assert re.findall(r'(?:src|href)="(https?:)?//', html) == []
    assert client.get(reverse("api-schema")).status_code == 200
