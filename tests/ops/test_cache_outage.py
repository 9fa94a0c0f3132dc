"""Production keeps Django's cache in Redis: when Redis stops, pages must still answer (portal/cache.py).

A redis-server of this test's own is stopped for real; the shared one is not touched.
"""
import time

import pytest
from django.core.cache import cache

from portal.cache import ResilientRedisCacheClient
from tests.factories import PolicyFactory

pytestmark = pytest.mark.services


@pytest.mark.django_db
def test_pages_forms_and_counters_keep_working_while_redis_is_down(redis_cache, client):
    policy = PolicyFactory(title="关于提高城乡居民基础养老金的通知")
    cache.set("probe", "在", 60)
    assert cache.get("probe") == "在" and redis_cache.client().dbsize() >= 1  # really in Redis

    redis_cache.stop()
    started = time.monotonic()
    for path in ("/", "/policies/", policy.get_absolute_url(), "/elder/", "/openinfo/apply/", "/search/?q=养老金"):
        assert client.get(path).status_code == 200, path
    assert time.monotonic() - started < 10  # no request waits on the dead Redis
    assert cache.get("probe", "缺省") == "缺省"
    assert cache.add("lock", 1, 10) is True  # "first one here": go ahead
    assert cache.incr("counter") == 1

    # Back again: after the short pause the cache is used again, without a restart.
    redis_cache.start()
    ResilientRedisCacheClient._down_until = 0.0  # skip the pause instead of waiting it out
    cache.set("probe", "回来了", 60)
    assert cache.get("probe") == "回来了" and redis_cache.client().get(":1:probe") is not None
