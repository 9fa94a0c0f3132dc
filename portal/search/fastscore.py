"""Score every match of a query at once with numpy — the same scores Whoosh computes, faster.

Whoosh scores one document at a time in Python (~5 µs per posting and per tree node), and its
block-max skipping barely helps on short law articles whose scores are all alike: a 3-letter
initials query that becomes "共和国" matched 26,012 of 26,196 articles and took ~120 ms however
it was cut. Here each term's postings are read a block at a time, BM25F is evaluated on the
arrays, and the query tree is combined exactly as Whoosh's matchers would — the same binary or
weighted trees (whoosh.util.make_binary_tree / make_weighted_tree with the same weights), so the
floating-point sums happen in the same order and every score is bit-identical. The top hits are
then ordered as Whoosh orders them (score descending, document number ascending).

Handled: Term (BM25F fields), DefaultOr, And, BestOf, Filter; any other node (phrases) is
stepped through with its own Whoosh matcher. Anything else (sorting, other weightings, plain Or,
non-scorable terms in a scored position) raises Unsupported and the caller uses Whoosh.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from whoosh import query as wq
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query.compound import DefaultOr
from whoosh.scoring import BM25FScorer
from whoosh.util import make_binary_tree, make_weighted_tree
from whoosh.util.numeric import byte_to_length

from portal.search.analysis import BestOf, Filter
from portal.search.docsets import matches_among
from portal.search.whoosh_fixes import length_bytes

# byte → field length, as whoosh.util.numeric.byte_to_length (byte 0 = no length)
_LENGTHS = np.array([np.nan] + [float(byte_to_length(b)) for b in range(1, 256)], dtype=np.float64)
_EMPTY_IDS = np.empty(0, dtype=np.int64)
_EMPTY_SCORES = np.empty(0, dtype=np.float64)


class Unsupported(Exception):
    """The query has a part this module does not score exactly like Whoosh."""


@dataclass
class _Vec:
    """The matches of a query in one segment: sorted document numbers and their scores."""

    ids: np.ndarray
    scores: np.ndarray

    # make_weighted_tree sorts (weight, node) pairs; Whoosh's matchers compare as equal or
    # "not less" in every case that can arise, so ties keep their order — the same here.
    def __eq__(self, other):
        return True

    def __lt__(self, other):
        return False


_NONE = _Vec(_EMPTY_IDS, _EMPTY_SCORES)


@dataclass
class Ranked:
    """What engine.run needs of a search: the top hits and the exact number of matches."""

    top_n: list[tuple[float, int]]
    total: int
    ids: np.ndarray | None = None  # every match (global document numbers), for counting per type


# --- reading postings ---------------------------------------------------------------------------------
def _postings(matcher, within=None) -> tuple[np.ndarray, np.ndarray]:
    """(ids, weights) of a term's postings in one segment, deleted documents left out.

    With `within` (sorted ids), only those documents are wanted: a block whose id range holds
    none of them is skipped without being decoded (an intersection asks a common word only
    about the few documents its rare words matched)."""
    excluded = None
    if isinstance(matcher, FilterMatcher) and matcher._exclude:
        excluded, matcher = matcher._ids, matcher.child
    id_parts: list = []
    weight_parts: list = []
    if hasattr(matcher, "_read_data") and hasattr(matcher, "_next_block"):  # on-disk blocks
        last = -1
        while matcher.is_active():
            top = matcher._maxid
            if within is not None and np.searchsorted(within, last, "right") == np.searchsorted(within, top, "right"):
                last = top
                matcher._next_block()
                continue
            last = top
            if matcher._data is None:
                matcher._read_data()
            raw_ids, raw_weights = matcher._data[0], matcher._data[1]
            ids = np.asarray(raw_ids, dtype=np.int64)
            if not matcher._byteids:
                ids = np.cumsum(ids)  # whoosh.util.numlists.delta_decode
            count = matcher._blocklength
            # as W3LeafMatcher._read_weights: missing = 1.0, one value = that value as float32
            if raw_weights is None:
                weights = np.ones(count)
            elif isinstance(raw_weights, float):
                weights = np.full(count, np.float32(raw_weights), dtype=np.float64)
            else:
                weights = np.asarray(raw_weights, dtype=np.float64)
            id_parts.append(ids)
            weight_parts.append(weights)
            matcher._next_block()
        id_arr = np.concatenate(id_parts) if id_parts else _EMPTY_IDS
        w_arr = np.concatenate(weight_parts) if weight_parts else _EMPTY_SCORES
    else:  # a short list stored inline with the term
        ids, weights = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        id_arr = np.array(ids, dtype=np.int64)
        w_arr = np.array(weights, dtype=np.float64)
    keep = None
    if excluded:
        keep = ~np.isin(id_arr, np.fromiter(excluded, dtype=np.int64, count=len(excluded)))
    if within is not None:
        inside = np.isin(id_arr, within, assume_unique=True)
        keep = inside if keep is None else keep & inside
    if keep is not None:
        id_arr, w_arr = id_arr[keep], w_arr[keep]
    return id_arr, w_arr


def _term(sub, ctx, q: wq.Term, scored: bool, within) -> _Vec:
    field = sub.schema[q.fieldname] if q.fieldname in sub.schema else None
    if field is None:
        return _NONE
    try:
        btext = field.to_bytes(q.text)
    except ValueError:
        return _NONE
    if (q.fieldname, btext) not in sub.reader():
        return _NONE
    matcher = sub.postings(q.fieldname, btext, weighting=ctx.weighting)
    scorer = getattr(matcher, "scorer", None) or getattr(getattr(matcher, "child", None), "scorer", None)
    if scored and (type(scorer) is not BM25FScorer or q.minquality):
        raise Unsupported(f"{q.fieldname}: {type(scorer).__name__}")
    ids, tf = _postings(matcher, within)
    if not scored:
        return _Vec(ids, np.zeros(len(ids)))
    table = length_bytes(sub.reader()._perdoc, q.fieldname)
    if table is None:
        raise Unsupported(f"{q.fieldname}: no lengths")
    fl = _LENGTHS[np.frombuffer(table, dtype=np.uint8)[ids]]
    idf, avgfl, B, K1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
    # whoosh.scoring.bm25, operation for operation (same rounding)
    scores = idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
    if q.boost != 1.0:
        scores = scores * q.boost
    return _Vec(ids, scores)


# --- combining, as Whoosh's matchers do ------------------------------------------------------------------
def _union(a: _Vec, b: _Vec, both) -> _Vec:
    """Documents of either side; `both(sa, sb)` scores those on both (UnionMatcher adds)."""
    if not len(a.ids):
        return b
    if not len(b.ids):
        return a
    ids = np.union1d(a.ids, b.ids)
    scores = np.empty(len(ids))
    scores[np.searchsorted(ids, b.ids)] = b.scores
    scores[np.searchsorted(ids, a.ids)] = a.scores
    common, ia, ib = np.intersect1d(a.ids, b.ids, assume_unique=True, return_indices=True)
    if len(common):
        scores[np.searchsorted(ids, common)] = both(a.scores[ia], b.scores[ib])
    return _Vec(ids, scores)


def _sum_union(a, b):
    return _union(a, b, lambda sa, sb: sa + sb)


def _intersection(a: _Vec, b: _Vec) -> _Vec:
    ids, ia, ib = np.intersect1d(a.ids, b.ids, assume_unique=True, return_indices=True)
    return _Vec(ids, a.scores[ia] + b.scores[ib])


def _best_of(tiebreak):
    def combine(a, b):
        return _union(a, b, lambda sa, sb: np.maximum(sa, sb) + tiebreak * np.minimum(sa, sb))
    return combine


def _boosted(vec: _Vec, boost: float) -> _Vec:
    return vec if boost == 1.0 else _Vec(vec.ids, vec.scores * boost)


def _stepped(sub, ctx, q, scored: bool, within) -> _Vec:
    """A node scored by its own Whoosh matcher, one match at a time (phrases: few matches), or
    only asked about the `within` documents when they are given."""
    matcher = q.matcher(sub, ctx)
    ids, scores = [], []
    if within is None:
        while matcher.is_active():
            ids.append(matcher.id())
            scores.append(matcher.score() if scored else 0.0)
            matcher.next()
    else:
        for docnum in matches_among(matcher, within.tolist()):
            ids.append(docnum)
            scores.append(matcher.score() if scored else 0.0)
    return _Vec(np.array(ids, dtype=np.int64), np.array(scores, dtype=np.float64))


def _vec(sub, ctx, q, scored: bool = True, within=None) -> _Vec:
    """q's matches in one segment (only those among `within`, when given) with their scores."""
    if within is not None and not len(within):
        return _NONE
    if isinstance(q, Filter):
        child = _vec(sub, ctx, q.child, False, within)
        return _Vec(child.ids, np.zeros(len(child.ids)))
    if type(q) is wq.Term:
        return _term(sub, ctx, q, scored, within)
    if type(q) in (wq.And, DefaultOr, BestOf):
        subs = q.subqueries
        if not subs:
            return _NONE
        if len(subs) == 1:  # CompoundQuery.matcher: the child alone, without the boost
            return _vec(sub, ctx, subs[0], scored, within)
        if type(q) is DefaultOr and q.scale:
            raise Unsupported("coordination scaling")
        reader = sub.reader()
        sizes = [c.estimate_size(reader) for c in subs]
        if type(q) is wq.And:
            # Rarest part first; the others are only read where it matched.
            vecs: list = [None] * len(subs)
            for i in sorted(range(len(subs)), key=sizes.__getitem__):
                vecs[i] = _vec(sub, ctx, subs[i], scored, within)
                within = vecs[i].ids
            tree = make_weighted_tree(_intersection, [(0 - size, v) for size, v in zip(sizes, vecs)])
        else:
            vecs = [_vec(sub, ctx, child, scored, within) for child in subs]
            if type(q) is DefaultOr:
                tree = make_weighted_tree(_sum_union, list(zip(sizes, vecs)))
            else:
                tree = make_binary_tree(_best_of(q.tiebreak), vecs)
        return _boosted(tree, q.boost)
    if isinstance(q, wq.Term):
        raise Unsupported(type(q).__name__)
    return _stepped(sub, ctx, q, scored, within)


def search(searcher, q: wq.Query, limit: int) -> Ranked:
    """The `limit` best matches of q, ranked as Whoosh ranks them when it scores every match
    (its limited search can skip some matches of an And), and the number of matches, deleted
    documents excluded."""
    all_ids, all_scores = [], []
    ctx = searcher.context(needs_current=True, weighting=searcher.weighting)
    for sub, offset in searcher.leaf_searchers():
        vec = _vec(sub, ctx, q)
        if len(vec.ids):
            all_ids.append(vec.ids + offset)
            all_scores.append(vec.scores)
    if not all_ids:
        return Ranked([], 0, _EMPTY_IDS)
    matched = ids = np.concatenate(all_ids)
    scores = np.concatenate(all_scores)
    total = len(ids)
    if total > limit:
        kth = np.partition(scores, total - limit)[total - limit]
        keep = scores >= kth
        ids, scores = ids[keep], scores[keep]
    order = np.lexsort((ids, -scores))[:limit]
    return Ranked([(float(scores[i]), int(ids[i])) for i in order], total, matched)


def matched_ids(searcher, q: wq.Query) -> np.ndarray:
    """Every match of q (global document numbers, deleted documents excluded), unscored: for
    counting matches per type without ranking or listing them."""
    ctx = searcher.context(needs_current=True, weighting=searcher.weighting)
    parts = [_vec(sub, ctx, q, scored=False).ids + offset for sub, offset in searcher.leaf_searchers()]
    return np.concatenate(parts) if parts else _EMPTY_IDS
