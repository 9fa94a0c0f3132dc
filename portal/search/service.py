"""The one search entry point used by /search/, the policy library and /api/search/.

search() understands the query (portal.search.understand), runs it on the index
(portal.search.engines: Whoosh or PostgreSQL), retries a corrected query when the literal one finds little, loads the
rows (one SQL query per type), highlights them, counts per type and facets when asked, logs the
search, and falls back to the database when the index cannot be read. It never raises on input.
"""
from __future__ import annotations

import logging

from portal.search import engines, fallback, health, store
from portal.search.facets import index_filters, policy_facets_for_ids, policy_facets_for_queryset
from portal.search.normalize import has_cjk
from portal.search.results import ResultItem, SearchResults, TypeCount, load_items
from portal.search.searchlog import record_search
from portal.search.types import search_types, type_named
from portal.search.understand import QueryPlan, understand

logger = logging.getLogger(__name__)

PER_PAGE = 10
FEW_RESULTS = 3
MAX_PAGE = 1000
POLICY_TYPE = "policy"
SORTS = {"relevance": "相关度", "time": "时间"}
# The policy library sorts as 国务院政策文件库 does: 相关度, 成文日期, 发布日期 (engine.SORT_FIELDS).
POLICY_SORTS = {"relevance": "相关度", "written": "成文日期", "time": "发布日期"}


def sorts_for(type_name: str) -> dict[str, str]:
    return POLICY_SORTS if type_name == POLICY_TYPE else SORTS


def search(raw: str, *, type_name: str = "", page: int = 1, per_page: int = PER_PAGE, sort: str = "relevance",
           filters=None, field: str = "", with_counts: bool = False, with_facets: bool = False,
           log: bool = True) -> SearchResults:
    """Search everything public (or one type). `filters` (policies.selectors.PolicyFilters) and
    facets apply to the policy type; `field` (understand.SEARCH_FIELDS) restricts where the words
    are looked for."""
    page = max(1, min(int(page or 1), MAX_PAGE))
    sort = sort if sort in sorts_for(type_name) else "relevance"
    selected = type_named(type_name) if type_name else None
    results = SearchResults(page=page, per_page=per_page, type_name=type_name or "", sort=sort)
    if type_name and selected is None:
        results.query = understand(raw).text
        return results
    engine = engines.current()
    vocab_holder: dict = {}

    def vocabulary():
        if "v" not in vocab_holder:
            vocab_holder["v"] = engine.vocabulary(vocabulary_words())
        return vocab_holder["v"]

    try:
        plan = understand(raw, vocabulary=vocabulary, field=field)
    except store.IndexUnavailable:
        plan = understand(raw, field=field)
    results.query = plan.text
    if plan.empty:
        return results
    facet_filters = filters if (selected and selected.name == POLICY_TYPE) else None
    try:
        _search_index(engine, plan, results, selected, facet_filters, with_counts, with_facets, vocabulary)
    except Exception as exc:  # the index is missing, corrupt or being replaced: use the database
        if isinstance(exc, store.IndexDamaged):
            health.report_damage(engine.location, exc)
        elif not isinstance(exc, store.IndexUnavailable):
            # A read failed under a searcher that looked whole: open it afresh next time.
            engine.forget()
            logger.exception("索引检索失败，改用数据库检索：%s", plan.text)
        results.fallback = True
        _search_database(plan, results, selected, facet_filters, with_counts, with_facets)
    if log and page == 1:
        record_search(**log_fields(results))
    return results


def log_fields(results: SearchResults) -> dict:
    """What the search log keeps of a search (portal.search.searchlog.record_search's arguments)."""
    return {"query": results.query, "result_count": results.count, "search_type": results.type_name,
            "corrected_to": results.suggestion if results.corrected else ""}


def search_policies(raw: str, *, filters=None, page: int = 1, per_page: int = PER_PAGE, sort: str = "relevance",
                    field: str = "", with_facets: bool = True, log: bool = True) -> SearchResults:
    """The policy library's search (for /policies/ and /search/?type=policy)."""
    return search(raw, type_name=POLICY_TYPE, page=page, per_page=per_page, sort=sort, filters=filters,
                  field=field, with_facets=with_facets, log=log)


def vocabulary_words():
    """The words beyond the index's own that the vocabulary holds: dictionary and synonym words."""
    from portal.search import segment, synonyms

    return list(segment.current_terms()) + list(synonyms.synonym_map())


# --- index path -------------------------------------------------------------------------------------
def _execute(engine, plan: QueryPlan, results: SearchResults, cts, filters, *, relaxed=False, count=True):
    return engine.run(plan, cts=cts, filters=filters, offset=(results.page - 1) * results.per_page,
                      limit=results.per_page, sort=results.sort, relaxed=relaxed, count=count)


def _search_index(engine, plan, results, selected, facet_filters, with_counts, with_facets, vocabulary):
    cts = [selected.ct] if selected else None
    filters = index_filters(facet_filters)
    found = _execute(engine, plan, results, cts, filters)
    if plan.doc_number_key and (found is None or found.total == 0):
        plan.doc_number_key = ""  # not a number we have: search its words instead
        found = _execute(engine, plan, results, cts, filters)
    strict_total = found.total if found else 0
    if found is not None and found.total == 0 and len(plan.groups) > 1:
        found = _execute(engine, plan, results, cts, filters, relaxed=True)
    words = plan.highlight_words()
    if strict_total < FEW_RESULTS and has_cjk(plan.clean.words_text) and not plan.doc_number_key:
        corrected_text = vocabulary().correct(plan.clean.words_text)
        if corrected_text != plan.clean.words_text:
            phrases = " ".join(f'"{p.text}"' for p in plan.phrases)
            corrected = understand(f"{phrases} {corrected_text}".strip(), field=plan.field)
            found2 = _execute(engine, corrected, results, cts, filters)
            if found2 is not None and found2.total > strict_total:
                found, words = found2, corrected.highlight_words()
                results.suggestion, results.corrected = corrected.text, True
    if plan.pinyin_used and not results.suggestion:
        results.suggestion = plan.pinyin_reading()
        results.corrected = True
    if plan.initials:
        results.suggestions = vocabulary().initials_words(plan.initials)
        if results.suggestions and not results.suggestion:
            results.suggestion = results.suggestions[0]
    if found is None:
        return
    results.count = found.total
    results.items = load_items(found.hits, words)
    results.words = words
    if with_counts:
        results.type_counts = _type_counts(engine.type_counts(found))
    if with_facets and selected and selected.name == POLICY_TYPE:
        results.facets = policy_facets_for_ids(engine.facet_ids(found, selected.ct))


def _type_counts(counts: dict[str, int]) -> list[TypeCount]:
    rows = [TypeCount(None, sum(counts.get(t.ct, 0) for t in search_types()))]
    rows += [TypeCount(t, counts.get(t.ct, 0)) for t in search_types()]
    return rows


# --- database fallback ------------------------------------------------------------------------------
def _search_database(plan, results, selected, facet_filters, with_counts, with_facets):
    types = [selected] if selected else search_types()
    words = plan.highlight_words()
    querysets = {}
    for search_type in types if not with_counts else search_types():
        try:
            querysets[search_type.name] = fallback.queryset(search_type, plan)
        except Exception:
            logger.exception("数据库检索失败：%s", search_type.name)
    if with_counts:
        counts = {name: qs.count() for name, qs in querysets.items()}
        results.type_counts = [TypeCount(None, sum(counts.values()))] + [
            TypeCount(t, counts.get(t.name, 0)) for t in search_types()]
    chosen = [t for t in types if t.name in querysets]
    if selected and selected.name == POLICY_TYPE:
        from policies.selectors import policy_list

        policy_qs = querysets[POLICY_TYPE]
        querysets[POLICY_TYPE] = policy_list(filters=facet_filters, ids=policy_qs.values("pk"),
                                             order=results.sort)
        if with_facets:
            results.facets = policy_facets_for_queryset(querysets[POLICY_TYPE])
    offset = (results.page - 1) * results.per_page
    items: list[ResultItem] = []
    total = 0
    for search_type in chosen:
        qs = querysets[search_type.name]
        n = qs.count()
        if offset < total + n and len(items) < results.per_page:
            start = max(0, offset - total)
            rows = list(qs[start:start + results.per_page - len(items)])
            items += _items_from_rows(search_type, rows, words)
        total += n
    results.count = total
    results.items = items
    results.words = words


def _items_from_rows(search_type, rows, words) -> list[ResultItem]:
    from portal.search.engine import Hit

    hits = [Hit(search_type.ct, str(obj.pk), 0.0) for obj in rows]
    return load_items(hits, words)
