import pytest


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
