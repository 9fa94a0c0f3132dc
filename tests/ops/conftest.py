import pytest

from portal.cache import ResilientRedisCacheClient
from tests.services import RedisServer, need_redis_server


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    # Production's PBKDF2 (10^6 rounds) costs ~1 s per login; the tests log in dozens of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def private_cache(settings):
    # These tests clear the cache (throttle and rate-limit counters); in CI the default cache is
    # the Redis database that also holds Celery's queues, which a FLUSHDB would empty.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "tests-private"}}


@pytest.fixture
def redis_cache(tmp_path, settings):
    """Django's cache in a redis-server of this test's own (as production has it), so the test may stop it."""
    need_redis_server()
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = {"default": {"BACKEND": "portal.cache.ResilientRedisCache", "LOCATION": server.url,
                                   "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}}
    try:
        yield server
    finally:
        server.stop()
        ResilientRedisCacheClient._down_until = 0.0  # the next test's cache is up: no pause left over
