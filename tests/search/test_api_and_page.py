"""The /api/search/ contract (DESIGN.md) and the /search/ page, including hostile input."""
import pytest
from django.urls import reverse

pytestmark = pytest.mark.both_engines

MALFORMED = [
    '"', '""', '"营商环境', "(((", ")", "[2023]", "{}", "AND", "OR NOT", "养老金 AND OR", "title:养老金", "*", "?", "~",
    "a" * 10000, "养老金" * 3000, "😀🎉", "养老金😀", "\x00", "养\x00老金", "%", "\\", "'", "<script>alert(1)</script>",
    "   ", "湘政发〔", "〔2023〕", "1号", "-", "+养老金", "养老金^3", "[* TO *]", "\u202e", "\ud7ff",
]


@pytest.fixture
def api(client):
    def call(**params):
        response = client.get(reverse("portal:search_api"), params)
        assert response.status_code == 200, response.content[:500]
        assert response["Content-Type"].startswith("application/json")
        return response.json()
    return call


def test_api_contract_shape(corpus, api):
    data = api(q="养老金", type="policy", page=1)
    assert set(data) == {"count", "page", "results", "suggestion"}
    assert data["page"] == 1 and data["count"] >= 1 and data["suggestion"] is None
    first = data["results"][0]
    assert set(first) == {"type", "id", "title", "doc_number", "url", "snippet", "external_id"}
    pension = corpus["pension"]
    assert first == {**first, "type": "policy", "id": pension.pk, "title": pension.title,
                     "doc_number": pension.doc_number, "url": pension.get_absolute_url(),
                     "external_id": pension.external_id}
    assert "养老金</mark>" in first["snippet"]  # 基本养老金 is marked whole


def test_api_pages_of_ten_best_first(db, api):
    from portal.search.engines import rebuild
    from tests.factories import PolicyFactory

    docs = [PolicyFactory(title=f"关于做好第{i}批政务公开标准化工作的通知", body="<p>政务公开标准化。</p>") for i in range(23)]
    rebuild()
    page1, page3, page9 = api(q="政务公开", page=1), api(q="政务公开", page=3), api(q="政务公开", page=9)
    assert page1["count"] == page3["count"] == len(docs)
    assert len(page1["results"]) == 10 and len(page3["results"]) == 3 and page9["results"] == []
    ids = {r["id"] for r in page1["results"]} | {r["id"] for r in page3["results"]}
    assert len(ids) == 13


def test_api_suggestion_for_typo(corpus, api):
    data = api(q="养老金调正", type="policy")
    assert data["suggestion"] == "养老金调整"
    assert data["results"][0]["id"] == corpus["pension"].pk


def test_api_without_type_searches_all_types_and_unknown_type_is_empty(corpus, api):
    assert api(q="养老金")["count"] >= 1
    assert api(q="养老金", type="no-such-type") == {"count": 0, "page": 1, "results": [], "suggestion": None}


def test_malformed_queries_never_500(corpus, client):
    for query in MALFORMED:
        for name in ("portal:search_api", "portal:search"):
            for extra in ({}, {"page": "2", "type": "policy"}):
                response = client.get(reverse(name), {"q": query, **extra})
                assert response.status_code == 200, (name, query)


def test_odd_parameters_never_500(corpus, client):
    for params in [
        {"q": "养老金", "page": "-1"}, {"q": "养老金", "page": "abc"}, {"q": "养老金", "page": "99999999999999"},
        {"q": "养老金", "sort": "drop table"}, {"q": "养老金", "type": "policy", "year": "x" * 500, "issuer": "\x00"},
        {"q": ["a", "b"]}, {}, {"q": "养老金", "type": "policy", "validity": "valid", "page": "50"},
    ]:
        assert client.get(reverse("portal:search"), params).status_code == 200, params
        assert client.get(reverse("portal:search_api"), params).status_code == 200, params


def test_page_shows_tabs_highlights_facets_and_type_labels(corpus, client):
    html = client.get(reverse("portal:search"), {"q": "养老金", "type": "policy"}).content.decode()
    assert "政策文件" in html                        # type label on each result and the tab
    assert "<mark>养老金</mark>" in html or "<mark>基本养老金</mark>" in html
    assert "发文机关" in html and "有效性" in html  # facets on the policy tab
    assert 'aria-current="page"' in html
    assert corpus["pension"].get_absolute_url() in html


def test_page_escapes_what_was_typed(corpus, client):
    html = client.get(reverse("portal:search"), {"q": "<script>alert(1)</script>养老金"}).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_page_suggestion_and_empty_state(corpus, client):
    html = client.get(reverse("portal:search"), {"q": "养老金调正"}).content.decode()
    assert "您是不是要找" in html and "养老金调整" in html
    html = client.get(reverse("portal:search"), {"q": "量子纠缠"}).content.decode()
    assert "没有找到与“量子纠缠”相关的内容" in html


def test_page_sort_by_time_and_pagination_links(db, client):
    from portal.search.engines import rebuild
    from tests.factories import PolicyFactory

    for i in range(12):
        PolicyFactory(title=f"关于第{i}项惠企政策的通知", body="<p>惠企政策兑现。</p>")
    rebuild()
    html = client.get(reverse("portal:search"), {"q": "惠企政策", "sort": "time"}).content.decode()
    assert "第 1 / 2 页" in html and "page=2" in html and 'value="time" selected' in html


def test_unified_search_loads_each_type_in_one_query(corpus, client, django_assert_max_num_queries):
    # results + counts + facets + hot words + the log line: bounded, whatever the number of hits
    with django_assert_max_num_queries(20):
        assert client.get(reverse("portal:search"), {"q": "通知"}).status_code == 200


def test_a_pasted_long_query_is_cut_so_the_page_stays_small(corpus, client):
    html = client.get("/search/", {"q": "养老" * 2500}).content.decode()
    assert len(html.encode()) < 40_000  # uncut: 100 KB here, 764 KB with all 16 tabs of the demo
    assert "养老" * 100 in html and "养老" * 101 not in html  # cut to the 200 characters of the search box
