"""A parallel rebuild finds every document, also when its postings spill to disk, and nothing else
that swaps an index generation in can pull the one being built from under its workers."""
import os
from pathlib import Path

import pytest
from haystack import connections
from whoosh import query as wq

from policies.models import PolicyDocument
from portal.search import build, store
from portal.search.docsets import doc_count
from portal.search.store import IndexBusy
from tests.factories import PolicyFactory

pytestmark = pytest.mark.whoosh_engine

DOCS = 120


def found(code: str) -> int:
    searcher = connections["default"].get_backend().searcher()
    return doc_count(searcher, wq.Term("text", code))


@pytest.mark.django_db(transaction=True)
def test_two_workers_finish_while_other_writers_swap_generations(monkeypatch, search_index):
    """What failed on 20,000 documents: while the workers filled the new generation, another
    writer swapped a generation in (an empty index being created, a clear) and swap_in deleted
    every older generation — the one being built too — so the workers' files vanished
    (FileNotFoundError on their posting runs)."""
    for i in range(DOCS):
        PolicyFactory(title=f"关于第{i}批事项的通知", body=f"<p>编号 x{7000 + i} 的事项，按规定办理。</p>")
    # A tiny memory budget: each worker writes many sorted runs to its temporary folder and
    # merges them back, as large corpora do.
    monkeypatch.setattr(build, "LIMIT_MB", 0.02)
    fill = build._fill_parallel
    backend = connections["default"].get_backend()

    def swap_meanwhile(directory, work, workers):
        backend.delete_index()
        backend.delete_index()
        return fill(directory, work, workers)

    monkeypatch.setattr(build, "_fill_parallel", swap_meanwhile)
    report = build.rebuild(workers=2)
    assert report.workers == 2
    assert report.documents == PolicyDocument.objects.public().count() == DOCS
    assert all(found(f"x{7000 + i}") == 1 for i in range(DOCS))
    assert found("通知") == DOCS
    live = Path(os.path.realpath(search_index))
    assert not [p.name for p in live.iterdir() if p.name.endswith(".tmp") or p.name == store.BUILDING_NAME]


@pytest.mark.django_db
def test_a_second_rebuild_waits_its_turn(search_index):
    with store.rebuild_slot(search_index):
        with pytest.raises(IndexBusy):
            build.rebuild()


@pytest.mark.django_db
def test_a_swap_leaves_a_generation_that_is_still_being_built(search_index):
    backend = connections["default"].get_backend()
    backend.setup()
    building = store.new_generation(search_index, backend.schema, [], complete=True)
    store.mark_building(building)
    backend.delete_index()  # swaps an empty generation in, deleting old ones
    backend.delete_index()
    assert building.exists()
    store.unmark_building(building)
    backend.delete_index()
    assert not building.exists()
