"""haystack's Whoosh backend, made right for Chinese and fast enough to serve a portal.

See ../shared/notes/search-pitfalls.md for the traps each override avoids:
- every text field is cut by jieba (portal.search.analysis), facet/exact fields are never analysed;
- one searcher per thread is kept open and refreshed when the index changes (portal.search.store),
  and narrowing by model is a `django_ct` term inside the query, not a scored search of the
  whole index;
- a missing index is not silently created on read: reads see "nothing" (haystack API) or raise
  IndexUnavailable (portal.search.service falls back to the database);
- every write holds the index writer lock; clear() swaps in an empty generation.
"""
from __future__ import annotations

import hashlib
import logging

from django.utils.encoding import force_str
from haystack.backends import log_query
from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend, WhooshSearchQuery
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SkipDocument
from haystack.utils import get_identifier, get_model_ct
from whoosh import query as wq
from whoosh.columns import NumericColumn
from whoosh.fields import BOOLEAN, COLUMN, DATETIME, IDLIST, KEYWORD, NGRAM, NGRAMWORDS, NUMERIC, STORED, Schema
from whoosh.fields import ID as WHOOSH_ID
from whoosh.qparser import FuzzyTermPlugin, QueryParser
from whoosh.reading import TermNotFound
from whoosh.sorting import Count, FieldFacet

from portal.search import store, whoosh_fixes
from portal.search.analysis import ChineseText, Filter, OffsetPhrase

logger = logging.getLogger(__name__)
whoosh_fixes.apply()

VERSION_FIELD = "index_version"


def document_version(doc: dict) -> str:
    """A fingerprint of what was indexed for a row, so reconcile can spot a stale entry."""
    digest = hashlib.sha1()
    for key in sorted(doc):
        digest.update(f"{key}\x1f{doc[key]}\x1e".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def prepare_document(index, obj, convert=None) -> dict | None:
    """What `index` indexes of `obj` (values through `convert`, the engine's own types), with its
    fingerprint; None when the index skips the row."""
    try:
        doc = index.full_prepare(obj)
    except SkipDocument:
        return None
    doc.pop("boost", None)
    if convert is not None:
        for key in list(doc):
            doc[key] = convert(doc[key])
    doc[VERSION_FIELD] = document_version(doc)
    return doc


class ChineseWhooshSearchBackend(WhooshSearchBackend):
    def setup(self):
        from haystack import connections

        fields = connections[self.connection_alias].get_unified_index().all_searchfields()
        self.content_field_name, self.schema = self.build_schema(fields)
        self.parser = self.make_parser(self.schema)
        self.setup_complete = True

    def make_parser(self, schema):
        parser = QueryParser(self.content_field_name, schema=schema, phraseclass=OffsetPhrase)
        parser.add_plugins([FuzzyTermPlugin])
        return parser

    def build_schema(self, fields):
        schema_fields = {
            ID: WHOOSH_ID(stored=True, unique=True),
            DJANGO_CT: WHOOSH_ID(stored=True, sortable=True),
            DJANGO_ID: WHOOSH_ID(stored=True, sortable=True),
            VERSION_FIELD: STORED(),
        }
        content_field_name = ""
        for field in fields.values():
            name = field.index_fieldname
            kind = field.field_type
            if field.document:
                content_field_name = name
                schema_fields[name] = ChineseText(phrase=True, stored=False)
            elif field.is_multivalued:
                schema_fields[name] = (KEYWORD(stored=True, commas=True, scorable=True)
                                       if field.indexed else IDLIST(stored=True))
            elif kind in ("date", "datetime"):
                # One index term per date instead of Whoosh's eight (range queries still work,
                # scanning more terms); sorting uses the column.
                schema_fields[name] = DATETIME(stored=True, sortable=True)
                schema_fields[name].shift_step = 64
            elif kind == "integer" and not field.indexed:
                # A per-document number only read back (ranking): a column, no index terms.
                schema_fields[name] = COLUMN(NumericColumn("i", default=0))
            elif kind == "integer":
                schema_fields[name] = NUMERIC(stored=field.stored, numtype=int, sortable=True)
            elif kind == "float":  # (no column: Whoosh 2.7's float column cannot be written)
                schema_fields[name] = NUMERIC(stored=field.stored, numtype=float)
            elif kind == "boolean":
                schema_fields[name] = BOOLEAN(stored=field.stored)
            elif kind == "ngram":
                schema_fields[name] = NGRAM(minsize=2, maxsize=15, stored=field.stored)
            elif kind == "edge_ngram":
                schema_fields[name] = NGRAMWORDS(minsize=2, maxsize=15, at="start", stored=field.stored)
            elif kind == "exact" or field.faceted or not field.indexed:
                # Facet and exact values are matched whole; haystack would analyse them as English.
                schema_fields[name] = WHOOSH_ID(stored=field.stored) if field.indexed else STORED()
            else:
                schema_fields[name] = ChineseText(phrase=False, stored=field.stored)
        if not content_field_name:
            from haystack.exceptions import SearchBackendError

            raise SearchBackendError("No document=True field was found in any search_indexes.")
        return content_field_name, Schema(**schema_fields)

    # --- reading --------------------------------------------------------------------------------------
    def searcher(self):
        """The thread's cached searcher (raises store.IndexUnavailable)."""
        if not self.setup_complete:
            self.setup()
        return store.searcher(self.path)

    @property
    def index(self):
        return store.open_index(self.path)

    @index.setter
    def index(self, value):  # haystack's parent class assigns it; we always open fresh
        pass

    def model_filter(self, searcher, models) -> wq.Query | None:
        """A zero-scoring `django_ct` condition, or None when every document qualifies anyway."""
        if not models:
            return None
        wanted = sorted({get_model_ct(m) for m in models})
        present = {force_str(t) for t in searcher.lexicon(DJANGO_CT)}
        if present <= set(wanted):
            return None
        return Filter(wq.Or([wq.Term(DJANGO_CT, ct) for ct in wanted]))

    @log_query
    def search(self, query_string, sort_by=None, start_offset=0, end_offset=None, fields="", highlight=False,
               facets=None, date_facets=None, query_facets=None, narrow_queries=None, spelling_query=None,
               within=None, dwithin=None, distance_point=None, models=None, limit_to_registered_models=None,
               result_class=None, **kwargs):
        if not self.setup_complete:
            self.setup()
        query_string = force_str(query_string or "")
        if not query_string or (len(query_string) <= 1 and query_string != "*"):
            return {"results": [], "hits": 0}
        try:
            searcher = self.searcher()
        except store.IndexUnavailable:
            return {"results": [], "hits": 0, "spelling_suggestion": None}
        if not models and (limit_to_registered_models is None or limit_to_registered_models):
            models = self.build_models_list_as_models()
        parser = self.make_parser(searcher.schema)
        parsed = parser.parse(query_string)
        if parsed is None or parsed is wq.NullQuery:
            return {"results": [], "hits": 0}
        parts = [parsed]
        restrict = self.model_filter(searcher, models)
        if restrict is not None:
            parts.append(restrict)
        for narrow in narrow_queries or ():
            parts.append(Filter(parser.parse(force_str(narrow))))
        final = parts[0] if len(parts) == 1 else wq.And(parts)

        sortedby, reverse = None, False
        if sort_by:
            reverse = sort_by[0].startswith("-")
            sortedby = [s.lstrip("-") for s in sort_by]
        group_by, facet_types = [], {}
        for facet in facets or ():
            group_by.append(FieldFacet(facet, allow_overlap=True, maptype=Count))
            facet_types[facet] = "fields"
        page_num, page_length = self.calculate_page(start_offset, end_offset)
        try:
            raw_page = searcher.search_page(final, page_num, pagelen=page_length, sortedby=sortedby,
                                            reverse=reverse, groupedby=group_by or None)
        except ValueError:
            return {"results": [], "hits": 0, "spelling_suggestion": None}
        if raw_page.pagenum < page_num:
            return {"results": [], "hits": 0, "spelling_suggestion": None}
        results = self._process_results(raw_page, highlight=False, query_string=query_string,
                                        result_class=result_class, facet_types=facet_types)
        if highlight:
            self._highlight(results["results"], query_string)
        return results

    def build_models_list_as_models(self):
        from haystack import connections

        return list(connections[self.connection_alias].get_unified_index().get_indexed_models())

    def _highlight(self, results, query_string) -> None:
        highlight_results(results, query_string, self.content_field_name)

    def more_like_this(self, model_instance, *args, **kwargs):
        try:
            return super().more_like_this(model_instance, *args, **kwargs)
        except store.IndexUnavailable:
            return {"results": [], "hits": 0}

    # --- writing --------------------------------------------------------------------------------------
    def writable_index(self):
        """The live index, opened for writing (caller holds the write lock). A missing index is
        created empty here: haystack's own commands (update_index, clear_index) expect that."""
        if not self.setup_complete:
            self.setup()
        if not store.is_present(self.path):
            from portal.search.dictionary import admin_terms

            directory = store.new_generation(self.path, self.schema, admin_terms(), complete=False)
            store.swap_in(self.path, directory)
        return store.open_index(self.path)

    def prepare_document(self, index, obj) -> dict | None:
        return prepare_document(index, obj, self._from_python)

    def update(self, index, iterable, commit=True):
        # Whoosh's update_document opens a reader over every segment for each document to find
        # the old version; here the old versions of the whole batch are deleted with one searcher,
        # then the new ones added. A row given twice keeps its last version, as one
        # update_document per row would (Whoosh cannot replace a document of the same batch).
        docs: dict[str, dict] = {}
        for obj in iterable:
            doc = self.prepare_document(index, obj)
            if doc is not None:
                docs[doc[ID]] = doc
        if not docs:
            return
        with store.write_lock(self.path):
            ix = self.writable_index()
            writer = ix.writer()
            try:
                _delete_ids(writer, docs)
                for doc in docs.values():
                    writer.add_document(**doc)
            except Exception:
                writer.cancel()
                raise
            writer.commit()

    def remove(self, obj_or_string, commit=True):
        self.remove_many([get_identifier(obj_or_string)])

    def remove_many(self, identifiers) -> None:
        identifiers = list(identifiers)
        if not identifiers or not store.is_present(self.path):
            return
        with store.write_lock(self.path):
            ix = store.open_index(self.path)
            writer = ix.writer()
            try:
                _delete_ids(writer, identifiers)
            except Exception:
                writer.cancel()
                raise
            writer.commit()

    def clear(self, models=None, commit=True):
        if not self.setup_complete:
            self.setup()
        with store.write_lock(self.path):
            if models is None:
                self.delete_index()
                return
            if not store.is_present(self.path):
                return
            ix = store.open_index(self.path)
            writer = ix.writer()
            for model in models:
                writer.delete_by_term(DJANGO_CT, get_model_ct(model))
            writer.commit()

    def delete_index(self):
        """Replace the index by an empty one in one swap (never rmtree under a reader)."""
        if not self.setup_complete:
            self.setup()
        from portal.search.dictionary import admin_terms

        with store.write_lock(self.path):
            directory = store.new_generation(self.path, self.schema, admin_terms(), complete=True)
            store.swap_in(self.path, directory)

    def optimize(self):
        with store.write_lock(self.path):
            store.open_index(self.path).optimize()


def highlight_results(results, query_string: str, content_field: str) -> None:
    """haystack's `.highlight()`: <mark> around the query's words in a snippet of the text."""
    from portal.search.analysis import query_words
    from portal.search.highlight import snippet

    words = query_words(query_string.replace('"', " "))
    for result in results:
        obj = result.object
        index = result.searchindex
        text = index.fields[content_field].prepare(obj) if obj is not None else ""
        result.highlighted = {content_field: [snippet(text, words)]}


def _delete_ids(writer, identifiers) -> int:
    """Delete the committed documents with these haystack ids, reading the index once."""
    deleted = 0
    with writer.searcher() as searcher:
        reader = searcher.reader()
        for identifier in identifiers:
            try:
                docnums = list(reader.postings(ID, identifier).all_ids())
            except TermNotFound:
                continue
            for docnum in docnums:
                if not reader.is_deleted(docnum):
                    writer.delete_document(docnum)
                    deleted += 1
    return deleted


class ChineseWhooshSearchQuery(WhooshSearchQuery):
    pass


class ChineseWhooshEngine(WhooshEngine):
    backend = ChineseWhooshSearchBackend
    query = ChineseWhooshSearchQuery
