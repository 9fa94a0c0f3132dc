"""The optional anonymous page cache (portal.ops.pagecache): fast for visitors, never wrong for anyone."""
import pytest
from django.core.cache import cache

from portal.models import Role
from tests.factories import PolicyFactory
from tests.security.accounts import official


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 30  # the middleware is always installed; 0 switches it off
    cache.clear()


@pytest.mark.django_db
def test_visitors_without_cookies_share_a_cached_page(client, page_cache):
    policy = PolicyFactory(title="关于缓存测试的通知")
    first = client.get("/policies/")
    assert first.status_code == 200 and "X-Page-Cache" not in first
    policy.title = "改过的标题"
    policy.save()
    second = client.get("/policies/")
    assert second["X-Page-Cache"] == "hit"
    assert "关于缓存测试的通知" in second.content.decode()  # stale for at most PAGE_CACHE_SECONDS
    assert "Content-Security-Policy" in second  # outer middleware still adds the headers
    other_query = client.get("/policies/?page=1")
    assert "X-Page-Cache" not in other_query


@pytest.mark.django_db
def test_officials_and_visitors_with_a_session_always_get_fresh_pages(client, page_cache):
    client.get("/policies/")
    client.force_login(official(Role.REVIEWER))
    response = client.get("/policies/")
    assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_a_pending_message_cookie_bypasses_the_cache(client, page_cache):
    client.get("/")
    client.cookies["messages"] = "x"
    assert "X-Page-Cache" not in client.get("/")


@pytest.mark.django_db
def test_forms_and_never_cache_pages_are_not_cached(client, page_cache):
    for url in ("/openinfo/apply/", "/openinfo/letters/write/"):
        client.cookies.clear()
        client.get(url)
        client.cookies.clear()
        assert "X-Page-Cache" not in client.get(url), url


@pytest.mark.django_db
def test_off_by_default(client, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "portal.ops.pagecache.AnonymousPageCacheMiddleware"]
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")


@pytest.mark.django_db
def test_a_stale_page_is_rerendered_by_one_request_while_others_get_the_copy(client, page_cache, monkeypatch):
    import time as real_time

    from django.test import RequestFactory

    from portal.ops import pagecache

    lock = pagecache._key(RequestFactory().get("/policies/")) + ":render"
    client.get("/policies/")
    later = real_time.time() + 45  # past fresh (30 s), before the hard limit (60 s)
    monkeypatch.setattr(pagecache.time, "time", lambda: later)
    cache.add(lock, 1, 30)  # another request is re-rendering the page
    assert client.get("/policies/")["X-Page-Cache"] == "stale"
    cache.delete(lock)
    assert "X-Page-Cache" not in client.get("/policies/")  # this request re-rendered it
    assert client.get("/policies/")["X-Page-Cache"] == "hit"
