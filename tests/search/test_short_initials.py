"""A short run of pinyin initials (yl, gzf) suggests the most frequent words they spell, instead of
an empty page: two letters are too ambiguous to search, so they are offered, most documents first."""
import pytest
from django.urls import reverse

from portal.search import service
from portal.search.engines import rebuild

pytestmark = pytest.mark.both_engines


@pytest.fixture
def documents(db):
    from tests.factories import PolicyFactory

    for i in range(3):
        PolicyFactory(title=f"关于第{i}批养老服务机构名单的公示", body="<p>养老服务机构名单。</p>", keywords="养老")
    PolicyFactory(title="医疗机构校验管理办法", body="<p>医疗机构应当按期校验。</p>", keywords="医疗")
    PolicyFactory(title="长沙市公租房配租公告", body="<p>公租房实物配租。</p>", keywords="公租房")
    rebuild()


def test_two_initials_suggest_the_most_frequent_words(documents):
    results = service.search("yl")
    assert results.suggestions[:2] == ["养老", "医疗"]
    assert results.suggestion == "养老"


def test_three_initials_suggest_and_find(documents):
    results = service.search("gzf")
    assert results.suggestions[0] == "公租房"
    assert results.count >= 1


def test_the_page_links_each_suggestion(documents, client):
    html = client.get(reverse("portal:search"), {"q": "yl"}).content.decode()
    assert "您是不是要找：" in html
    assert '<a href="?q=%E5%85%BB%E8%80%81">养老</a> / <a href="?q=%E5%8C%BB%E7%96%97">医疗</a>' in html


def test_a_chinese_query_gets_no_initials_suggestions(documents):
    assert service.search("养老").suggestions == []
