"""A full rebuild: fill a new index generation aside, then swap it in atomically.

Search keeps answering from the old index the whole time. Large rebuilds split the rows over
worker processes (fork), each writing its own Whoosh segment with jieba already loaded; the
segments are then listed in one table of contents — no merge, no second pass over the postings.
Changes saved while the rebuild runs are recorded (portal.search.indexing) and applied to the new
index right after the swap, under the writer lock. One rebuild runs at a time, and the generation
being filled is marked so that no other swap (a clear, an empty index created meanwhile) deletes
it under the workers — that is what made a parallel rebuild fail with FileNotFoundError.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import time
import traceback
from dataclasses import dataclass
from itertools import islice

from asgiref.local import Local
from django.db import connections as db_connections
from haystack import connections
from whoosh import index as whoosh_index
from whoosh.writing import PostingPool, SegmentWriter

from portal.search import store
from portal.search.dictionary import admin_terms

logger = logging.getLogger(__name__)

PARALLEL_THRESHOLD = 3000
CHUNK = 500
LIMIT_MB = 256


@dataclass
class BuildReport:
    documents: int
    characters: int
    seconds: float
    workers: int
    directory: str


def _plan():
    """[(model label, [pk …])] of every public row of every index, in pk order."""
    unified = connections["default"].get_unified_index()
    work = []
    for model, index in unified.get_indexes().items():
        pks = list(index.index_queryset().order_by("pk").values_list("pk", flat=True))
        if pks:
            work.append((model._meta.label, pks))
    return work


def _split(work, parts: int):
    flat = [(label, pk) for label, pks in work for pk in pks]
    size = -(-len(flat) // parts) if flat else 0
    slices = []
    for i in range(parts):
        chunk = flat[i * size:(i + 1) * size]
        grouped: dict[str, list] = {}
        for label, pk in chunk:
            grouped.setdefault(label, []).append(pk)
        slices.append(list(grouped.items()))
    return [s for s in slices if s]


def _add_rows(writer, work) -> tuple[int, int]:
    from django.apps import apps

    engine = connections["default"].get_backend()
    unified = connections["default"].get_unified_index()
    content = engine.content_field_name
    spill = writer.pool.spill_if_full
    docs = chars = 0
    for label, pks in work:
        index = unified.get_index(apps.get_model(label))
        for start in range(0, len(pks), CHUNK):
            for obj in index.index_queryset().filter(pk__in=pks[start:start + CHUNK]).order_by("pk"):
                doc = engine.prepare_document(index, obj)
                if doc is None:
                    continue
                writer.add_document(**doc)
                spill()
                docs += 1
                chars += len(doc.get(content) or "")
    return docs, chars


class _RebuildPool(PostingPool):
    """Whoosh's pool sizes every posting with six len() calls to know when to spill sorted runs
    to disk — a tenth of a rebuild's time on short documents. Here postings are appended as they
    come and the size is checked once per document (_add_rows) from an average posting size. The
    postings, their order and the segment written are the same; only where runs are cut differs."""

    POSTING_BYTES = 170  # what PostingPool.add counts for a typical (field, term, doc, weight, positions)

    RUN_BATCH = 8192

    def add(self, item):
        self.current.append(item)

    def spill_if_full(self):
        if len(self.current) * self.POSTING_BYTES > self.limit:
            self.save()

    # A run on disk is pickled in batches instead of one pickle per posting: reading millions of
    # single pickles back made a rebuild whose postings outgrew LIMIT_MB twice as slow to finish.
    def _write_run(self, f, items):
        items = iter(items)
        while True:
            batch = list(islice(items, self.RUN_BATCH))
            if not batch:
                break
            pickle.dump(batch, f, pickle.HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self, path):
        f = self._open_run(path)
        try:
            while True:
                try:
                    batch = pickle.load(f)
                except EOFError:
                    return
                yield from batch
        finally:
            f.close()
            self._remove_run(path)


def _rebuild_writer(ix, worker: int = 0) -> SegmentWriter:
    """A writer for the generation being built (nobody else writes there: no lock), whose
    temporary files (sorted posting runs) live in a folder of its own, removed when it finishes:
    no worker's runs sit in Whoosh's shared MAIN.tmp, which any writer that finishes empties."""
    writer = SegmentWriter(ix, _lk=False, limitmb=LIMIT_MB)
    own = ix.storage.temp_storage(f"{ix.indexname}.worker{worker}-{os.getpid()}.tmp")
    writer._tempstorage = own
    writer.pool = _RebuildPool(own, writer.newsegment, limitmb=LIMIT_MB)
    return writer


_inherited: list = []  # the parent's connection wrappers, kept referenced in a forked worker (see below)


def _forget_inherited_connections() -> None:
    """A forked worker must never use or close the parent's database sockets: two processes on one
    socket corrupt the protocol ("server closed the connection unexpectedly") and a close from the
    worker ends the parent's session. The parent closes its connections before forking, but one
    it cannot close may remain; the worker starts from new wrappers and keeps the old ones
    referenced, so no finaliser ever runs on them (the worker ends with os._exit)."""
    _inherited.append(db_connections._connections)
    db_connections._connections = Local(db_connections.thread_critical)


def _child(directory, worker, work, results):
    writer = None
    _forget_inherited_connections()
    try:
        ix = whoosh_index.open_dir(directory)
        writer = _rebuild_writer(ix, worker)
        docs, chars = _add_rows(writer, work)
        segment = writer._finalize_segment() if docs else None
        results.put(("ok", segment, docs, chars))
    except BaseException:
        results.put(("error", traceback.format_exc(), 0, 0))
    finally:
        if writer is not None:
            writer.temp_storage().destroy()
        db_connections.close_all()


def _fill_parallel(directory, work, workers: int) -> tuple[int, int]:
    if any(conn.in_atomic_block for conn in db_connections.all(initialized_only=True)):
        # Inside a transaction: its connection cannot be closed, and the workers' own connections
        # would not see its uncommitted rows. One process reads them here instead.
        return _fill_serial(directory, work)
    db_connections.close_all()  # children must open their own database connections
    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()
    procs = [ctx.Process(target=_child, args=(str(directory), number, part, results), daemon=True)
             for number, part in enumerate(_split(work, workers))]
    for proc in procs:
        proc.start()
    outcomes = [results.get() for _ in procs]
    for proc in procs:
        proc.join()
    errors = [o[1] for o in outcomes if o[0] != "ok"]
    if errors:
        raise RuntimeError("重建索引的子进程失败：\n" + errors[0])
    segments = [o[1] for o in outcomes if o[1] is not None]
    ix = whoosh_index.open_dir(str(directory))
    writer = ix.writer()
    writer._close_segment()
    writer._commit_toc(segments)
    writer._finish()
    return sum(o[2] for o in outcomes), sum(o[3] for o in outcomes)


def _fill_serial(directory, work) -> tuple[int, int]:
    writer = _rebuild_writer(whoosh_index.open_dir(str(directory)))
    try:
        docs, chars = _add_rows(writer, work)
    except BaseException:
        writer.cancel()
        raise
    writer.commit(merge=False)
    return docs, chars


def default_workers(total: int) -> int:
    # A Celery prefork child is a daemon process and may not fork workers of its own.
    if total < PARALLEL_THRESHOLD or multiprocessing.current_process().daemon:
        return 1
    return max(1, min(4, os.cpu_count() or 1))


def rebuild(*, workers: int | None = None) -> BuildReport:
    """Build every index from the database into a new generation and swap it in."""
    engine = connections["default"].get_backend()
    if not engine.setup_complete:
        engine.setup()
    path = engine.path
    with store.rebuild_slot(path):
        return _rebuild(engine, path, workers)


def _rebuild(engine, path, workers) -> BuildReport:
    from portal.search.indexing import drain_pending

    marker = store.rebuild_marker(path)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(f"{os.getpid()} {time.time()}")
    started = time.perf_counter()
    directory = None
    try:
        terms = admin_terms()
        directory = store.new_generation(path, engine.schema, terms, complete=True)
        store.mark_building(directory)
        work = _plan()
        total = sum(len(pks) for _, pks in work)
        workers = workers or default_workers(total)
        if multiprocessing.current_process().daemon:
            workers = 1
        if workers > 1 and total >= workers:
            docs, chars = _fill_parallel(directory, work, workers)
        else:
            workers = 1
            docs, chars = _fill_serial(directory, work)
        store.unmark_building(directory)
        with store.write_lock(path):
            store.swap_in(path, directory)
            marker.unlink(missing_ok=True)
            drain_pending()
    except BaseException:
        if directory is not None and os.path.realpath(path) != os.path.realpath(directory):
            import shutil

            shutil.rmtree(directory, ignore_errors=True)
        raise
    finally:
        marker.unlink(missing_ok=True)
    return BuildReport(documents=docs, characters=chars, seconds=time.perf_counter() - started,
                       workers=workers, directory=str(directory))
