"""The policy library's search as 国务院政策文件库 offers it — 标题 / 全文 / 发文字号, a 成文日期 range,
the 二级主题 filter and sorting by 相关度 / 成文日期 / 发布日期 — on both engines, in the database
fallback, on /policies/, the search page's policy tab and /api/search/?type=policy."""
import datetime as dt

import pytest
from django.urls import reverse

from policies.selectors import PolicyFilters
from portal.search import service, store
from portal.search.engines import rebuild

pytestmark = pytest.mark.both_engines


@pytest.fixture
def library(db):
    from tests.factories import PolicyFactory

    docs = {
        # 养老保险 in the title; its 发文字号 has the year 2021; written early, published late.
        "title": PolicyFactory(
            title="城乡居民养老保险实施办法", doc_number="湘人社发〔2021〕5号", keywords="",
            body="<p>为完善社会保障制度，制定本办法。</p>", topic="劳动、人事、监察", subtopic="社会保障",
            written_date=dt.date(2022, 1, 10), issued_date=dt.date(2024, 6, 1)),
        # 养老保险 and 2021 only in the text.
        "body": PolicyFactory(
            title="关于做好高校毕业生就业服务的通知", doc_number="湘政办发〔2023〕8号", keywords="",
            body="<p>参加城乡居民养老保险的毕业生，按2021年规定办理转移。</p>", topic="劳动、人事、监察",
            subtopic="劳动就业", written_date=dt.date(2023, 1, 5), issued_date=dt.date(2023, 2, 1)),
        # Neither word: never found.
        "other": PolicyFactory(
            title="关于开展植树造林活动的通知", doc_number="湘林发〔2020〕1号", keywords="",
            body="<p>各地组织义务植树。</p>", topic="农业、林业、水利", subtopic="林业",
            written_date=dt.date(2020, 3, 1), issued_date=dt.date(2020, 3, 5)),
    }
    rebuild()
    return docs


def found(query, **kwargs):
    return [item.obj for item in service.search_policies(query, log=False, **kwargs).items]


def fallback_found(monkeypatch, query, **kwargs):
    """The same search answered by the database (the index cannot be read)."""
    def unreadable(*args, **kw):
        raise store.IndexUnavailable("test")

    with monkeypatch.context() as patch:
        patch.setattr(service, "_search_index", unreadable)
        results = service.search_policies(query, log=False, **kwargs)
    assert results.fallback
    return [item.obj for item in results.items]


def test_field_title_body_doc_number(library):
    everywhere = set(found("养老保险"))
    assert everywhere == {library["title"], library["body"]}
    assert found("养老保险", field="title") == [library["title"]]
    assert library["body"] in found("养老保险", field="body")
    assert set(found("2021")) == {library["title"], library["body"]}
    assert found("2021", field="doc_number") == [library["title"]]
    assert found("湘人社发〔2021〕5号", field="doc_number") == [library["title"]]
    assert found("湘人社发〔2021〕5号", field="title") == []  # a whole 发文字号 is not a title


def test_field_restriction_in_the_database_fallback(library, monkeypatch):
    assert fallback_found(monkeypatch, "养老保险", field="title") == [library["title"]]
    assert fallback_found(monkeypatch, "2021", field="doc_number") == [library["title"]]
    assert set(fallback_found(monkeypatch, "养老保险")) == {library["title"], library["body"]}


def test_written_date_range(library, monkeypatch):
    later = PolicyFilters(written_from="2022-06-01")
    assert found("养老保险", filters=later) == [library["body"]]
    earlier = PolicyFilters(written_to="2022-01-10")  # inclusive
    assert found("养老保险", filters=earlier) == [library["title"]]
    assert fallback_found(monkeypatch, "养老保险", filters=later) == [library["body"]]


def test_subtopic_filters(library, monkeypatch):
    only = PolicyFilters(subtopic="社会保障")
    assert found("养老保险", filters=only) == [library["title"]]
    assert fallback_found(monkeypatch, "养老保险", filters=only) == [library["title"]]
    results = service.search_policies("养老保险", filters=only, log=False)
    assert results.count == 1 and {f["value"] for f in results.facets["topic"]} == {"劳动、人事、监察"}


def test_sort_by_written_and_by_issued_date(library, monkeypatch):
    # 成文日期: body (2023-01-05) before title (2022-01-10); 发布日期: title (2024) before body (2023).
    assert found("养老保险", sort="written") == [library["body"], library["title"]]
    assert found("养老保险", sort="time") == [library["title"], library["body"]]
    assert fallback_found(monkeypatch, "养老保险", sort="written") == [library["body"], library["title"]]
    assert found("养老保险", sort="relevance")[0] == library["title"]  # the title match first


def test_documents_without_a_written_date_sort_last(library, monkeypatch):
    from tests.factories import PolicyFactory

    undated = PolicyFactory(title="城乡居民养老保险经办规程", keywords="", written_date=None, issued_date=dt.date(2025, 1, 1))
    rebuild()
    expected = [library["body"], library["title"], undated]
    assert found("养老保险", sort="written") == expected
    assert fallback_found(monkeypatch, "养老保险", sort="written") == expected


def test_reversed_range_is_swapped_and_bad_values_are_ignored():
    swapped = PolicyFilters.from_query({"written_from": "2023-12-31", "written_to": "2022-06-01"})
    assert (swapped.written_from, swapped.written_to) == ("2022-06-01", "2023-12-31")
    ignored = PolicyFilters.from_query({"written_from": "2023-02-30", "written_to": "昨天", "subtopic": "\x00"})
    assert ignored.active() == {}


def titles_on(html: str, docs) -> set[str]:
    """The documents a page lists (by their links: a search page marks the words of a title)."""
    return {key for key, doc in docs.items() if f'href="{doc.get_absolute_url()}"' in html}


def test_library_page_controls(library, client):
    url = reverse("policies:list")
    html = client.get(url).content.decode()
    for label in ("检索范围", "成文日期", "二级主题", "排序", "<legend>", 'for="library-written-from"'):
        assert label in html
    assert titles_on(client.get(url, {"q": "养老保险"}).content.decode(), library) == {"title", "body"}
    assert titles_on(client.get(url, {"q": "养老保险", "field": "title"}).content.decode(), library) == {"title"}
    assert titles_on(client.get(url, {"subtopic": "林业"}).content.decode(), library) == {"other"}
    dated = client.get(url, {"written_from": "2023-12-31", "written_to": "2022-06-01"}).content.decode()
    assert titles_on(dated, library) == {"body"}
    newest_written = client.get(url, {"sort": "written"}).content.decode()
    assert newest_written.index(library["body"].title) < newest_written.index(library["title"].title)
    newest_issued = client.get(url).content.decode()
    assert newest_issued.index(library["title"].title) < newest_issued.index(library["body"].title)


BAD = [{"field": "abstract"}, {"sort": "random"}, {"written_from": "2023-13-01"}, {"written_to": "９９９９-01-01"},
       {"written_from": "0000-00-00", "written_to": "-1"}, {"subtopic": "x" * 500}, {"field": "title\x00"},
       {"page": "99999"}]


@pytest.mark.parametrize("bad", BAD)
def test_bad_values_never_fail(library, client, bad):
    for url, extra in ((reverse("policies:list"), {}), (reverse("policies:list"), {"q": "养老保险"}),
                       (reverse("portal:search"), {"q": "养老保险", "type": "policy"}),
                       (reverse("portal:search_api"), {"q": "养老保险", "type": "policy"})):
        response = client.get(url, {**extra, **bad})
        assert response.status_code == 200, (url, bad)


def test_search_page_policy_tab_and_api(library, client):
    tab = client.get(reverse("portal:search"), {"q": "养老保险", "type": "policy", "field": "title"}).content.decode()
    assert "检索范围" in tab and "成文日期" in tab
    assert 'value="title" checked' in tab
    assert titles_on(tab, library) == {"title"}
    api = client.get(reverse("portal:search_api"),
                     {"q": "养老保险", "type": "policy", "subtopic": "劳动就业"}).json()
    assert [r["id"] for r in api["results"]] == [library["body"].pk]
    api = client.get(reverse("portal:search_api"), {"q": "养老保险", "type": "policy", "sort": "written",
                                                     "written_from": "2021-01-01"}).json()
    assert [r["id"] for r in api["results"]] == [library["body"].pk, library["title"].pk]
