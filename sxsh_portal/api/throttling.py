from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle

from .models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    """Requests per token (not per user: each of a user's systems has its own budget)."""

    scope = "token"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class AnonymousRateThrottle(AnonRateThrottle):
    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            return None
        return super().get_cache_key(request, view)
