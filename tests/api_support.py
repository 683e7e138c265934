"""Driving the API as a system would: a real personal token in the Authorization header."""

from __future__ import annotations

import itertools
import json

from django.test import Client

from sxsh_portal.api.services import api_token_create


class ApiClient:
    """A client that sends `Authorization: Bearer <key>` and JSON bodies."""

    def __init__(self, key: str | None = None):
        self.client = Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}

    def get(self, url, params=None, **headers):
        return self.client.get(url, params or {}, **self.headers, **headers)

    def _send(self, method, url, body, **headers):
        return getattr(self.client, method)(
            url,
            data=json.dumps(body if body is not None else {}),
            content_type="application/json",
            **self.headers,
            **headers,
        )

    def post(self, url, body=None, **headers):
        return self._send("post", url, body, **headers)

    def patch(self, url, body=None, **headers):
        return self._send("patch", url, body, **headers)


_numbers = itertools.count(1)


def api_as(user, *, name: str | None = None) -> ApiClient:
    """An API client holding a fresh token of the user (None: no token at all)."""
    if user is None:
        return ApiClient()
    name = name or f"khoá thử {next(_numbers)}"
    _token, key = api_token_create(user=user, name=name, days=30)
    return ApiClient(key)
