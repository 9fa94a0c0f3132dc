"""Every rate limit answers the same way (portal.ratelimit): 429, a Retry-After header in seconds,
and a Chinese page — or Chinese JSON from the API — each action counted in a bucket of its own."""
import uuid

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

TRACK = reverse("openinfo:track")
LETTER_TRACK = reverse("openinfo:letter_track")


@pytest.fixture(autouse=True)
def own_counters(settings):
    settings.ANTISPAM_CACHE_PREFIX = f"ratelimit-test-{uuid.uuid4().hex}"
    settings.OPENINFO_RATE_LIMITS = {"track": (2, 600), "letter_track": (2, 600), "apply": (0, 3600),
                                     "letter": (0, 3600)}
    settings.API_RATE_LIMIT, settings.API_RATE_WINDOW = 2, 60


def assert_refused(response, *, json: bool = False) -> None:
    assert response.status_code == 429, response.status_code
    assert 0 < int(response["Retry-After"]) <= 3600
    if json:
        assert response["Content-Type"].startswith("application/json") and "频繁" in response.json()["error"]
    else:
        assert response["Content-Type"].startswith("text/html") and "频繁" in response.content.decode()


def track(client, url):
    return client.post(url, {"tracking_number": "YSQ-2026-000001", "query_code": "12345678"})


@pytest.mark.parametrize("url", [TRACK, LETTER_TRACK])
def test_both_trackers_answer_429_with_retry_after(client, url):
    for _ in range(2):
        assert track(client, url).status_code == 200
    assert_refused(track(client, url))


def test_the_two_trackers_count_in_separate_buckets(client):
    for _ in range(3):
        track(client, TRACK)
    assert track(client, TRACK).status_code == 429
    assert track(client, LETTER_TRACK).status_code == 200


@pytest.mark.parametrize("name", ["openinfo:apply", "openinfo:letter_write"])
def test_form_submissions_answer_429_with_retry_after(client, name):
    response = client.post(reverse(name), {"name": "张测试"})
    assert_refused(response)
    assert 'value="张测试"' in response.content.decode()  # what was typed is kept


@pytest.mark.parametrize("url", ["/api/policies/", "/api/search/?q=养老", "/api/"])
def test_the_api_answers_429_json_with_retry_after(client, url):
    for _ in range(2):
        assert client.get(url).status_code == 200
    assert_refused(client.get(url), json=True)


def test_a_view_without_a_page_of_its_own_gets_the_chinese_429_page(rf):
    from django.contrib.auth.models import AnonymousUser

    from portal import ratelimit

    request = rf.get("/somewhere/")
    request.user = AnonymousUser()
    response = ratelimit.RateLimitMiddleware(lambda r: None).process_exception(request, ratelimit.RateLimited(90))
    assert response.status_code == 429 and response["Retry-After"] == "90"
    assert "请约 2 分钟后再试" in response.content.decode()
