"""The rebuild's cheaper posting pool writes exactly the index Whoosh's own writer writes."""
import pytest
from haystack import connections
from whoosh import index as whoosh_index

from portal.search import build, store

pytestmark = pytest.mark.whoosh_engine


def written(tmp_path, name, make_writer):
    backend = connections["default"].get_backend()
    backend.setup()
    directory = store.new_generation(tmp_path / name, backend.schema, [], complete=True)
    writer = make_writer(whoosh_index.open_dir(str(directory)))
    build._add_rows(writer, build._plan())
    writer.commit(merge=False)
    reader = whoosh_index.open_dir(str(directory)).reader()
    postings = [(field, term, list(reader.postings(field, term).items_as("weight")),
                 list(reader.postings(field, term).all_ids())) for field, term in reader.all_terms()]
    positions = [list(reader.postings("text", term).items_as("positions")) for term in reader.lexicon("text")]
    return postings, positions, list(reader.all_stored_fields())


def whoosh_writer(ix):
    writer = ix.writer(limitmb=0.01)  # Whoosh's own pool, spilling sorted runs to disk
    writer.pool.spill_if_full = lambda: None  # (what _add_rows asks of the rebuild's pool)
    return writer


@pytest.mark.django_db
def test_rebuild_pool_writes_the_same_index_as_whooshs_writer(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(build, "LIMIT_MB", 0.01)  # both spill runs to disk, at different places
    ours = written(tmp_path, "ours", build._rebuild_writer)
    theirs = written(tmp_path, "theirs", whoosh_writer)
    assert ours[0] and ours == theirs
