"""The fast paths give exactly what plain Whoosh gives: counts, matched sets, the title-first top."""
import pytest
from haystack import connections

from portal.search import engine
from portal.search.build import rebuild
from portal.search.docsets import doc_count, doc_set
from portal.search.understand import understand
from tests.factories import PolicyFactory

QUERIES = ["政务公开", "养老金", "驾照", "政务公开 通知", '"营商环境"', "公租房 申请", "城乡居民医保", "通知"]


@pytest.fixture
def searcher(corpus):
    for i in range(60):  # enough documents for a window of titled hits
        PolicyFactory(title=f"关于做好第{i}批政务公开工作的通知",
                      body="<p>" + "政务公开" * (i % 7 + 1) + "，其他内容。</p>")
    for i in range(30):
        PolicyFactory(title=f"关于第{i}项工作的通知", body="<p>" + "推进政务公开。" * (i % 5 + 1) + "</p>")
    from policies.models import PolicyQA
    from portal.models import PublishStatus

    issuer = corpus["pension"].issuer
    for i in range(4):  # a second type, so that counts per type are not all one type
        PolicyQA.objects.create(question=f"政务公开第{i}问：养老金怎么查？", answer="可在政务公开栏目查询养老金。",
                                department=issuer, status=PublishStatus.PUBLISHED)
    rebuild()
    return connections["default"].get_backend().searcher()


def test_counts_and_sets_match_whoosh(searcher):
    for query in QUERIES:
        q, _, _ = engine.build_all(searcher, understand(query))
        expected = {docnum for _, docnum in searcher.search(q, limit=None).top_n}
        assert doc_set(searcher, q) == expected, query
        assert doc_count(searcher, q) == len(expected), query


def test_title_first_gives_the_same_ranking(searcher):
    for query in QUERIES:
        q, title_q, content_q = engine.build_all(searcher, understand(query))
        plain = engine.run(searcher, q, offset=0, limit=10)
        fast = engine.run(searcher, q, offset=0, limit=10, title_q=title_q, content_q=content_q)
        assert [(h.ct, h.pk) for h in fast.hits] == [(h.ct, h.pk) for h in plain.hits], query
        assert fast.total == plain.total, query


def test_title_first_is_taken_when_it_can_be_proven(searcher):
    q, title_q, content_q = engine.build_all(searcher, understand("政务公开"))
    assert engine.title_first(searcher, q, title_q, content_q, window=50) is not None


def test_counts_stay_exact_after_updates_leave_deleted_documents(searcher, corpus):
    from policies.models import PolicyDocument
    from portal.search import indexing

    docs = list(PolicyDocument.objects.filter(title__contains="政务公开")[:5])
    indexing.apply_updates([("policies.PolicyDocument", str(d.pk)) for d in docs])
    fresh = connections["default"].get_backend().searcher()
    assert fresh.reader().has_deletions()
    for query in ("政务公开", "通知"):
        q, _, _ = engine.build_all(fresh, understand(query))
        expected = {docnum for _, docnum in fresh.search(q, limit=None).top_n}
        assert doc_count(fresh, q) == len(expected) and doc_set(fresh, q) == expected


def test_type_counts_match_a_full_listing(searcher):
    from portal.search.doctable import DocTable

    assert engine.type_counts(searcher, engine.build_all(searcher, understand("养老金"))[0])["policies.policyqa"] == 4
    for query in QUERIES:
        q, _, _ = engine.build_all(searcher, understand(query))
        listed = DocTable(searcher).count_by_ct(doc_set(searcher, q))
        assert {ct: n for ct, n in engine.type_counts(searcher, q).items() if n} == dict(listed), query
