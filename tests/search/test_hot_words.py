"""The search log, 热词 with the block list, zero-result queries in admin, the user dictionary."""
import datetime as dt

import pytest

from django.urls import reverse
from django.utils import timezone

from portal.models import Role
from portal.search import hotwords, selectors, service
from portal.search.models import BlockedHotWord, DictionaryTerm, HotWord, SearchLog
from tests.search.conftest import staff as official


def test_every_search_is_logged_normalised_without_personal_data(corpus, client):
    client.get(reverse("portal:search"), {"q": "  養老金　"}, REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT="Mozilla")
    client.get(reverse("portal:search_api"), {"q": "量子纠缠", "type": "policy"})
    client.get(reverse("portal:search"), {"q": "养老金", "page": "2"})  # paging is not a new search
    rows = list(SearchLog.objects.order_by("id").values("query", "result_count", "search_type", "corrected_to"))
    assert rows == [
        {"query": "养老金", "result_count": 1, "search_type": "", "corrected_to": ""},
        {"query": "量子纠缠", "result_count": 0, "search_type": "policy", "corrected_to": ""},
    ]
    field_names = {f.name for f in SearchLog._meta.get_fields()}
    assert not field_names & {"ip", "ip_address", "user", "user_agent", "session", "session_key"}


def visitor_logs(query, visitors, *, result_count=4, **extra):
    """Website searches of `query` by that many distinct visitors (as record_search writes them)."""
    return [SearchLog(query=query, result_count=result_count, channel="web", visitor=f"{i:016x}", counted=True,
                      **extra) for i in range(visitors)]


def test_hot_words_last_30_days_most_visitors_first_once_approved(db):
    now = timezone.now()
    for query, visitors in (("公积金提取", 15), ("养老金", 12), ("社保卡", 11), ("医保", 3)):
        SearchLog.objects.bulk_create(visitor_logs(query, visitors))
    old = SearchLog.objects.bulk_create(visitor_logs("旧热词", 30))
    SearchLog.objects.filter(pk__in=[row.pk for row in old]).update(created_at=now - dt.timedelta(days=31))
    SearchLog.objects.bulk_create(visitor_logs("无结果的词", 30, result_count=0))
    assert hotwords.refresh_candidates() == 3  # 医保: too few visitors; 旧热词: outside the window
    assert selectors.compute_hot_words() == []  # nothing is shown before 公开办 approves it
    HotWord.objects.update(status=HotWord.Status.APPROVED)
    assert selectors.compute_hot_words(limit=10) == ["公积金提取", "养老金", "社保卡"]
    assert selectors.hot_words(limit=2) == ["公积金提取", "养老金"]


def test_block_list_hides_hot_words_at_once(db):
    for query in ("公积金提取", "某某人电话", "养老金"):
        SearchLog.objects.bulk_create(visitor_logs(query, 12))
    hotwords.refresh_candidates()
    HotWord.objects.update(status=HotWord.Status.APPROVED)
    assert "某某人电话" in selectors.hot_words()
    BlockedHotWord.objects.create(word="电话", match=BlockedHotWord.Match.CONTAINS)
    BlockedHotWord.objects.create(word="养老金", match=BlockedHotWord.Match.EXACT)
    assert selectors.hot_words() == ["公积金提取"]
    # precise lookups (quoted phrases, 发文字号) are not topics: never candidates
    for query in ('"政务公开"', "湘政发〔2023〕1号"):
        SearchLog.objects.bulk_create(visitor_logs(query, 12))
    assert hotwords.refresh_candidates() == 0


def test_hot_words_shown_on_the_search_page(corpus, client):
    HotWord.objects.create(query="公租房", visitors=hotwords.MIN_VISITORS, status=HotWord.Status.APPROVED)
    html = client.get(reverse("portal:search")).content.decode()
    assert "热门搜索" in html and "?q=%E5%85%AC%E7%A7%9F%E6%88%BF" in html


def test_zero_result_queries_listed_in_admin_for_the_office(corpus, client):
    for query in ("量子纠缠", "量子纠缠", "火星移民"):
        service.search(query)
    office = official(Role.OFFICE)
    client.force_login(office)
    html = client.get(reverse("admin:search_zeroresultquery_changelist")).content.decode()
    assert html.index("量子纠缠") < html.index("火星移民")
    assert "添加同义词" in html
    editor = official(Role.EDITOR)
    client.force_login(editor)
    assert client.get(reverse("admin:search_zeroresultquery_changelist")).status_code == 403


def test_synonym_added_in_admin_is_used_at_once(corpus, client):
    assert corpus["unemployment"] not in service.search("下岗补助").objects
    client.force_login(official(Role.OFFICE))
    response = client.post(reverse("admin:search_synonym_add"),
                           {"terms": "下岗补助，失业保险金", "domain": "employment", "is_active": "on", "note": ""})
    assert response.status_code == 302
    assert corpus["unemployment"] in service.search("下岗补助").objects


@pytest.mark.both_engines
def test_dictionary_term_keeps_a_word_whole_after_the_rebuild(corpus, client, django_capture_on_commit_callbacks):
    from portal.search.analysis import query_words
    from portal.search.reconcile import dictionary_outdated
    from tests.factories import PolicyFactory

    whole = PolicyFactory(title="关于推行揭榜挂帅机制的通知", body="<p>实行揭榜挂帅。</p>")
    apart = PolicyFactory(title="关于张榜公布名单的通知", body="<p>揭榜后由专家挂帅评审。</p>")
    assert query_words("揭榜挂帅") != ["揭榜挂帅"]
    client.force_login(official(Role.OFFICE))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:search_dictionaryterm_add"), {"word": "揭榜挂帅", "is_active": "on", "note": ""})
    assert DictionaryTerm.objects.filter(word="揭榜挂帅").exists()
    assert not dictionary_outdated()  # the index was rebuilt with the new word
    assert query_words("揭榜挂帅") == ["揭榜挂帅"]
    found = service.search("揭榜挂帅").objects
    assert found[0] == whole and (apart not in found or found.index(apart) > 0)


def test_search_admin_pages_open_for_the_office_only(db, client):
    names = ["synonym", "dictionaryterm", "blockedhotword", "hotword", "searchlog", "pendingindexupdate"]
    SearchLog.objects.create(query="公积金", result_count=3)
    client.force_login(official(Role.OFFICE))
    for name in names:
        assert client.get(reverse(f"admin:search_{name}_changelist")).status_code == 200, name
    html = client.get(reverse("admin:search_synonym_changelist"), {"q": "驾照"}).content.decode()
    assert "机动车驾驶证" in html  # the seeded groups are there
    client.force_login(official(Role.REVIEWER))
    for name in names:
        assert client.get(reverse(f"admin:search_{name}_changelist")).status_code == 403, name


def test_synonym_seed_covers_the_domains():
    from portal.search.synonym_data import SYNONYM_GROUPS, groups

    assert len(groups()) >= 200
    for domain in ("social", "housing", "health", "education", "employment", "tax", "transport", "civil"):
        assert len(SYNONYM_GROUPS[domain]) >= 20, domain
    flat = {w for _, terms in groups() for w in terms.split("/")}
    assert {"养老金", "基本养老金", "驾照", "机动车驾驶证", "身份证", "居民身份证", "公租房", "公共租赁住房"} <= flat
