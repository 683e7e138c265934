"""Request hardening that settings alone cannot express (issue 14)."""

import ipaddress

from django.conf import settings
from django.utils.cache import add_never_cache_headers

_FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST")


def _networks(addresses):
    return [ipaddress.ip_network(address, strict=False) for address in addresses]


class TrustedProxyMiddleware:
    """Forget X-Forwarded-* headers unless they come from a declared proxy.

    With TRUSTED_PROXY_COUNT=0 (no proxy) nobody may claim HTTPS or another address; with
    TRUSTED_PROXY_IPS set, only connections from those addresses may. The lockout
    (django-axes via ipware) and the HTTPS redirect then read what the proxy wrote, never
    what a client wrote.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.proxies = settings.TRUSTED_PROXY_COUNT
        self.trusted = _networks(settings.TRUSTED_PROXY_IPS)

    def _from_trusted_proxy(self, remote_addr: str) -> bool:
        if not self.proxies:
            return False
        if not self.trusted:
            return True
        try:
            address = ipaddress.ip_address(remote_addr)
        except ValueError:
            return False
        return any(address in network for network in self.trusted)

    def __call__(self, request):
        if not self._from_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
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
