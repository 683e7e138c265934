"""A cache-based limit on public POSTs (password reset, self-registration).

Counted per client address (the one the trusted proxies report, as for the login lockout) and
per target (e-mail address, username, tax code), each in a window of one hour, so neither one
address nor a spread of addresses can flood one person's mailbox.
"""

import hashlib
import logging

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 3600


def _count(key: str) -> int:
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        return 1


def _target_key(action: str, target: str) -> str:
    digest = hashlib.sha256(target.strip().lower().encode()).hexdigest()[:32]
    return f"ratelimit:{action}:target:{digest}"


def rate_limited(request, *, action: str, targets: list[str]) -> bool:
    """Count this attempt; True when the address or a target is over its limit this hour."""
    try:
        ip = get_client_ip_address(request) or "unknown"
        over = _count(f"ratelimit:{action}:ip:{ip}") > settings.RATE_LIMIT_PER_IP
        for target in targets:
            if target and _count(_target_key(action, target)) > settings.RATE_LIMIT_PER_TARGET:
                over = True
        return over
    except Exception:
        logger.exception("Rate limit not checked: the cache failed")
        return False
