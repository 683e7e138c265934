"""Writes of API tokens: created with an expiry, revoked, never shown twice."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken, ApiWrite

KEY_PREFIX = "sxsh_"
MAX_DAYS = 366
MAX_ACTIVE_TOKENS = 10


def key_hash(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user, name: str, days: int) -> tuple[ApiToken, str]:
    """A new token for the user; returns it with its key, which is never shown again."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Hãy đặt tên cho khoá (ví dụ: hệ thống thống kê).")})
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(
            {"days": _("Thời hạn phải từ 1 đến %(max)s ngày.") % {"max": MAX_DAYS}}
        )
    active = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    if active.filter(expires_at__gt=timezone.now()).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("Bạn đã có %(max)s khoá đang dùng; hãy thu hồi một khoá trước.")
            % {"max": MAX_ACTIVE_TOKENS}
        )
    if active.filter(name=name).exists():
        raise ValidationError({"name": _("Bạn đã có một khoá đang dùng với tên này.")})
    raw = KEY_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken(
        user=user,
        name=name,
        prefix=raw[: len(KEY_PREFIX) + 6],
        key_hash=key_hash(raw),
        created_at=now,
        expires_at=now + datetime.timedelta(days=days),
    )
    token.full_clean()
    try:
        with transaction.atomic():
            token.save()
    except IntegrityError as exc:  # the same name twice at the same moment
        raise ValidationError({"name": _("Bạn đã có một khoá đang dùng với tên này.")}) from exc
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor) -> ApiToken:
    """Revoke a token at once; revoking twice changes nothing."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_touch(*, token: ApiToken) -> None:
    """Record the use, at most once a minute, so reads do not write on every request."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def api_write_record(
    *,
    token: ApiToken,
    user,
    method: str,
    path: str,
    status_code: int,
    idempotency_key: str = "",
    response=None,
) -> ApiWrite:
    return ApiWrite.objects.create(
        token=token,
        user=user,
        method=method,
        path=path[:300],
        status_code=status_code,
        idempotency_key=idempotency_key[:100],
        response=response,
    )
