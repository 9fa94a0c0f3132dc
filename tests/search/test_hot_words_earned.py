"""Issue 15 item 5: 热门搜索 is earned by many distinct visitors and approved by 公开办 — nobody can
put words on the government's home page by sending requests."""
import pytest
from django.urls import reverse

from portal.models import Role, SiteSettings
from portal.search import searchlog
from portal.search.models import BlockedHotWord, HotWord, SearchChannel, SearchLog, VisitorSalt
from portal.search.tasks import refresh_hot_words
from tests.search.conftest import staff as official

WORD = "公积金提取"  # finds 住房公积金提取管理办法 in the corpus


def search_as_visitors(client, query, visitors, *, path="/search/", agent="Mozilla/5.0 (X11; Linux) Firefox/{i}"):
    for i in range(visitors):
        response = client.get(path, {"q": query}, REMOTE_ADDR=f"10.0.{i // 200}.{i % 200 + 1}",
                              HTTP_USER_AGENT=agent.format(i=i))
        assert response.status_code == 200


def public_pages(client) -> dict[str, str]:
    return {path: client.get(path).content.decode() for path in ("/", "/search/", "/kiosk/search/")}


def shown_everywhere(client, word) -> dict[str, bool]:
    pages = public_pages(client)
    return {"/": f">{word}</a>" in pages["/"], "/search/": f">{word}</a>" in pages["/search/"],
            "/kiosk/search/": f'data-insert="{word}"' in pages["/kiosk/search/"]}


def approve_in_admin(client, word):
    client.force_login(official(Role.OFFICE))
    pk = HotWord.objects.get(query=word).pk
    page = client.get(reverse("admin:search_hotword_change", args=[pk])).content.decode()
    assert word in page and "访客数" in page
    response = client.post(reverse("admin:search_hotword_changelist"), {"action": "approve", "_selected_action": [pk]})
    assert response.status_code == 302
    client.logout()


def test_forty_searches_from_one_client_never_reach_the_home_page(corpus, client):
    for _ in range(40):
        client.get("/search/", {"q": WORD}, REMOTE_ADDR="10.9.9.9", HTTP_USER_AGENT="Mozilla/5.0 Firefox")
    refresh_hot_words.delay()
    assert not HotWord.objects.exists()
    assert shown_everywhere(client, WORD) == {"/": False, "/search/": False, "/kiosk/search/": False}
    # past the hourly limit a client's searches are still logged but stop counting
    rows = SearchLog.objects.filter(query=WORD)
    assert rows.count() == 40 and rows.filter(counted=True).count() == searchlog.MAX_COUNTED_PER_HOUR


def test_forty_visitors_make_a_candidate_shown_only_once_approved(corpus, client):
    search_as_visitors(client, WORD, 40)
    refresh_hot_words.delay()
    candidate = HotWord.objects.get(query=WORD)
    assert candidate.status == HotWord.Status.CANDIDATE and candidate.visitors == 40
    assert shown_everywhere(client, WORD) == {"/": False, "/search/": False, "/kiosk/search/": False}

    approve_in_admin(client, WORD)
    candidate.refresh_from_db()
    assert candidate.status == HotWord.Status.APPROVED and candidate.reviewed_by is not None
    assert shown_everywhere(client, WORD) == {"/": True, "/search/": True, "/kiosk/search/": True}

    BlockedHotWord.objects.create(word="公积金", match=BlockedHotWord.Match.CONTAINS)
    assert shown_everywhere(client, WORD) == {"/": False, "/search/": False, "/kiosk/search/": False}


def test_zero_result_queries_never_become_candidates(corpus, client):
    search_as_visitors(client, "量子纠缠", 40)
    refresh_hot_words.delay()
    assert not HotWord.objects.exists()


@pytest.mark.parametrize("path, agent, channel", [
    ("/api/search/", "Mozilla/5.0 Firefox/{i}", SearchChannel.API),
    ("/kiosk/search/", "Mozilla/5.0 Firefox/{i}", SearchChannel.KIOSK),
    ("/search/", "Mozilla/5.0 (compatible; Baiduspider/{i}.0)", SearchChannel.BOT),
    ("/search/", "python-requests/2.{i}", SearchChannel.BOT),
])
def test_api_kiosk_and_crawler_traffic_is_counted_apart(corpus, client, path, agent, channel):
    search_as_visitors(client, WORD, 40, path=path, agent=agent)
    assert set(SearchLog.objects.filter(query=WORD).values_list("channel", flat=True)) == {channel}
    refresh_hot_words.delay()
    assert not HotWord.objects.exists()


def test_without_approval_setting_candidates_show_but_blocked_words_never_qualify(corpus, client):
    SiteSettings(pk=1, hot_words_need_approval=False).save()
    BlockedHotWord.objects.create(word="驾照", match=BlockedHotWord.Match.CONTAINS)
    search_as_visitors(client, WORD, 12)
    search_as_visitors(client, "驾照", 12)
    search_as_visitors(client, "公租房", 3)  # too few visitors
    refresh_hot_words.delay()
    assert list(HotWord.objects.values_list("query", flat=True)) == [WORD]
    assert shown_everywhere(client, WORD) == {"/": True, "/search/": True, "/kiosk/search/": True}
    assert shown_everywhere(client, "公租房")["/"] is False


def test_visitor_hash_keeps_no_address_and_changes_every_day(corpus, client, monkeypatch):
    import datetime as dt

    monkeypatch.setattr(searchlog, "_salt_memo", {})  # as in a process started today
    client.get("/search/", {"q": WORD}, REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Mozilla/5.0")
    client.get("/search/", {"q": WORD}, REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Mozilla/5.0")
    first, second = SearchLog.objects.order_by("id").values_list("visitor", flat=True)
    assert first == second and len(first) == 16
    stored = [str(v) for row in SearchLog.objects.values() for v in row.values()]
    assert not any("203.0.113.7" in value for value in stored)
    today = VisitorSalt.objects.get().day
    monkeypatch.setattr(searchlog.timezone, "localdate", lambda: today + dt.timedelta(days=1))
    client.get("/search/", {"q": WORD}, REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Mozilla/5.0")
    assert SearchLog.objects.order_by("-id").first().visitor != first  # not linkable across days
    assert list(VisitorSalt.objects.values_list("day", flat=True)) == [today + dt.timedelta(days=1)]


def test_a_word_of_the_sensitive_word_list_never_becomes_a_candidate(corpus, client):
    from portal.models import WordingRule

    SiteSettings(pk=1, hot_words_need_approval=False).save()
    WordingRule.objects.create(term="公积金提取", kind=WordingRule.Kind.SENSITIVE)
    search_as_visitors(client, WORD, 12)
    refresh_hot_words.delay()
    assert not HotWord.objects.exists()
    assert shown_everywhere(client, WORD)["/"] is False
