"""The search engine behind portal.search.service: one small interface, two implementations.

The service understands a query (portal.search.understand → an engine-neutral QueryPlan) and asks
the engine to run it; everything that reads or writes an index goes through `current()`:

- run(plan, …) → EngineResult (ranked hits with scores, the number of matches), or None when
  nothing in the plan can be searched; type_counts(result) and facet_ids(result, ct) for it;
- vocabulary(extra_words) (pinyin / homophone correction over the indexed words) and state()
  (a key that changes with every committed change, for caching answers);
- update(index, rows), remove_many(identifiers), rebuild(), indexed_versions() (reconcile),
  ready(), rebuild_running(), damaged(), dictionary_fingerprint().

WhooshEngine is the embedded default (one host: the index lives on its local disk, see
portal.search.store). PostgresEngine (portal.search.pgengine) keeps one row per document in the
database, so any number of web hosts and workers share it. Which one runs is the haystack
connection's backend, chosen by SEARCH_ENGINE in portal/settings.py: haystack's SearchIndex
classes declare what is indexed for both.
"""
from __future__ import annotations

import logging
from abc import ABC, abstractmethod

from django.db import DatabaseError
from haystack import connections

from portal.search import engine as whoosh_query
from portal.search import store
from portal.search.engine import EngineResult
from portal.search.understand import QueryPlan


class SearchEngine(ABC):
    """What the service, indexing, reconcile and health need of an engine."""

    name = ""

    def __init__(self, backend):
        self.backend = backend

    @property
    def location(self) -> str:
        """Where the index is, as an alert names it."""
        return self.name

    # --- reading -------------------------------------------------------------------------------------
    @abstractmethod
    def run(self, plan: QueryPlan, *, cts: list[str] | None, filters: dict[str, str], offset: int, limit: int,
            sort: str = "relevance", relaxed: bool = False, count: bool = True) -> EngineResult | None:
        """The page [offset, offset+limit) of the plan's matches among types `cts` (None: all)
        with the facet `filters` ({index field: value, or (low, high) for an inclusive range of
        ISO dates}), best first or newest first by a date of engine.SORT_FIELDS; the plan's
        `field` restricts where its words are looked for."""

    @abstractmethod
    def type_counts(self, result: EngineResult) -> dict[str, int]:
        """Matches per django_ct of the result's query, of every type and without facet filters."""

    @abstractmethod
    def facet_ids(self, result: EngineResult, ct: str) -> list[str]:
        """The pks of type `ct` the result's query (type and filters applied) matched."""

    @abstractmethod
    def vocabulary(self, extra_words):
        """portal.search.vocabulary.Vocabulary of the indexed words (cached while unchanged)."""

    @abstractmethod
    def state(self) -> str:
        """A key that every committed change, seen from any process, replaces."""

    def forget(self) -> None:
        """A read failed: open the index afresh next time (nothing to forget by default)."""

    # --- writing -------------------------------------------------------------------------------------
    def update(self, index, rows) -> None:
        self.backend.update(index, rows)

    def remove_many(self, identifiers) -> None:
        self.backend.remove_many(list(identifiers))

    @abstractmethod
    def rebuild(self, *, workers: int | None = None):
        """Index every public row anew; searches see the old index until the new one is whole."""

    @abstractmethod
    def indexed_versions(self) -> dict[str, dict[str, str]]:
        """{django_ct: {pk: version}} of every indexed document (portal.search.reconcile)."""

    @abstractmethod
    def ready(self) -> bool:
        """The index exists and has the fields the code writes: updates can go into it."""

    def rebuild_running(self) -> bool:
        return False

    def damaged(self) -> bool:
        return False

    @abstractmethod
    def dictionary_fingerprint(self) -> str | None:
        """The fingerprint of the user dictionary the index was cut with (None: no index)."""


class WhooshEngine(SearchEngine):
    """Whoosh files on this host's disk (portal.search.engine, fastscore, docsets, store)."""

    name = "whoosh"

    @property
    def path(self):
        return self.backend.path

    @property
    def location(self):
        return str(self.path)

    def run(self, plan, *, cts, filters, offset, limit, sort="relevance", relaxed=False, count=True):
        from whoosh import query as wq

        searcher = self.backend.searcher()
        q = whoosh_query.build(searcher, plan, self.backend.content_field_name, relaxed=relaxed)
        if q is None:
            return None
        conditions = [whoosh_query.type_condition(searcher, cts)]
        conditions += [wq.TermRange(name, *value) if isinstance(value, tuple) else wq.Term(name, value)
                       for name, value in filters.items()]
        narrowed = whoosh_query.restrict(q, conditions)
        found = whoosh_query.run(searcher, narrowed, offset=offset, limit=limit, sort=sort,
                                 doc_number_key=plan.doc_number_key, count=count)
        found.query = (searcher, q, narrowed)
        return found

    def type_counts(self, result):
        searcher, q, narrowed = result.query
        # Unnarrowed (all types, no facet filter): the search already listed every match of q.
        matched = result.matched if narrowed is q else None
        return whoosh_query.type_counts(searcher, q, matched)

    def facet_ids(self, result, ct):
        searcher, _q, narrowed = result.query
        return whoosh_query.counts_and_ids(searcher, narrowed, ct)[1]

    def vocabulary(self, extra_words):
        """portal.search.vocabulary.Vocabulary of the indexed words (cached while unchanged)."""
        from portal.search.vocabulary import vocabulary_for

        return vocabulary_for(self.backend.searcher(), self.path, extra_words)

    def state(self):
        return store.state(self.path)

    def forget(self):
        store.invalidate()

    def rebuild(self, *, workers=None):
        from portal.search.build import rebuild

        return rebuild(workers=workers)

    def indexed_versions(self):
        from portal.search.backend import VERSION_FIELD

        ix = store.open_index(self.path)
        found: dict[str, dict[str, str]] = {}
        with ix.searcher() as searcher:
            for fields in searcher.reader().all_stored_fields():
                found.setdefault(fields["django_ct"], {})[fields["django_id"]] = fields.get(VERSION_FIELD, "")
        return found

    def ready(self):
        if not store.is_present(self.path):
            return False
        try:
            live = store.open_index(self.path).schema
        except store.IndexUnavailable:
            return False
        return set(live.names()) == set(self.backend.schema.names())

    def rebuild_running(self):
        return store.rebuild_running(self.path)

    def damaged(self):
        try:
            store.verify(self.path)
        except store.IndexDamaged:
            return True
        except store.IndexUnavailable:  # no index at all: reconcile builds it, nothing is damaged
            return False
        return False

    def dictionary_fingerprint(self):
        import os

        if not store.is_present(self.path):
            return None
        return store.read_meta(os.path.realpath(self.path)).get("fingerprint")


logger = logging.getLogger(__name__)


def cache_state() -> str | None:
    """The current engine's state as part of a cache key, or None when the index cannot be read now
    (missing, damaged, its table unreachable): the answer then comes from the database fallback, which
    must not be cached (the index answers again as soon as it can)."""
    try:
        return current().state()
    except (store.IndexUnavailable, DatabaseError, OSError) as exc:
        logger.warning("搜索索引暂不可读，本次结果不缓存：%s", exc)
        return None


def current() -> SearchEngine:
    """The engine of the haystack connection (SEARCH_ENGINE), set up."""
    backend = connections["default"].get_backend()
    if not backend.setup_complete:
        backend.setup()
    engine_class = getattr(backend, "search_engine_class", None) or WhooshEngine
    return engine_class(backend)


def rebuild(*, workers: int | None = None):
    """Rebuild the current engine's index from the database (rebuild_index, the repair jobs)."""
    return current().rebuild(workers=workers)
