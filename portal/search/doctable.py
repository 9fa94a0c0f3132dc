"""Per-document facts the ranking and counting need, read from Whoosh columns once per segment.

Index document number → django_ct, pk and a ranking factor (the document's `rank_percent`, e.g.
有效 100 / 废止 40, times a mild recency bonus from `published`). Counting results per type,
handing every matched policy id to the database for facets and re-ranking the top hits must not
load a stored-fields record per document. Segments never change once written, so a segment's
table is built once per process (and day, for recency) and reused across searcher refreshes;
the small segments that updates add are cheap to read.
"""
from __future__ import annotations

import datetime as dt
import math
import threading
from collections import Counter

import numpy as np
from haystack.constants import DJANGO_CT, DJANGO_ID

RANK_FIELD = "rank_percent"
DATE_FIELD = "published"
RECENCY_WEIGHT = 0.15
RECENCY_DAYS = 730.0
_MICROS_PER_DAY = 86_400_000_000
_MISSING_INT = 2**31 - 1

_lock = threading.Lock()
_tables: dict[tuple, tuple[list[str], list[str], list[float]]] = {}
# A segment's django_ct column as numpy codes, for counting matches per type in one pass; keyed by
# the (cached, immutable) cts list, which the entry keeps alive so its id is never reused.
_codes: dict[int, tuple[list[str], list[str], np.ndarray]] = {}


def _ct_codes(cts: list[str]) -> tuple[list[str], np.ndarray]:
    entry = _codes.get(id(cts))
    if entry is None or entry[0] is not cts:
        names = sorted(set(cts))
        index = {name: i for i, name in enumerate(names)}
        entry = (cts, names, np.fromiter((index[ct] for ct in cts), dtype=np.int32, count=len(cts)))
        with _lock:
            if len(_codes) > 256:
                _codes.clear()
            _codes[id(cts)] = entry
    return entry[1], entry[2]


def _factors(reader, size: int, today: dt.date) -> list[float]:
    schema = reader.schema
    ranks = list(reader.column_reader(RANK_FIELD)) if RANK_FIELD in schema and schema[RANK_FIELD].column_type \
        else [100] * size
    dates = list(reader.column_reader(DATE_FIELD, translate=False)) if DATE_FIELD in schema and \
        schema[DATE_FIELD].column_type else [None] * size
    ordinal = today.toordinal()
    out = []
    for rank, raw in zip(ranks, dates):
        factor = (rank if 0 < rank < _MISSING_INT else 100) / 100.0
        if raw is not None and raw < 2**63:
            age = max(0, ordinal - (raw // _MICROS_PER_DAY + 1))
            factor *= 1.0 + RECENCY_WEIGHT * math.exp(-age / RECENCY_DAYS)
        out.append(factor)
    return out


def _segment_table(reader, today: dt.date):
    segment = reader.segment()
    folder = getattr(reader.storage(), "folder", "")
    key = (folder, segment.segment_id() if segment is not None else str(id(reader)), today)
    table = _tables.get(key)
    if table is None:
        cts = list(reader.column_reader(DJANGO_CT))
        pks = list(reader.column_reader(DJANGO_ID))
        table = (cts, pks, _factors(reader, len(cts), today))
        with _lock:
            if len(_tables) > 256:
                _tables.clear()
            _tables[key] = table
    return table


class DocTable:
    """Lookups over one searcher's segments (global docnum = segment offset + local docnum)."""

    def __init__(self, searcher, today: dt.date | None = None):
        today = today or dt.date.today()
        self.parts = []
        for reader, offset in searcher.reader().leaf_readers():
            if reader.doc_count_all() == 0:  # an empty index has an EmptyReader without columns
                continue
            cts, pks, factors = _segment_table(reader, today)
            self.parts.append((offset, offset + len(cts), cts, pks, factors))

    def _locate(self, docnum: int):
        for part in self.parts:
            if part[0] <= docnum < part[1]:
                return docnum - part[0], part
        raise KeyError(docnum)

    def ct_pk(self, docnum: int) -> tuple[str, str]:
        local, part = self._locate(docnum)
        return part[2][local], part[3][local]

    def factor(self, docnum: int) -> float:
        local, part = self._locate(docnum)
        return part[4][local]

    def count_by_ct(self, docnums) -> Counter:
        counts: Counter = Counter()
        if len(self.parts) == 1:
            cts = self.parts[0][2]
            for docnum in docnums:
                counts[cts[docnum]] += 1
            return counts
        for docnum in docnums:
            counts[self.ct_pk(docnum)[0]] += 1
        return counts

    def count_ids(self, ids: np.ndarray) -> Counter:
        """Matches per django_ct of a numpy array of document numbers."""
        counts: Counter = Counter()
        for start, end, cts, _pks, _factors in self.parts:
            local = ids[(ids >= start) & (ids < end)] - start
            if len(local):
                names, codes = _ct_codes(cts)
                for name, n in zip(names, np.bincount(codes[local], minlength=len(names)).tolist()):
                    if n:
                        counts[name] += n
        return counts

    def pks_of(self, docnums, ct: str) -> list[str]:
        out = []
        for docnum in docnums:
            doc_ct, pk = self.ct_pk(docnum)
            if doc_ct == ct:
                out.append(pk)
        return out
