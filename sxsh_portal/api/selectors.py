from __future__ import annotations

from django.http import Http404

from .models import ApiToken, ApiWrite
from .services import key_hash


def tokens_of(*, user):
    return ApiToken.objects.filter(user=user)


def token_of_user_get(*, user, pk: int) -> ApiToken:
    """A user's own token; 404 for anyone else's."""
    try:
        return ApiToken.objects.get(user=user, pk=pk)
    except ApiToken.DoesNotExist as exc:
        raise Http404 from exc


def token_by_key(raw_key: str) -> ApiToken | None:
    return (
        ApiToken.objects.select_related("user").filter(key_hash=key_hash(raw_key)).first()
        if raw_key
        else None
    )


def write_replayed(*, token: ApiToken, idempotency_key: str) -> ApiWrite | None:
    if not idempotency_key:
        return None
    return ApiWrite.objects.filter(token=token, idempotency_key=idempotency_key[:100]).first()
