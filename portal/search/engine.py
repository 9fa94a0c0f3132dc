"""Run a QueryPlan against the Whoosh index: build the query, rank, count.

Ranking: BM25F per field with title ≫ keywords ≫ body boosts, synonyms and pinyin readings below
the literal word; then, over the first RESCORE_WINDOW hits, each score is multiplied by the
document's factor from portal.search.doctable (its `rank_percent` — 有效 100, 已修订 75, 失效 50,
废止 40 for policies — and a mild recency bonus), and an exact 发文字号 match is pinned first.
Sorting by time skips all that.
"""
from __future__ import annotations

from dataclasses import dataclass

from haystack.constants import DJANGO_CT
from whoosh import query as wq
from whoosh.query.compound import DefaultOr

from portal.search import fastscore
from portal.search.analysis import DOC_NUMBER_PREFIX, BestOf, Filter, OffsetPhrase, decompose, query_terms
from portal.search.docsets import doc_count, doc_set
from portal.search.doctable import DocTable
from portal.search.understand import QueryPlan

FIELD_BOOSTS = {"title": 8.0, "keywords": 3.0}
# A plan restricted to one field (understand.SEARCH_FIELDS): whether the whole text is searched and
# which boosted fields are. 全文 is the text field alone; 发文字号 is the policy index's doc_number.
FIELD_RESTRICTIONS = {"": (True, FIELD_BOOSTS), "title": (False, {"title": 8.0}), "body": (True, {}),
                      "doc_number": (False, {"doc_number": 3.0})}
# sort name → the stored date field the index orders by, newest first (发布日期, 成文日期)
SORT_FIELDS = {"time": "published", "written": "written"}
CONTENT_BOOST = 1.0
DECOMPOSED_WEIGHT = 0.8
DECOMPOSE_BELOW_DF = 20
RESCORE_WINDOW = 50
DOC_NUMBER_FIELD = "doc_number_key"


@dataclass
class Hit:
    ct: str
    pk: str
    score: float
    exact: bool = False


@dataclass
class EngineResult:
    total: int
    hits: list[Hit]
    matched: object = None  # numpy array of every match when the relevance path listed them (fastscore)
    query: object = None  # what the engine needs to count per type and list facet ids (portal.search.engines)


class QueryBuilder:
    """Whoosh queries for a plan: each word in the title, keywords and text, boosted per field."""

    def __init__(self, schema, content_field: str = "text", reader=None, field: str = ""):
        with_text, boosts = FIELD_RESTRICTIONS.get(field, FIELD_RESTRICTIONS[""])
        self.schema = schema
        self.content = content_field if with_text else None
        self.reader = reader
        self.fields = [(name, boost) for name, boost in boosts.items() if name in schema]
        self.content_field = content_field

    def word_query(self, word: str, weight: float) -> wq.Query:
        parts = [wq.Term(self.content, word, boost=CONTENT_BOOST * weight)] if self.content else []
        parts += [wq.Term(name, word, boost=boost * weight) for name, boost in self.fields]
        return parts[0] if len(parts) == 1 else DefaultOr(parts)

    def text_query(self, text: str, weight: float, *, exact: bool = False) -> wq.Query | None:
        """A word or words anywhere in the title, keywords or text (in this order, adjacent, in the
        text). A dictionary compound also matches its parts apart, unless `exact` (quoted)."""
        terms = query_terms(text)
        if not terms:
            return None
        words = [w for w, _, _ in terms]
        parts = []
        if len(words) == 1:
            whole = self.word_query(words[0], weight)
            pieces = [] if exact or self.common(words[0]) else decompose(words[0])
            if not pieces:
                return whole
            split = wq.And([self.word_query(p, weight * DECOMPOSED_WEIGHT) for p in pieces])
            if whole is None:
                return None
            return BestOf([whole, split])
        else:
            ranges = [(s, e) for _, s, e in terms]
            if self.content:
                parts.append(OffsetPhrase(self.content, words, boost=CONTENT_BOOST * weight, char_ranges=ranges))
            parts += [wq.And([wq.Term(name, w) for w in words], boost=boost * weight) for name, boost in self.fields]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else DefaultOr(parts)

    def common(self, word: str) -> bool:
        """A compound documents use as such often enough that its parts apart are noise."""
        if self.reader is None:
            return False
        return self.reader.doc_frequency(self.content_field, word) >= DECOMPOSE_BELOW_DF

    def doc_number_query(self, key: str) -> wq.Query:
        parts = [wq.Term(self.content_field, DOC_NUMBER_PREFIX + key)]
        if DOC_NUMBER_FIELD in self.schema:
            parts.append(wq.Term(DOC_NUMBER_FIELD, key, boost=50.0))
        return DefaultOr(parts)

    def build(self, plan: QueryPlan, *, relaxed: bool = False) -> wq.Query | None:
        if plan.doc_number_key:
            return self.doc_number_query(plan.doc_number_key)
        must = []
        for phrase in plan.phrases:
            q = self.text_query(phrase.text, 1.0, exact=True)
            if q is None:
                continue
            must.append(q)
        groups = []
        for group in plan.groups:
            alternatives = [q for q in (self.text_query(a.text, a.weight) for a in group.alternatives) if q]
            if alternatives:
                # The best alternative counts, not their sum: a document using two synonyms must not
                # outrank one using the word itself.
                groups.append(alternatives[0] if len(alternatives) == 1 else BestOf(alternatives, tiebreak=0.1))
        if relaxed and len(groups) > 1:
            # Any of the words; documents with more of them score higher.
            must.append(DefaultOr(groups))
        else:
            must += groups
        if not must:
            return None
        return must[0] if len(must) == 1 else wq.And(must)


def build(searcher, plan: QueryPlan, content_field: str = "text", *, relaxed: bool = False) -> wq.Query | None:
    """The Whoosh query for a plan (None when nothing in it can be searched)."""
    return QueryBuilder(searcher.schema, content_field, searcher.reader(), plan.field).build(plan, relaxed=relaxed)


def restrict(q: wq.Query, conditions: list[wq.Query]) -> wq.Query:
    """q narrowed by zero-scoring conditions (type, facet filters)."""
    conditions = [c for c in conditions if c is not None]
    if not conditions:
        return q
    return wq.And([q] + [Filter(c) for c in conditions])


def type_condition(searcher, cts: list[str] | None) -> wq.Query | None:
    if not cts:
        return None
    present = {t.decode() if isinstance(t, bytes) else t for t in searcher.lexicon(DJANGO_CT)}
    if present <= set(cts):
        return None
    return DefaultOr([wq.Term(DJANGO_CT, ct) for ct in cts]) if len(cts) > 1 else wq.Term(DJANGO_CT, cts[0])


def run(searcher, q: wq.Query, *, offset: int, limit: int, sort: str = "relevance",
        doc_number_key: str = "", count: bool = True, allow=None) -> EngineResult:
    """The page [offset, offset+limit) of q's hits, best first (or newest first).

    Relevance: every match is scored at once (portal.search.fastscore, the scores Whoosh gives);
    queries it does not handle go to Whoosh. `allow` (a Whoosh filter) is the benchmark's
    reference path: Whoosh scoring every match of q within `allow`, as stock haystack narrows."""
    table = DocTable(searcher)
    if sort in SORT_FIELDS:
        results = searcher.search(q, limit=offset + limit, sortedby=SORT_FIELDS[sort], reverse=True, filter=allow)
        page = results.top_n[offset:offset + limit]
        hits = [Hit(*table.ct_pk(docnum), score=0.0) for _, docnum in page]
        return EngineResult(total=doc_count(searcher, q) if count else len(results.top_n), hits=hits)
    window = max(RESCORE_WINDOW, offset + limit)
    top, total, matched = None, None, None
    if allow is None:
        try:
            ranked = fastscore.search(searcher, q, window)
            top, total, matched = ranked.top_n, ranked.total, ranked.ids
        except fastscore.Unsupported:
            pass
    if top is None and allow is not None:
        # Whoosh's limited search can skip matching documents of an And (its quality skipping,
        # even with optimize=False); the reference scores every match instead.
        every = searcher.search(q, limit=None, filter=allow)
        top = sorted(every.top_n, key=lambda hit: (-hit[0], hit[1]))[:window]
        total = len(every)
    if top is None:
        # An intersection matches few documents: scoring them all costs less than Whoosh's block
        # skipping followed by a second counting pass over the same postings.
        exhaustive = isinstance(q, wq.And) and count
        results = searcher.search(q, limit=window, optimize=not exhaustive)
        top = results.top_n
        total = _total(searcher, q, results) if count else None
    exact = set()
    if doc_number_key and DOC_NUMBER_FIELD in searcher.schema:
        exact = set(searcher.docs_for_query(wq.Term(DOC_NUMBER_FIELD, doc_number_key)))
    ranked = []
    for position, (score, docnum) in enumerate(top):
        is_exact = docnum in exact
        ranked.append((not is_exact, -(score * table.factor(docnum)), position,
                       Hit(*table.ct_pk(docnum), score=score, exact=is_exact)))
    if offset + limit <= RESCORE_WINDOW:
        ranked.sort(key=lambda item: item[:3])
    hits = [item[3] for item in ranked][offset:offset + limit]
    return EngineResult(total=len(ranked) if total is None else total, hits=hits, matched=matched)


def _total(searcher, q, results) -> int:
    """The exact number of matches, without Whoosh's slow second pass when it skipped blocks."""
    if results.has_exact_length():
        return len(results)
    return doc_count(searcher, q)


def matched_docs(searcher, q: wq.Query) -> set[int]:
    """Every matching document number, unscored (for counts per type and facets)."""
    return doc_set(searcher, q)


def type_counts(searcher, q: wq.Query, matched=None) -> dict[str, int]:
    """Matches per django_ct: every match (`matched`, when the search already listed them, or
    found at once with numpy) counted by its type's code (~1 ms for 20,000 matches). Where
    fastscore cannot take the query, the biggest type's count is the total minus the others',
    each smaller type counted from its own list of documents."""
    try:
        ids = fastscore.matched_ids(searcher, q) if matched is None else matched
        return dict(DocTable(searcher).count_ids(ids))
    except fastscore.Unsupported:
        pass
    reader = searcher.reader()
    sizes = {(t.decode() if isinstance(t, bytes) else t): reader.doc_frequency(DJANGO_CT, t)
             for t in reader.lexicon(DJANGO_CT)}
    if not sizes:
        return {}
    total = doc_count(searcher, q)
    biggest = max(sizes, key=sizes.get)
    counts = {ct: len(doc_set(searcher, wq.And([q, Filter(wq.Term(DJANGO_CT, ct))])))
              for ct in sizes if ct != biggest}
    counts[biggest] = total - sum(counts.values())
    return counts


def counts_and_ids(searcher, q: wq.Query, facet_ct: str | None) -> tuple[dict[str, int], list[str]]:
    docs = matched_docs(searcher, q)
    table = DocTable(searcher)
    counts = dict(table.count_by_ct(docs))
    pks = table.pks_of(docs, facet_ct) if facet_ct else []
    return counts, pks
