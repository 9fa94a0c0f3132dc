"""The PostgreSQL search engine (SEARCH_ENGINE=postgres): one index for any number of web hosts.

Every indexed object is one row of search_searchdocument (portal.search.models.SearchDocument).
Its text is cut by our own jieba pipeline (portal.search.analysis.index_terms: the same words,
sub-words and 发文字号 tokens as the Whoosh documents) and written as a tsvector literal with
positions and weights — title A, keywords and 发文字号 B, body D — so PostgreSQL never segments
Chinese itself and needs no text-search configuration. Positions are character offsets, as in the
Whoosh index, so a quoted phrase is a tsquery of `<N>` distances taken from the query's own
offsets (analysis.OffsetPhrase). Queries are the QueryPlan's words as a tsquery: each word in any
field, a compound also as its parts, synonyms and pinyin readings as alternatives, 发文字号 as its
key token.

Ranking: the best CANDIDATES matches by the RUM index's distance (`vector <=> query`, read from
the index in order), or without RUM a bounded set of GIN matches; each is then scored as the
Whoosh engine scores (engine.py): per word the best alternative's ts_rank times its weight
(synonyms 0.5, pinyin 0.4, a compound's parts 0.8), summed over the words, times the document's
有效性 and recency factor (doctable.py), and an exact 发文字号 first. Counts per type and facet
ids are plain SQL over the same query.

Writes come through haystack's backend API (update, remove, clear) from the same queued updates
as Whoosh (indexing.py); each commit increments SearchIndexState.generation, which keys cached
answers on every host. A rebuild rewrites the rows in chunks (a search sees every document, old
or new version, at any moment) and then deletes what is no longer public.
"""
from __future__ import annotations

import json
import time
from functools import lru_cache

from django.db import connection, transaction
from django.db.models import F
from haystack.backends import BaseEngine, BaseSearchBackend, BaseSearchQuery, log_query
from haystack.exceptions import SearchBackendError
from haystack.inputs import BaseInput, Exact
from haystack.models import SearchResult
from haystack.utils import get_identifier, get_model_ct

from portal.search import engines, segment
from portal.search.analysis import DOC_NUMBER_PREFIX, decompose, index_terms, query_terms
from portal.search.backend import VERSION_FIELD, highlight_results, prepare_document
from portal.search.doctable import RECENCY_DAYS, RECENCY_WEIGHT
from portal.search.engine import DECOMPOSE_BELOW_DF, DECOMPOSED_WEIGHT, EngineResult, Hit
from portal.search.understand import QueryPlan

TABLE = "search_searchdocument"
STATE = "default"
SCHEMA_VERSION = 2  # 2: the 发文字号 text at weight C (a query restricted to it)
CANDIDATES = 200  # ranked by RUM, then rescored (engine.RESCORE_WINDOW is 50 over exact BM25F)
GIN_CANDIDATES = 1000  # without RUM: at most this many matches are ranked
MAX_POSITION = 16383  # PostgreSQL's largest tsvector position
MAX_POSITIONS = 256  # and the most it keeps per lexeme
FIELD_GAP = 16  # positions between title, keywords and body: no phrase spans two fields
# A plan's field restriction (understand.SEARCH_FIELDS) as tsquery weight labels: title A,
# keywords and the 发文字号 key B, the 发文字号 text C, the whole text D.
FIELD_LABELS = {"": "", "title": "A", "body": "D", "doc_number": "C"}
# sort name → the column newest first (发布日期, 成文日期 — an ISO date string among the facets)
SORT_COLUMNS = {"time": "d.published", "written": "d.facets->>'written'"}
# ts_rank weights of {D, C, B, A}: body, 发文字号 text, keywords and 发文字号 key, title — the Whoosh
# engine's field boosts 1 / 3 / 8 (engine.FIELD_BOOSTS) scaled into ts_rank's 0..1.
RANK_WEIGHTS = "{0.1, 0.1, 0.3, 0.8}"
# BM25F rewards a word in a short title far more than ts_rank's weights alone do (a long body's
# many D positions outweigh one A): the title and keyword positions are ranked once more,
# unnormalised, and added.
TITLE_WEIGHTS = "{0, 0, 0.3, 1.0}"
REBUILD_CHUNK = 500


# --- tsvector and tsquery text ----------------------------------------------------------------------
def lexeme(word: str) -> str:
    """A word as a quoted tsvector/tsquery lexeme (taken as is: no parsing, no stemming)."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def vector_text(parts: list[tuple[str, str]], extra: list[tuple[str, str]] = ()) -> str:
    """The tsvector literal of [(text, weight)] cut by jieba, each part placed after the previous
    one, plus `extra` (lexeme, weight) tokens (the 发文字号 key)."""
    positions: dict[str, list[str]] = {}
    base = 1
    for text, weight in parts:
        if not text:
            continue
        mark = "" if weight == "D" else weight
        for word, start in index_terms(text):
            found = positions.setdefault(word, [])
            if len(found) < MAX_POSITIONS:
                found.append(f"{min(MAX_POSITION, base + start)}{mark}")
        base = min(MAX_POSITION, base + len(text) + FIELD_GAP)
    for word, weight in extra:
        positions.setdefault(word, []).append(f"{base}{weight}")
    return " ".join(f"{lexeme(word)}:{','.join(found)}" for word, found in positions.items())


class QueryText:
    """A QueryPlan as tsquery text (the match) and the scored parts (the ranking), as
    engine.QueryBuilder makes Whoosh queries of it."""

    def __init__(self, is_common, field: str = ""):
        self.is_common = is_common  # word → used as a compound often enough (df ≥ 20)
        self.label = FIELD_LABELS.get(field, "")
        self.field = field

    def term(self, word: str) -> str:
        return lexeme(word) + (f":{self.label}" if self.label else "")

    def word(self, text: str, *, exact: bool = False) -> list[tuple[str, float]] | None:
        """[(tsquery, weight)]: the alternatives that satisfy the word(s) of `text`."""
        terms = query_terms(text)
        if not terms:
            return None
        if len(terms) == 1:
            word = terms[0][0]
            found = [(self.term(word), 1.0)]
            pieces = [] if exact or self.is_common(word) else decompose(word)
            if pieces:
                found.append(("(" + " & ".join(self.term(p) for p in pieces) + ")", DECOMPOSED_WEIGHT))
            return found
        # Several words: adjacent at the query's own offsets in the text, or all in the title/keywords
        # (restricted to one field: adjacent in it, or all in it when it is not the text).
        phrase = self.term(terms[0][0])
        for (word, start, _), (_, before, _) in zip(terms[1:], terms):
            phrase += f" <{max(1, start - before)}> {self.term(word)}"
        if self.field == "body":
            return [(f"({phrase})", 1.0)]
        fields = " & ".join(f"{lexeme(w)}:{self.label or 'AB'}" for w, _, _ in terms)
        return [(f"(({phrase}) | ({fields}))", 1.0)]

    def build(self, plan: QueryPlan, *, relaxed: bool = False) -> tuple[str, list[list[tuple[str, float]]]] | None:
        """(tsquery, scored parts) or None when nothing in the plan can be searched."""
        if plan.doc_number_key:
            key = lexeme(DOC_NUMBER_PREFIX + plan.doc_number_key)
            return key, [[(key, 1.0)]]
        parts: list[list[tuple[str, float]]] = []
        for phrase in plan.phrases:
            found = self.word(phrase.text, exact=True)
            if found:
                parts.append(found)
        must = len(parts)
        for group in plan.groups:
            alternatives = []
            for alternative in group.alternatives:
                for text, weight in self.word(alternative.text) or ():
                    alternatives.append((text, weight * alternative.weight))
            if alternatives:
                parts.append(alternatives)
        if not parts:
            return None
        clauses = ["(" + " | ".join(text for text, _ in part) + ")" for part in parts]
        if relaxed and len(parts) - must > 1:
            # Any of the words; documents with more of them score higher (the sum below).
            clauses = clauses[:must] + ["(" + " | ".join(clauses[must:]) + ")"]
        return " & ".join(clauses), parts


# --- the engine -------------------------------------------------------------------------------------
def _state_row():
    from portal.search.models import SearchIndexState

    return SearchIndexState.objects.filter(name=STATE).first()


@lru_cache(maxsize=1)
def _has_rum(alias: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_document_vector'")
        row = cursor.fetchone()
    return bool(row) and "using rum" in row[0].lower()


_applied = {"dictionary": None}


def use_index_dictionary() -> str:
    """Cut text in this process with the dictionary the index was built with (index and query
    must agree, as store.open_index does for Whoosh); returns the index's generation key."""
    row = _state_row()
    if row is None:
        return "0"
    if _applied["dictionary"] != (row.built_at, row.fingerprint):
        segment.use_dictionary(row.dictionary)
        _applied["dictionary"] = (row.built_at, row.fingerprint)
    return f"{row.built_at.timestamp() if row.built_at else 0}:{row.generation}"
_common: dict[tuple, bool] = {}


class PostgresEngine(engines.SearchEngine):
    name = "postgres"

    @property
    def location(self):
        return f"PostgreSQL {TABLE}"

    def __init__(self, backend):
        super().__init__(backend)
        self._generation = None

    # --- state --------------------------------------------------------------------------------------
    def generation(self) -> str:
        """The committed generation (with the time of the last rebuild, so a database restored or
        rebuilt never repeats one), the dictionary it was cut with applied to this process."""
        if self._generation is None:
            self._generation = use_index_dictionary()
        return self._generation

    def state(self):
        return f"pg#{self.generation()}"

    def ready(self):
        row = _state_row()
        return row is not None and row.schema_version == SCHEMA_VERSION

    def dictionary_fingerprint(self):
        row = _state_row()
        return row.fingerprint if row else None

    # --- reading --------------------------------------------------------------------------------------
    def _common(self, word: str) -> bool:
        key = (self.generation(), word)
        found = _common.get(key)
        if found is None:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} WHERE vector @@ %s::tsquery LIMIT %s) x",
                               [lexeme(word), DECOMPOSE_BELOW_DF])
                found = cursor.fetchone()[0] >= DECOMPOSE_BELOW_DF
            if len(_common) > 50_000:
                _common.clear()
            _common[key] = found
        return found

    @staticmethod
    def _where(tsquery: str, cts, filters) -> tuple[str, list]:
        sql, params = ["d.vector @@ %s::tsquery"], [tsquery]
        if cts:
            sql.append("d.django_ct = ANY(%s)")
            params.append(list(cts))
        filters = filters or {}
        values = [v for value in filters.values() for v in (value if isinstance(value, tuple) else (value,))]
        terms = {name: value for name, value in filters.items() if not isinstance(value, tuple)}
        if any("\x00" in value for value in values):
            sql.append("FALSE")  # PostgreSQL stores no NUL character: no indexed value has one
        else:
            if terms:
                sql.append("d.facets @> %s::jsonb")
                params.append(json.dumps(terms, ensure_ascii=False))
            for name, (low, high) in ((n, v) for n, v in filters.items() if isinstance(v, tuple)):
                # ISO dates compare as text in byte order ("C"), whatever the database's collation.
                sql.append('(d.facets->>%s) COLLATE "C" BETWEEN %s AND %s')
                params += [name, low, high]
        return " AND ".join(sql), params

    def run(self, plan, *, cts, filters, offset, limit, sort="relevance", relaxed=False, count=True):
        self.generation()
        built = QueryText(self._common, plan.field).build(plan, relaxed=relaxed)
        if built is None:
            return None
        tsquery, parts = built
        where, params = self._where(tsquery, cts, filters)
        with transaction.atomic(), connection.cursor() as cursor:
            counts = None
            total = None
            if count and not cts and not filters:
                # Every match counted per type at once: the total and the tabs' numbers.
                cursor.execute(f"SELECT d.django_ct, count(*) FROM {TABLE} d WHERE {where} GROUP BY 1", params)
                counts = dict(cursor.fetchall())
                total = sum(counts.values())
            elif count:
                cursor.execute(f"SELECT count(*) FROM {TABLE} d WHERE {where}", params)
                total = cursor.fetchone()[0]
            if sort in SORT_COLUMNS:
                cursor.execute(
                    f"SELECT d.django_ct, d.object_id FROM {TABLE} d WHERE {where} "
                    f"ORDER BY {SORT_COLUMNS[sort]} DESC NULLS LAST, d.id DESC OFFSET %s LIMIT %s", params + [offset, limit])
                hits = [Hit(ct, pk, 0.0) for ct, pk in cursor.fetchall()]
            else:
                hits = self._ranked(cursor, tsquery, parts, where, params, plan.doc_number_key, offset, limit)
        return EngineResult(total=len(hits) if total is None else total, hits=hits,
                            query=(tsquery, cts, filters, counts))

    def _ranked(self, cursor, tsquery, parts, where, params, doc_number_key, offset, limit) -> list[Hit]:
        window = max(CANDIDATES, offset + limit)
        if _has_rum(connection.alias):
            candidates = f"SELECT d.id FROM {TABLE} d WHERE {where} ORDER BY d.vector <=> %s::tsquery LIMIT %s"
            candidate_params = params + [tsquery, window]
        else:
            candidates = f"SELECT d.id FROM {TABLE} d WHERE {where} LIMIT %s"
            candidate_params = params + [max(GIN_CANDIDATES, window)]
        score_sql, score_params = [], []
        for part in parts:
            ranks = []
            for text, weight in part:
                ranks.append(f"%s * (ts_rank('{RANK_WEIGHTS}', d.vector, q.q{len(score_params)}, 1)"
                             f" + ts_rank('{TITLE_WEIGHTS}', d.vector, q.q{len(score_params)}, 0))")
                score_params.append((weight, text))
            score_sql.append(ranks[0] if len(ranks) == 1 else f"GREATEST({', '.join(ranks)})")
        factor = (f"(d.rank_percent / 100.0) * (1 + {RECENCY_WEIGHT} * COALESCE("
                  f"exp(-GREATEST(0, CURRENT_DATE - d.published) / {RECENCY_DAYS}), 0))")
        # Each alternative's tsquery is parsed once (q.qN), not once per candidate row.
        queries = ", ".join(f"%s::tsquery AS q{i}" for i in range(len(score_params)))
        cursor.execute(
            f"SELECT d.django_ct, d.object_id, s.score, d.doc_number_key = %s AND %s <> '' AS exact "
            f"FROM {TABLE} d CROSS JOIN (SELECT {queries}) q "
            f"CROSS JOIN LATERAL (SELECT ({' + '.join(score_sql)}) AS score) s "
            f"WHERE d.id IN ({candidates}) "
            f"ORDER BY exact DESC, s.score * {factor} DESC, d.id OFFSET %s LIMIT %s",
            [doc_number_key, doc_number_key] + [text for _, text in score_params]
            + [weight for weight, _ in score_params] + candidate_params + [offset, limit])
        return [Hit(ct, pk, float(score), exact=bool(exact)) for ct, pk, score, exact in cursor.fetchall()]

    def type_counts(self, result):
        tsquery, _cts, _filters, counts = result.query
        if counts is not None:
            return counts
        where, params = self._where(tsquery, None, None)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT d.django_ct, count(*) FROM {TABLE} d WHERE {where} GROUP BY 1", params)
            return dict(cursor.fetchall())

    def facet_ids(self, result, ct):
        tsquery, _cts, filters, _counts = result.query
        where, params = self._where(tsquery, [ct], filters)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT d.object_id FROM {TABLE} d WHERE {where}", params)
            return [pk for (pk,) in cursor.fetchall()]

    def vocabulary(self, extra_words):
        from portal.search import vocabulary

        generation = self.generation()

        def build():
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT count(*) FROM {TABLE}")
                total = cursor.fetchone()[0]
                cursor.execute(f"SELECT word, ndoc FROM ts_stat('SELECT vector FROM {TABLE}', 'AB')")
                titles = cursor.fetchall()
                cursor.execute(f"SELECT word, ndoc FROM ts_stat('SELECT vector FROM {TABLE}')")
                body = dict(cursor.fetchall())
            return vocabulary.from_terms(titles, body.items(), total, extra_words, lambda w: body.get(w, 0))

        def size():
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT count(*) FROM {TABLE}")
                return cursor.fetchone()[0]

        return vocabulary.cached(f"postgres:{connection.settings_dict['NAME']}", generation, size, build)

    # --- writing ------------------------------------------------------------------------------------
    def indexed_versions(self):
        from portal.search.models import SearchDocument

        found: dict[str, dict[str, str]] = {}
        for ct, pk, version in SearchDocument.objects.values_list("django_ct", "object_id", "version").iterator():
            found.setdefault(ct, {})[pk] = version
        return found

    def rebuild(self, *, workers=None):
        return rebuild(self.backend)


# --- haystack's side: the indexing declaration writes here --------------------------------------------
def _bump(changed: bool = True) -> None:
    from portal.search.models import SearchIndexState

    if changed:
        SearchIndexState.objects.filter(name=STATE).update(generation=F("generation") + 1)


def _split_identifier(identifier: str) -> tuple[str, str]:
    app_label, model_name, pk = identifier.split(".", 2)
    return f"{app_label}.{model_name}", pk


class PostgresSearchBackend(BaseSearchBackend):
    search_engine_class = PostgresEngine

    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self.setup_complete = False
        self.content_field_name = "text"
        self.facet_fields: list[str] = []

    def setup(self):
        from haystack import connections

        fields = connections[self.connection_alias].get_unified_index().all_searchfields()
        document = [f.index_fieldname for f in fields.values() if f.document]
        if not document:
            raise SearchBackendError("No document=True field was found in any search_indexes.")
        self.content_field_name = document[0]
        self.facet_fields = sorted(name for name, f in fields.items()
                                   if f.field_type == "exact" and name != "doc_number_key")
        self.setup_complete = True

    def prepare_document(self, index, obj) -> dict | None:
        return prepare_document(index, obj)

    def row(self, doc: dict):
        from portal.search.models import SearchDocument

        if not self.setup_complete:
            self.setup()
        key = doc.get("doc_number_key") or ""
        title, keywords = str(doc.get("title") or ""), str(doc.get("keywords") or "")
        text = str(doc.get(self.content_field_name) or "")
        extra = [(DOC_NUMBER_PREFIX + key, "B")] if key else []
        published = doc.get("published")
        if hasattr(published, "date"):
            published = published.date()
        return SearchDocument(
            django_ct=doc["django_ct"], object_id=str(doc["django_id"]),
            vector=vector_text([(title, "A"), (keywords, "B"), (str(doc.get("doc_number") or ""), "C"), (text, "D")],
                               extra),
            title=title, text=text, doc_number_key=key,
            facets={name: str(doc[name]) for name in self.facet_fields if doc.get(name) not in (None, "")},
            published=published, rank_percent=int(doc.get("rank_percent") or 100), version=doc[VERSION_FIELD],
        )

    def write_rows(self, rows) -> None:
        from portal.search.models import SearchDocument

        if rows:
            SearchDocument.objects.bulk_create(
                rows, update_conflicts=True, unique_fields=["django_ct", "object_id"],
                update_fields=["vector", "title", "text", "doc_number_key", "facets", "published", "rank_percent",
                               "version"])

    def update(self, index, iterable, commit=True):
        use_index_dictionary()
        rows = {}
        for obj in iterable:
            doc = self.prepare_document(index, obj)
            if doc is not None:
                rows[doc["id"]] = self.row(doc)  # a row given twice keeps its last version
        if not rows:
            return
        with transaction.atomic():
            self.write_rows(list(rows.values()))
            _bump()

    def remove(self, obj_or_string, commit=True):
        self.remove_many([get_identifier(obj_or_string)])

    def remove_many(self, identifiers) -> None:
        from django.db.models import Q

        from portal.search.models import SearchDocument

        keys = [_split_identifier(i) for i in identifiers]
        if not keys:
            return
        condition = Q()
        for ct, pk in keys:
            condition |= Q(django_ct=ct, object_id=pk)
        with transaction.atomic():
            deleted, _ = SearchDocument.objects.filter(condition).delete()
            _bump(bool(deleted))

    def clear(self, models=None, commit=True):
        from portal.search.models import SearchDocument

        with transaction.atomic():
            rows = SearchDocument.objects.all()
            if models is not None:
                rows = rows.filter(django_ct__in=[get_model_ct(m) for m in models])
            rows.delete()
            _bump()

    @log_query
    def search(self, query_string, start_offset=0, end_offset=None, models=None, result_class=None, facets=None,
               date_facets=None, query_facets=None, narrow_queries=None, spelling_query=None, within=None,
               dwithin=None, distance_point=None, limit_to_registered_models=None, highlight=False,
               words_text="", **kwargs):
        """haystack's SearchQuerySet API (content searches by model), as PostgresSearchQuery
        builds it. Facets, narrowing and spatial queries are not part of this engine."""
        if facets or date_facets or query_facets or narrow_queries or within or dwithin:
            raise SearchBackendError("PostgreSQL 检索引擎不支持 haystack 的分面、窄化和空间查询；请用 portal.search.service")
        from haystack import connections

        if not models:
            models = connections[self.connection_alias].get_unified_index().get_indexed_models()
        cts = [get_model_ct(m) for m in models]
        conditions, params = ["d.django_ct = ANY(%s)"], [cts]
        rank = "0"
        if query_string and query_string != "*":
            conditions.append("d.vector @@ %s::tsquery")
            params.append(query_string)
            rank = f"ts_rank('{RANK_WEIGHTS}', d.vector, %s::tsquery, 1)"
        where = " AND ".join(conditions)
        limit = None if end_offset is None else max(0, end_offset - start_offset)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {TABLE} d WHERE {where}", params)
            hits = cursor.fetchone()[0]
            rank_params = [query_string] if rank != "0" else []
            cursor.execute(f"SELECT d.django_ct, d.object_id, {rank} AS score, d.title FROM {TABLE} d WHERE {where} "
                           "ORDER BY score DESC, d.id OFFSET %s LIMIT %s",
                           rank_params + params + [start_offset, limit])
            rows = cursor.fetchall()
        result_class = result_class or SearchResult
        results = []
        for ct, pk, score, title in rows:
            app_label, model_name = ct.split(".", 1)
            results.append(result_class(app_label, model_name, pk, float(score), title=title))
        if highlight:
            highlight_results(results, words_text, self.content_field_name)
        return {"results": results, "hits": hits, "facets": {}, "spelling_suggestion": None}

    def more_like_this(self, model_instance, *args, **kwargs):
        raise SearchBackendError("PostgreSQL 检索引擎不提供“相似文档”")


class PostgresSearchQuery(BaseSearchQuery):
    """haystack's SQ tree as tsquery text: every value's words (jieba, as the index cuts them)
    must all be there, an Exact value as a phrase; AND / OR / NOT as & | !."""

    def matching_all_fragment(self):
        return "*"

    def build_query(self):
        self._words = []  # the values searched, for highlighting
        text = self._node(self.query_filter)
        return text or "*"

    def build_params(self, spelling_query=None):
        kwargs = super().build_params(spelling_query)
        if self.highlight:
            kwargs["words_text"] = " ".join(getattr(self, "_words", []))
        return kwargs

    def _node(self, node) -> str:
        parts = []
        for child in node.children:
            if hasattr(child, "children"):
                part = self._node(child)
            else:
                field, filter_type = node.split_expression(child[0])
                part = self.build_query_fragment(field, filter_type, child[1])
            if part:
                parts.append(part)
        if not parts:
            return ""
        text = "(" + (" & " if node.connector == "AND" else " | ").join(parts) + ")"
        return f"!{text}" if node.negated else text

    def build_query_fragment(self, field, filter_type, value):
        from haystack import connections

        content = connections[self._using].get_backend().content_field_name if self._using else "text"
        exact = isinstance(value, Exact) or filter_type == "exact"
        if isinstance(value, BaseInput):
            value = value.query_string
        self._words.append(str(value))
        if field not in ("content", content, "title", "keywords"):
            raise SearchBackendError(f"PostgreSQL 检索引擎只支持全文条件，不支持 {field}")
        words = QueryText(lambda word: True).word(str(value), exact=True) if exact else None
        if exact:
            return words[0][0] if words else ""
        terms = [w for w, _, _ in query_terms(str(value).replace('"', " "))]
        return "(" + " & ".join(lexeme(w) for w in terms) + ")" if terms else ""


class PostgresHaystackEngine(BaseEngine):
    backend = PostgresSearchBackend
    query = PostgresSearchQuery


# --- a full rebuild ---------------------------------------------------------------------------------
def rebuild(backend):
    """Every public row indexed anew with the current dictionary, in chunks (each its own
    transaction, so index updates never wait for the whole rebuild); then every row that is not
    public any more is deleted and the generation and dictionary recorded."""
    from haystack import connections

    from portal.search.build import BuildReport
    from portal.search.dictionary import admin_terms, fingerprint
    from django.utils import timezone

    from portal.search.models import SearchIndexState

    if not backend.setup_complete:
        backend.setup()
    started = time.perf_counter()
    terms = admin_terms()
    segment.use_dictionary(terms)
    docs = chars = 0
    unified = connections["default"].get_unified_index()
    kept: dict[str, list[str]] = {}
    # One rebuild at a time, on every host (a session advisory lock, released below).
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(hashtext('portal.search.rebuild'))")
    try:
        for model, index in unified.get_indexes().items():
            seen = kept.setdefault(get_model_ct(model), [])
            queryset = index.index_queryset().order_by("pk")
            pks = list(queryset.values_list("pk", flat=True))
            for start in range(0, len(pks), REBUILD_CHUNK):
                rows = []
                for obj in queryset.filter(pk__in=pks[start:start + REBUILD_CHUNK]):
                    doc = backend.prepare_document(index, obj)
                    if doc is not None:
                        rows.append(backend.row(doc))
                        chars += len(rows[-1].text)
                with transaction.atomic():
                    backend.write_rows(rows)
                seen += [row.object_id for row in rows]
                docs += len(rows)
        with transaction.atomic(), connection.cursor() as cursor:
            for ct, pks in kept.items():
                cursor.execute(f"DELETE FROM {TABLE} WHERE django_ct = %s AND NOT (object_id = ANY(%s))", [ct, pks])
            cursor.execute(f"DELETE FROM {TABLE} WHERE NOT (django_ct = ANY(%s))", [list(kept)])
            SearchIndexState.objects.get_or_create(name=STATE)
            SearchIndexState.objects.filter(name=STATE).update(
                generation=F("generation") + 1, schema_version=SCHEMA_VERSION, dictionary=sorted(terms),
                fingerprint=fingerprint(terms), built_at=timezone.now())
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(hashtext('portal.search.rebuild'))")
    _applied["dictionary"] = None
    return BuildReport(documents=docs, characters=chars, seconds=time.perf_counter() - started, workers=1,
                       directory=f"PostgreSQL {TABLE}")
