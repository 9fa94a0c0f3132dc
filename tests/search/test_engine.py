"""The fast paths give exactly what plain Whoosh gives: counts, matched sets, scores and ranking."""
import pytest
from haystack import connections

from whoosh import query as wq

from portal.search import engine, fastscore
from portal.search.build import rebuild
from portal.search.docsets import doc_count, doc_set
from portal.search.understand import understand
from tests.factories import PolicyFactory

pytestmark = pytest.mark.whoosh_engine

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
        q = engine.build(searcher, understand(query))
        expected = {docnum for _, docnum in searcher.search(q, limit=None).top_n}
        assert doc_set(searcher, q) == expected, query
        assert doc_count(searcher, q) == len(expected), query


def whoosh_top(searcher, q, limit):
    """Whoosh scoring every match, best first, ties by document number (its collector's order)."""
    return sorted(searcher.search(q, limit=None).top_n, key=lambda hit: (-hit[0], hit[1]))[:limit]


def test_vectorised_scores_are_whooshs_own(searcher):
    by_type = [wq.Term("django_ct", "policies.policyqa")]
    for query in QUERIES + ["政务公开 养老金", "第3批 通知", '"政务公开工作"']:
        for relaxed, narrowed in ((False, False), (True, False), (False, True)):
            q = engine.build(searcher, understand(query), relaxed=relaxed)
            if narrowed:  # a zero-scoring type condition, as the search page narrows by type
                q = engine.restrict(q, by_type)
            expected = whoosh_top(searcher, q, 50)
            ranked = fastscore.search(searcher, q, 50)
            assert ranked.top_n == expected, query  # same documents, same order, bit-identical scores
            assert ranked.total == len(searcher.search(q, limit=None)), query


def test_ranking_matches_whoosh_scoring_every_match(searcher):
    for query in QUERIES:
        q = engine.build(searcher, understand(query))
        fast = engine.run(searcher, q, offset=0, limit=10)
        reference = engine.run(searcher, q, offset=0, limit=10, allow=searcher.search(wq.Every(), limit=None))
        assert [(h.ct, h.pk) for h in fast.hits] == [(h.ct, h.pk) for h in reference.hits], query
        assert fast.total == reference.total == doc_count(searcher, q), query


def test_a_rare_word_and_a_common_one_rank_as_whoosh_ranks_them(searcher):
    """(The common word is read only where the rare one matched.)"""
    q = engine.build(searcher, understand("第3批 通知"))
    assert fastscore.search(searcher, q, 10).top_n == whoosh_top(searcher, q, 10)
    assert fastscore.search(searcher, q, 10).total == len(searcher.search(q, limit=None))


def test_counts_stay_exact_after_updates_leave_deleted_documents(searcher, corpus):
    from policies.models import PolicyDocument
    from portal.search import indexing

    docs = list(PolicyDocument.objects.filter(title__contains="政务公开")[:5])
    indexing.apply_updates([("policies.PolicyDocument", str(d.pk)) for d in docs])
    fresh = connections["default"].get_backend().searcher()
    assert fresh.reader().has_deletions()
    for query in ("政务公开", "通知"):
        q = engine.build(fresh, understand(query))
        expected = {docnum for _, docnum in fresh.search(q, limit=None).top_n}
        assert doc_count(fresh, q) == len(expected) and doc_set(fresh, q) == expected
        assert fastscore.search(fresh, q, 50).top_n == whoosh_top(fresh, q, 50)  # deleted ones left out


def test_type_counts_match_a_full_listing(searcher):
    from portal.search.doctable import DocTable

    assert engine.type_counts(searcher, engine.build(searcher, understand("养老金")))["policies.policyqa"] == 4
    for query in QUERIES:
        q = engine.build(searcher, understand(query))
        listed = DocTable(searcher).count_by_ct(doc_set(searcher, q))
        assert {ct: n for ct, n in engine.type_counts(searcher, q).items() if n} == dict(listed), query
