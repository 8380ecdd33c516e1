"""Django's Redis cache, made to outlive Redis going away for a while.

Every failure of Redis (refused, timed out, out of memory) becomes what the cache would say with
the key missing: `get` gives the default, writes do nothing, `add` answers False. Reader pages are
then rendered afresh (a miss), and the next call after Redis returns uses it again.

Rate limits fail closed. allauth takes a lock with `cache.add` before it counts an attempt, and
refuses the attempt (429) when it cannot: while Redis is down, logins, sign-ups and password resets
are refused. Failing open would hand an attacker unlimited password guesses for as long as Redis is
away, and an attacker may be the reason it is away (a flood that fills its memory).
"""

import logging
import re
from itertools import batched

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

logger = logging.getLogger(__name__)

# A request waits at most this long for Redis before treating it as gone (seconds).
SOCKET_TIMEOUT = 0.5
# One immediate retry: a pooled connection left over from before a Redis restart fails once, and
# the retry opens a fresh one.
RETRY = Retry(NoBackoff(), 1)


class ForgivingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        if not self.key_prefix:
            # clear() deletes this cache's keys only, found by their prefix.
            raise ValueError("ForgivingRedisCache needs a KEY_PREFIX.")
        self._options = {
            "socket_connect_timeout": SOCKET_TIMEOUT,
            "socket_timeout": SOCKET_TIMEOUT,
            "retry": RETRY,
            **self._options,
        }
        self._failing = False

    def _failed(self, error: RedisError, operation: str) -> None:
        # One warning per outage and process thread, not one per request.
        if not self._failing:
            logger.warning(
                "Redis cache %r unavailable (%s in %s): treating it as empty",
                self.key_prefix,
                type(error).__name__,
                operation,
            )
        self._failing = True

    def _answered(self) -> None:
        if self._failing:
            logger.warning("Redis cache %r answers again", self.key_prefix)
        self._failing = False

    def _call(self, operation: str, fallback, *args, **kwargs):
        try:
            result = getattr(super(), operation)(*args, **kwargs)
        except RedisError as error:
            self._failed(error, operation)
            return fallback
        self._answered()
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        try:
            result = super().incr(key, delta, version)
        except RedisError as error:
            self._failed(error, "incr")
            # What a missing key gives: a counter that cannot count is not a count of zero.
            raise ValueError(f"Key {key!r} not found: the cache is unavailable.") from None
        self._answered()
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Nothing was stored: every key failed.
        return self._call("set_many", list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def clear(self):
        """Delete this cache's keys only: the page cache and the rate limits may share one Redis,
        and emptying the pages must not forget who was locked out."""
        try:
            client = self._cache.get_client(write=True)
            pattern = re.sub(r"([*?\[\]\\])", r"\\\1", self.key_prefix) + ":*"
            for keys in batched(client.scan_iter(match=pattern, count=1000), 500):
                client.delete(*keys)
        except RedisError as error:
            self._failed(error, "clear")
            return False
        self._answered()
        return True
