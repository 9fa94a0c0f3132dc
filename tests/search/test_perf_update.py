"""Updating a batch of rows replaces each one's index entry, reading the index once per batch
(Whoosh's update_document opened a reader over every segment per document: 20,000 imported
documents took ~17 minutes)."""
import pytest
from haystack import connections
from whoosh import query as wq
from whoosh.writing import SegmentWriter

from policies.models import PolicyDocument
from portal.search.docsets import doc_count
from tests.factories import PolicyFactory

pytestmark = pytest.mark.whoosh_engine


def count(word: str) -> int:
    return doc_count(connections["default"].get_backend().searcher(), wq.Term("text", word))


@pytest.fixture
def readers(monkeypatch):
    """Every reader Whoosh's writer opens over the index (one per document, before)."""
    opened = []
    original = SegmentWriter.reader
    monkeypatch.setattr(SegmentWriter, "reader", lambda self, **kw: opened.append(1) or original(self, **kw))
    return opened


def indexed(n: int, title: str, body: str):
    backend = connections["default"].get_backend()
    index = connections["default"].get_unified_index().get_index(PolicyDocument)
    docs = [PolicyFactory(title=title.format(i), body=body) for i in range(n)]
    backend.update(index, docs)
    return backend, index, docs


@pytest.mark.django_db
def test_a_batch_update_replaces_entries_with_one_reader(search_index, readers):
    backend, index, docs = indexed(30, "第{}号通知", "<p>旧版内容 甲乙</p>")
    assert count("旧版") == 30
    readers.clear()
    for doc in docs:
        doc.body = "<p>新版内容 丙丁</p>"
        doc.save()
    backend.update(index, docs + docs[:5])  # a row given twice is indexed once (its last version)
    assert len(readers) == 1
    assert count("旧版") == 0 and count("新版") == 30
    assert connections["default"].get_backend().searcher().doc_count() == 30


@pytest.mark.django_db
def test_removing_many_reads_the_index_once(search_index, readers):
    backend, _, docs = indexed(10, "第{}号公告", "<p>撤销内容</p>")
    readers.clear()
    backend.remove_many([f"policies.policydocument.{d.pk}" for d in docs[:6]] + ["policies.policydocument.0"])
    assert len(readers) == 1
    assert count("撤销") == 4
