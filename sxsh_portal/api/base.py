"""What every API view shares: the caller's scope, and writes that are audited with their
token and answered once per Idempotency-Key."""

from __future__ import annotations

import json

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import permissions
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from sxsh_portal.accounts.access import scope_for

from .models import ApiToken
from .selectors import write_replayed
from .services import api_write_record

IDEMPOTENCY_HEADER = "HTTP_IDEMPOTENCY_KEY"


class Conflict(APIException):
    status_code = 409
    default_detail = _("Dữ liệu đã được thay đổi sau khi bạn đọc; hãy đọc lại rồi gửi lại.")
    default_code = "conflict"


class _Replay(Exception):
    def __init__(self, write):
        self.write = write


class TokenRequired(permissions.BasePermission):
    """Writes need a personal token; reads may be public where the view says so."""

    message = _("Cần khoá API (tiêu đề “Authorization: Bearer” kèm khoá) để ghi dữ liệu.")

    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or isinstance(request.auth, ApiToken)


class SignedInWithToken(permissions.BasePermission):
    message = _("Cần khoá API (tiêu đề “Authorization: Bearer” kèm khoá).")

    def has_permission(self, request, view):
        return isinstance(request.auth, ApiToken)


class ApiViewMixin:
    """Scope of the caller, audited writes, Idempotency-Key replay."""

    @property
    def scope(self):
        return scope_for(self.request.user)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method not in permissions.SAFE_METHODS and isinstance(request.auth, ApiToken):
            replay = write_replayed(token=request.auth, idempotency_key=self._idempotency_key())
            if replay is not None:
                raise _Replay(replay)

    def handle_exception(self, exc):
        if isinstance(exc, _Replay):
            response = Response(exc.write.response, status=exc.write.status_code)
            response["Idempotent-Replayed"] = "true"
            return response
        return super().handle_exception(exc)

    def _idempotency_key(self) -> str:
        return self.request.META.get(IDEMPOTENCY_HEADER, "")[:100]

    def dispatch(self, request, *args, **kwargs):
        if request.method in permissions.SAFE_METHODS:
            return super().dispatch(request, *args, **kwargs)
        try:
            with transaction.atomic():
                response = super().dispatch(request, *args, **kwargs)
                self._audit(response)
        except IntegrityError:
            # The same Idempotency-Key twice at the same moment: the first one's answer.
            replay = write_replayed(
                token=self.request.auth, idempotency_key=self._idempotency_key()
            )
            if replay is None:
                raise
            response = Response(replay.response, status=replay.status_code)
            response["Idempotent-Replayed"] = "true"
            return self.finalize_response(request, response, *args, **kwargs)
        return response

    def _audit(self, response) -> None:
        token = getattr(self.request, "auth", None)
        if not isinstance(token, ApiToken) or response.get("Idempotent-Replayed"):
            return
        data = getattr(response, "data", None)
        api_write_record(
            token=token,
            user=token.user,
            method=self.request.method,
            path=self.request.get_full_path(),
            status_code=response.status_code,
            idempotency_key=self._idempotency_key(),
            response=json.loads(json.dumps(data, cls=JSONEncoder)) if data is not None else None,
        )
