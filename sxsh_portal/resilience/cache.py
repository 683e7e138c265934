"""A Redis cache that degrades to "no cache" when Redis is down.

Every read that fails is a miss and every write that fails is dropped, logged once per
outage; the page computes the value from the database instead of answering 500. After a
failure the cache is not asked again for a few seconds (a breaker per process), so a page
that reads it many times pays the connection time-out once, not once a read.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# How long a process leaves Redis alone after an error.
RETRY_AFTER_SECONDS = 5.0

# What Redis (or the socket under it) raises when it cannot answer.
CACHE_ERRORS = (RedisError, OSError)


class ResilientRedisCache(RedisCache):
    _down_until = 0.0

    def _available(self) -> bool:
        return time.monotonic() >= self._down_until

    def _failed(self, operation: str, error: BaseException) -> None:
        if self._available():
            logger.warning(
                "Cache unavailable (%s: %s: %s); pages read the database for %.0f s",
                operation,
                type(error).__name__,
                error,
                RETRY_AFTER_SECONDS,
            )
        # Shared by the threads of the process: one outage, one wait.
        type(self)._down_until = time.monotonic() + RETRY_AFTER_SECONDS

    def _guarded(self, operation: str, default, call):
        if not self._available():
            return default
        try:
            return call()
        except CACHE_ERRORS as error:
            self._failed(operation, error)
            return default

    def get(self, key, default=None, version=None):
        return self._guarded(
            "get", default, lambda: super(ResilientRedisCache, self).get(key, default, version)
        )

    def get_many(self, keys, version=None):
        return self._guarded(
            "get_many", {}, lambda: super(ResilientRedisCache, self).get_many(keys, version)
        )

    def has_key(self, key, version=None):
        return self._guarded(
            "has_key", False, lambda: super(ResilientRedisCache, self).has_key(key, version)
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        args = (key, value, timeout)
        self._guarded(
            "set", None, lambda: super(ResilientRedisCache, self).set(*args, version=version)
        )

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        args = (key, value, timeout)
        return self._guarded(
            "add", False, lambda: super(ResilientRedisCache, self).add(*args, version=version)
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        args = (data, timeout)
        return self._guarded(
            "set_many",
            list(data),
            lambda: super(ResilientRedisCache, self).set_many(*args, version=version),
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        args = (key, timeout)
        return self._guarded(
            "touch", False, lambda: super(ResilientRedisCache, self).touch(*args, version=version)
        )

    def delete(self, key, version=None):
        return self._guarded(
            "delete", False, lambda: super(ResilientRedisCache, self).delete(key, version)
        )

    def delete_many(self, keys, version=None):
        self._guarded(
            "delete_many", None, lambda: super(ResilientRedisCache, self).delete_many(keys, version)
        )

    def incr(self, key, delta=1, version=None):
        # incr of a missing key raises ValueError, as the caller expects of any cache.
        if not self._available():
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        try:
            return super().incr(key, delta, version)
        except CACHE_ERRORS as error:
            self._failed("incr", error)
            raise ValueError(f"Key '{key}' not found (cache unavailable)") from error

    def clear(self):
        return self._guarded("clear", False, lambda: super(ResilientRedisCache, self).clear())
