"""Every document a query matches, as a set of document numbers, fast.

Whoosh counts by stepping a compound matcher one document at a time in Python, and its
IntersectionMatcher.all_ids() first materialises every id of each side, so a common word next to a
rare one costs a full pass over the common word's postings. Here a term's ids are read a block
(tuple) at a time, a union is a set union, and an intersection starts from its rarest part and
only asks the others about those candidates (skip_to); phrases are stepped through.
"""
from __future__ import annotations

from whoosh import query as wq
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query.wrappers import WrappingQuery


def _block_ids(matcher):
    """All ids of a posting-list matcher, a block (tuple) at a time instead of one by one."""
    excluded = None
    if isinstance(matcher, FilterMatcher) and matcher._exclude:
        excluded, matcher = matcher._ids, matcher.child  # the segment's deleted documents
    if not hasattr(matcher, "_next_block") or not hasattr(matcher, "_read_ids"):
        yield from matcher.all_ids()
        return
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        block = matcher._ids[matcher._i:]
        yield from (block if excluded is None else (d for d in block if d not in excluded))
        matcher._next_block()


def _term_ids(searcher, fieldname: str, text) -> set[int]:
    ids: set[int] = set()
    if (fieldname, text) not in searcher.reader():
        return ids
    ctx = searcher.boolean_context()
    for sub, offset in searcher.leaf_searchers():
        matcher = wq.Term(fieldname, text).matcher(sub, ctx)
        if offset:
            ids.update(docnum + offset for docnum in _block_ids(matcher))
        else:
            ids.update(_block_ids(matcher))
    return ids


def _stepped_ids(searcher, q: wq.Query) -> set[int]:
    ids: set[int] = set()
    ctx = searcher.boolean_context()
    for sub, offset in searcher.leaf_searchers():
        matcher = q.matcher(sub, ctx)
        while matcher.is_active():
            ids.add(matcher.id() + offset)
            matcher.next()
    return ids


def _filter(searcher, q: wq.Query, candidates: set[int]) -> set[int]:
    """The candidates that q also matches, by skipping q's matcher from one candidate to the next."""
    kept: set[int] = set()
    ctx = searcher.boolean_context()
    ordered = sorted(candidates)
    for sub, offset in searcher.leaf_searchers():
        end = offset + sub.doc_count_all()
        local = [d - offset for d in ordered if offset <= d < end]
        if not local:
            continue
        kept.update(docnum + offset for docnum in matches_among(q.matcher(sub, ctx), local))
    return kept


def matches_among(matcher, docnums):
    """Those of the sorted `docnums` the matcher matches too, skipping from one to the next; the
    matcher sits on each when it is yielded (to score it)."""
    for docnum in docnums:
        if not matcher.is_active():
            return
        if matcher.id() < docnum:
            matcher.skip_to(docnum)
            if not matcher.is_active():
                return
        if matcher.id() == docnum:
            yield docnum


def doc_set(searcher, q: wq.Query) -> set[int]:
    """The global document numbers matching q (deleted documents excluded)."""
    if isinstance(q, wq.Term):
        return _term_ids(searcher, q.fieldname, q.text)
    if isinstance(q, WrappingQuery):  # ConstantScoreQuery and the like
        return doc_set(searcher, q.child)
    if isinstance(q, (wq.Or, wq.DisjunctionMax)):
        found: set[int] = set()
        for child in q.subqueries:
            found |= doc_set(searcher, child)
        return found
    if isinstance(q, wq.And) and q.subqueries:
        reader = searcher.reader()
        children = sorted(q.subqueries, key=lambda child: child.estimate_size(reader))
        result = doc_set(searcher, children[0])
        for child in children[1:]:
            if not result:
                break
            result = _filter(searcher, child, result)
        return result
    if q is wq.NullQuery:
        return set()
    return _stepped_ids(searcher, q)


def doc_count(searcher, q: wq.Query) -> int:
    """len(doc_set(searcher, q)) without materialising the biggest part of a union: a term's count
    is its document frequency when no document was deleted, and the other parts only add what
    the big one does not already match."""
    if isinstance(q, wq.Term):
        reader = searcher.reader()
        if not reader.has_deletions():
            return reader.doc_frequency(q.fieldname, q.text) if (q.fieldname, q.text) in reader else 0
        return len(_term_ids(searcher, q.fieldname, q.text))
    if isinstance(q, WrappingQuery):
        return doc_count(searcher, q.child)
    if isinstance(q, (wq.Or, wq.DisjunctionMax)) and q.subqueries:
        reader = searcher.reader()
        children = sorted(q.subqueries, key=lambda child: child.estimate_size(reader), reverse=True)
        big, rest = children[0], children[1:]
        others: set[int] = set()
        for child in rest:
            others |= doc_set(searcher, child)
        return doc_count(searcher, big) + len(others - _filter(searcher, big, others)) if others else \
            doc_count(searcher, big)
    return len(doc_set(searcher, q))
