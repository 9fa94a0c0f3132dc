"""Django's Redis cache, made to survive Redis going away.

Production keeps the cache, the Celery broker and the rate-limit counters in one Redis. When it
stops, stock RedisCache raises on every read, and every page (SiteSettings, menus, counts) answers
500. Here a failed call behaves like an empty cache instead: reads miss, writes are dropped, counters
start again. After a failure Redis is left alone for a few seconds (no connect attempt per call), so
pages stay as fast as they are without a cache; it is logged once per pause, not once per call.

What fails open while Redis is down: rate limits and login throttling count from zero, a CAPTCHA
nonce may be used twice, cached aggregates are computed on every request. All of that is better
than a site that answers 500 to every citizen, and it ends by itself when Redis is back.
"""
from __future__ import annotations

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

PAUSE_SECONDS = 5.0


class ResilientRedisCacheClient(RedisCacheClient):
    _down_until = 0.0  # per process: the pause after a failure

    def _call(self, name, fallback, *args):
        if time.monotonic() < ResilientRedisCacheClient._down_until:
            return fallback
        try:
            return getattr(super(), name)(*args)
        except (self._lib.ConnectionError, self._lib.TimeoutError) as exc:
            ResilientRedisCacheClient._down_until = time.monotonic() + PAUSE_SECONDS
            logger.warning("Redis 缓存不可用，%s 秒内按无缓存运行：%s", PAUSE_SECONDS, exc)
            return fallback

    # add() answers True: callers use it as "first one here" (a lock, a counter's start); with no
    # Redis, going ahead is the right answer for each of them.
    def add(self, key, value, timeout):
        return self._call("add", True, key, value, timeout)

    def get(self, key, default):
        return self._call("get", default, key, default)

    def set(self, key, value, timeout):
        return self._call("set", None, key, value, timeout)

    def touch(self, key, timeout):
        return self._call("touch", False, key, timeout)

    def delete(self, key):
        return self._call("delete", False, key)

    def get_many(self, keys):
        return self._call("get_many", {}, keys)

    def has_key(self, key):
        return self._call("has_key", False, key)

    def incr(self, key, delta):
        return self._call("incr", delta, key, delta)

    def set_many(self, data, timeout):
        return self._call("set_many", list(data), data, timeout)

    def delete_many(self, keys):
        return self._call("delete_many", None, keys)

    def clear(self):
        return self._call("clear", False)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
