import pytest


@pytest.fixture(autouse=True)
def no_speech_on_save(settings):
    """Most tests save content without wanting audio; the speech tests turn it back on."""
    settings.ELDERZONE_SPEECH_ON_SAVE = False


@pytest.fixture(autouse=True)
def quick_forms(settings):
    """Tests submit the mailbox forms at once; the minimum fill-in time has its own test."""
    settings.ANTISPAM_MIN_SECONDS = 0


LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "elderzone-tests"}}


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    """Throttles and pending-audio marks live in the cache; each test starts without them. A cache of
    our own, so that clearing it never touches the Redis that CI shares with Celery."""
    from django.core.cache import cache

    settings.CACHES = LOCAL_CACHE
    cache.clear()
    yield
    cache.clear()
