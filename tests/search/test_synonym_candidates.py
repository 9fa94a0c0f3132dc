"""同义词候选: unsatisfied searches (nothing found, or the visitor searched something else within
a minute) proposed to 公开办 with the official term they may mean, adopted in one click."""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import Role
from portal.search import candidates, engines, service
from portal.search.models import SearchLog, Synonym, SynonymCandidateDecision
from tests.factories import official

URL = "admin:search_synonymcandidate_changelist"


def log(visitor, query, seconds, result_count, channel="web"):
    row = SearchLog.objects.create(query=query, result_count=result_count, channel=channel, visitor=visitor)
    SearchLog.objects.filter(pk=row.pk).update(created_at=timezone.now() - dt.timedelta(hours=1, seconds=-seconds))


@pytest.fixture
def unsatisfied(corpus):
    for visitor in ("a" * 16, "b" * 16):  # nothing found, then the official wording within the minute
        log(visitor, "下岗费", 0, 0)
        log(visitor, "失业保险金", 30, 3)
    log("c" * 16, "失业保险金", 0, 3)  # satisfied: not a candidate
    log("d" * 16, "社保卡", 0, 5)  # another search two minutes later is a new topic, not a retry
    log("d" * 16, "公积金", 120, 4)
    log("f" * 16, "老年补助", 0, 2)  # found something, but not what was wanted: searched again at once
    log("f" * 16, "高龄津贴", 20, 3)
    log("e" * 16, "失业保险全", 0, 0)  # a typo nobody rephrased
    log("", "驾照", 0, 0, channel="api")  # already a synonym word: the table answers it
    log("", "量子纠缠", 0, 0, channel="bot")  # crawlers are not citizens
    return corpus


def rows():
    return {row["query"]: row for row in candidates.candidates(engines.current().vocabulary(service.vocabulary_words()))}


def test_unsatisfied_searches_become_candidates_with_the_rephrasing(unsatisfied):
    found = rows()
    assert set(found) == {"下岗费", "老年补助", "失业保险全"}
    assert (found["下岗费"]["visitors"], found["下岗费"]["suggested"]) == (2, "失业保险金")
    assert list(found)[0] == "下岗费"  # most visitors first
    assert (found["老年补助"]["zero"], found["老年补助"]["suggested"]) == (0, "高龄津贴")


@pytest.mark.both_engines
def test_a_query_nobody_rephrased_gets_the_nearest_vocabulary_word(unsatisfied):
    assert rows()["失业保险全"]["suggested"] == "失业保险金"


def test_adopting_makes_a_synonym_the_search_uses_at_once(unsatisfied, client):
    assert unsatisfied["unemployment"] not in service.search("下岗费", log=False).objects
    client.force_login(official(Role.OFFICE))
    html = client.get(reverse(URL)).content.decode()
    assert 'value="下岗费"' in html and 'value="失业保险金"' in html and "采纳为同义词" in html
    response = client.post(reverse(URL), {"query": "下岗费", "term": "失业保险金", "adopt": "1"})
    assert response.status_code == 302
    assert Synonym.objects.filter(terms="下岗费/失业保险金").exists()
    assert unsatisfied["unemployment"] in service.search("下岗费", log=False).objects
    client.post(reverse(URL), {"query": "失业保险全", "ignore": "1"})
    assert SynonymCandidateDecision.objects.get(query="失业保险全").decision == "ignored"
    html = client.get(reverse(URL)).content.decode()
    assert 'value="下岗费"' not in html and 'value="失业保险全"' not in html


def test_only_the_office_sees_and_decides(unsatisfied, client):
    client.force_login(official(Role.EDITOR))
    assert client.get(reverse(URL)).status_code == 403
    assert client.post(reverse(URL), {"query": "下岗费", "term": "失业保险金", "adopt": "1"}).status_code == 403
    assert not Synonym.objects.filter(terms="下岗费/失业保险金").exists()
