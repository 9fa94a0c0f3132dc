"""/search/ keeps its rendered results for repeated queries, and a change is still seen at once:
a publication, a withdrawal, a synonym, an index that breaks. Every visit is still logged."""
import os

import pytest
from django.core.cache import cache
from django.db import transaction

from portal.models import PublishStatus
from portal.search import service, store
from portal.search.models import SearchLog, Synonym
from tests.factories import PolicyFactory


@pytest.fixture(autouse=True)
def own_cache(settings):
    """A cache of this module's own: in CI the suite shares one Redis, where another test's process
    (a worker, a gunicorn) may bump the content version between two requests and look like a miss."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "search-results-cache-tests"}}
    cache.clear()
    yield
    cache.clear()


def page(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def count_searches(monkeypatch) -> list:
    """Spy on service.search: the cache's effect is that the index is not asked again."""
    calls = []
    original = service.search

    def spy(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(service, "search", spy)
    return calls


@pytest.mark.both_engines
def test_repeated_query_is_answered_without_searching_again(corpus, client, monkeypatch):
    calls = count_searches(monkeypatch)
    first = page(client, q="养老金")
    assert corpus["pension"].get_absolute_url() in first and len(calls) == 1
    assert page(client, q="养老金") == first and len(calls) == 1
    # Another query, page, type or filter is another answer.
    page(client, q="养老金", type="policy")
    page(client, q="公租房")
    assert len(calls) == 3


def test_every_visit_is_logged_even_from_the_cache(corpus, client):
    for _ in range(3):
        page(client, q="公租房")
    page(client, q="公租房", page=2)  # paging on is not a new search
    logged = SearchLog.objects.filter(query="公租房")
    assert logged.count() == 3 and all(entry.result_count >= 1 for entry in logged)


@pytest.mark.both_engines
def test_a_publication_shows_in_the_next_search(db, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the index task runs after the commit
        old = PolicyFactory(title="关于做好老年助餐服务的通知")
    first = page(client, q="老年助餐")
    assert "找到 1 条结果" in first and old.get_absolute_url() in first
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        new = PolicyFactory(title="关于发展老年助餐服务的实施意见")
    index_task = [cb for cb in after_commit if getattr(cb, "_search_flush", False)]
    for callback in after_commit:  # the commit happened; the worker has not indexed it yet
        if callback not in index_task:
            callback()
    assert "找到 1 条结果" in page(client, q="老年助餐")
    index_task[0]()  # now the worker writes the index: the answer kept a moment ago is not used
    again = page(client, q="老年助餐")
    assert "找到 2 条结果" in again and new.get_absolute_url() in again


@pytest.mark.both_engines
def test_a_withdrawal_hides_the_document_before_its_index_entry_goes(corpus, client,
                                                                      django_capture_on_commit_callbacks):
    url = corpus["driving"].get_absolute_url()
    assert url in page(client, q="驾驶证")
    with django_capture_on_commit_callbacks(execute=False):  # the index task has not run yet
        with transaction.atomic():
            corpus["driving"].status = PublishStatus.WITHDRAWN
            corpus["driving"].save()
    assert url not in page(client, q="驾驶证")


@pytest.mark.both_engines
def test_a_new_synonym_changes_the_answer(corpus, client):
    assert corpus["public_rental"].get_absolute_url() not in page(client, q="廉租屋")
    Synonym.objects.create(terms="廉租屋/公共租赁住房")
    assert corpus["public_rental"].get_absolute_url() in page(client, q="廉租屋")


@pytest.mark.whoosh_engine
def test_a_broken_index_shows_the_fallback_not_the_cached_answer(corpus, client, search_index):
    assert "搜索服务正在维护" not in page(client, q="公租房")
    for name in os.listdir(os.path.realpath(search_index)):
        if name.endswith(".toc") or name.endswith(".seg"):
            with open(os.path.join(os.path.realpath(search_index), name), "wb") as handle:
                handle.write(b"\x00garbage")
    store.invalidate()
    html = page(client, q="公租房")
    assert "搜索服务正在维护" in html and corpus["public_rental"].get_absolute_url() in html


def _qa(question, department):
    from policies.models import PolicyQA, QACategory

    return PolicyQA.objects.create(question=question, answer=f"{question}请向所在地窗口咨询。", category=QACategory.OTHER,
                                   department=department, status=PublishStatus.PUBLISHED)


@pytest.mark.both_engines
def test_results_of_several_types_cost_one_query_per_type(db, client, django_capture_on_commit_callbacks):
    """Each result's line names its department: joined in, not one query per result."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import DepartmentFactory

    def first_search_queries(query) -> int:
        with CaptureQueriesContext(connection) as ctx:
            html = page(client, q=query)
        assert "政务公开" in html and "找到 0 条结果" not in html
        return len(ctx.captured_queries)

    with django_capture_on_commit_callbacks(execute=True):
        departments = [DepartmentFactory() for _ in range(4)]
        PolicyFactory(title="关于政务公开工作的通知", issuer=departments[0])
        _qa("政务公开目录在哪里看？", departments[0])
    page(client, q="养老金")  # per-process and hot-word caches: not per-result work
    few = first_search_queries("政务公开")
    with django_capture_on_commit_callbacks(execute=True):
        for n, department in enumerate(departments):
            PolicyFactory(title=f"关于政务公开第{n}批工作的通知", issuer=department)
            _qa(f"政务公开第{n}类问题怎么办？", department)
    assert first_search_queries("政务公开") == few  # new rows, new index state: searched afresh


@pytest.mark.whoosh_engine
def test_a_fallback_answer_is_not_kept(corpus, client, monkeypatch):
    """The index opens but a search on it fails (a damaged segment): the database answers once,
    and the index answers again as soon as it can."""
    from portal.search import engine

    def broken(*args, **kwargs):
        raise OSError("segment unreadable")

    with monkeypatch.context() as patch:
        patch.setattr(engine, "run", broken)
        assert "搜索服务正在维护" in page(client, q="公租房")
    assert "搜索服务正在维护" not in page(client, q="公租房")
