"""The kiosk's touch-screen search is /search/: the same policies in the same order."""
import re

import pytest

from policies.models import PolicyDocument

pytestmark = pytest.mark.both_engines


def kiosk_found(client, query) -> list[int]:
    html = client.get("/kiosk/search/", {"q": query}).content.decode()
    return [int(pk) for pk in re.findall(r'href="/kiosk/policies/(\d+)/"', html)]


def search_page_found(client, query) -> list[int]:
    html = client.get("/search/", {"q": query, "type": "policy"}).content.decode()
    by_url = {p.get_absolute_url(): p.pk for p in PolicyDocument.objects.all()}
    links = re.findall(r'<h3 class="result-title"><a href="([^"]+)"', html)
    return [by_url[url] for url in links if url in by_url]


@pytest.mark.parametrize("query, key", [
    ("yanglaojin", "pension"),             # pinyin: all the kiosk keyboard types
    ("gjj", "provident"),                  # initials
    ("驾照", "driving"),                    # synonym of 机动车驾驶证
    ("湘政发〔2023〕1号", "business"),       # 发文字号
])
def test_kiosk_finds_what_the_search_page_finds(corpus, client, query, key):
    on_kiosk = kiosk_found(client, query)
    assert corpus[key].pk in on_kiosk[:3]
    assert on_kiosk[:10] == search_page_found(client, query)
