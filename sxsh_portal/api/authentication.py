"""`Authorization: Bearer <key>` with a personal token. No session authentication: the API is
for other systems, and a browser's cookie must not be able to write through it (no CSRF)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .selectors import token_by_key
from .services import api_token_touch


class TokenAuthentication(authentication.BaseAuthentication):
    keywords = ("bearer", "token")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower().decode(errors="replace") not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Tiêu đề Authorization phải gồm chữ “Bearer”, một dấu cách và khoá.")
            )
        try:
            raw = header[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(_("Khoá API không hợp lệ.")) from exc
        token = token_by_key(raw)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Khoá API không hợp lệ."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("Khoá API đã bị thu hồi."))
        if not token.is_usable():
            raise exceptions.AuthenticationFailed(_("Khoá API đã hết hạn."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Tài khoản của khoá API đã bị khoá."))
        api_token_touch(token=token)
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
