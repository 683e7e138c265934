"""Request hardening that settings alone cannot express (issue 14)."""

import ipaddress

from django.conf import settings
from django.utils.cache import add_never_cache_headers

_FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST")


def _from_trusted_proxy(remote_addr: str) -> bool:
    """Whether the connection comes from a declared reverse proxy.

    TRUSTED_PROXY_COUNT=0 (the default): no proxy, nobody's X-Forwarded-* is believed.
    With proxies but no TRUSTED_PROXY_IPS, any peer is taken for the proxy (gunicorn must then
    be reachable by the proxy only, as docker-compose.yml publishes it on the loopback).
    """
    if not settings.TRUSTED_PROXY_COUNT:
        return False
    if not settings.TRUSTED_PROXY_IPS:
        return True
    try:
        address = ipaddress.ip_address(remote_addr)
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(network, strict=False)
        for network in settings.TRUSTED_PROXY_IPS
    )


def client_ip(request) -> str | None:
    """The client's address as the trusted proxies saw it (AXES_CLIENT_IP_CALLABLE).

    Each proxy appends the address it was reached from, so with N proxies the N-th entry from
    the right of X-Forwarded-For is the one the client could not write; entries to its left
    are whatever the client sent.
    """
    remote = request.META.get("REMOTE_ADDR")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not forwarded or not _from_trusted_proxy(remote or ""):
        return remote
    entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
    count = settings.TRUSTED_PROXY_COUNT
    if len(entries) < count:
        return remote
    candidate = entries[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class TrustedProxyMiddleware:
    """Forget X-Forwarded-* headers unless they come from a declared proxy, so that neither
    the HTTPS check (SECURE_PROXY_SSL_HEADER) nor anything else believes a client's claim."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _from_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
            for header in _FORWARDED_HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)


class NoStoreForSignedInMiddleware:
    """A signed-in page must not stay in a shared or back-button cache after logout."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
