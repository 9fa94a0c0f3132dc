"""What a search returns, and turning index hits into rows loaded from the database.

Rows come from each type's public queryset, one SQL query per type on the page, so a document
unpublished a moment ago never shows even if the index has not caught up yet (and the stale
entry is queued for removal).
"""
from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.html import strip_tags
from django.utils.safestring import SafeString

from portal.search.highlight import mark, snippet
from portal.search.types import SearchType, type_for_ct

logger = logging.getLogger(__name__)


@dataclass
class ResultItem:
    search_type: SearchType
    obj: object
    title_html: SafeString
    snippet_html: SafeString
    exact: bool = False

    @property
    def title(self) -> str:
        return _title_of(self.search_type, self.obj)

    @property
    def url(self) -> str:
        return self.obj.get_absolute_url()

    @property
    def doc_number(self) -> str:
        return getattr(self.obj, "doc_number", "") or ""

    @property
    def external_id(self):
        return getattr(self.obj, "external_id", None)

    @property
    def type_name(self) -> str:
        return self.search_type.name

    @property
    def type_label(self) -> str:
        return self.search_type.label

    def as_api(self) -> dict:
        return {
            "type": self.type_name, "id": self.obj.pk, "title": self.title, "doc_number": self.doc_number,
            "url": self.url, "snippet": str(self.snippet_html), "external_id": self.external_id,
        }


@dataclass
class TypeCount:
    search_type: SearchType | None  # None = 全部
    count: int

    @property
    def name(self) -> str:
        return self.search_type.name if self.search_type else ""

    @property
    def label(self) -> str:
        return self.search_type.label if self.search_type else "全部"


@dataclass
class SearchResults:
    query: str = ""
    count: int = 0
    page: int = 1
    per_page: int = 10
    items: list[ResultItem] = field(default_factory=list)
    suggestion: str = ""
    # Several readings offered at once (a short initials query): "您是不是要找：养老 / 医疗".
    suggestions: list[str] = field(default_factory=list)
    corrected: bool = False
    type_name: str = ""
    sort: str = "relevance"
    type_counts: list[TypeCount] = field(default_factory=list)
    facets: dict | None = None
    fallback: bool = False
    words: list[str] = field(default_factory=list)

    @property
    def suggestion_words(self) -> list[str]:
        """What 您是不是要找 links to: the several readings, or the one suggestion."""
        return self.suggestions or ([self.suggestion] if self.suggestion else [])

    @property
    def objects(self) -> list:
        return [item.obj for item in self.items]

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.per_page))


def _title_of(search_type: SearchType, obj) -> str:
    title_field = search_type.index.fields.get("title")
    if title_field is not None and getattr(title_field, "model_attr", None):
        try:
            value = title_field.prepare(obj)
            if value:
                return str(value)
        except Exception:
            pass
    return str(obj)


def document_text(search_type: SearchType, obj) -> str:
    """The text the snippet is cut from: summary or body when the model has them, else the
    index's own text template."""
    for attr in ("summary", "body_text", "answer", "description"):
        value = getattr(obj, attr, None)
        if isinstance(value, str) and len(value.strip()) > 20:
            if attr == "summary":
                body = getattr(obj, "body_text", "")
                return f"{value} {body}" if isinstance(body, str) else value
            return strip_tags(value)
    try:
        field_name = search_type.index.get_content_field()
        return search_type.index.fields[field_name].prepare(obj) or ""
    except Exception:
        return ""


def load_items(hits, words: list[str]) -> list[ResultItem]:
    """The hits' rows in hit order: one query per type; stale hits are dropped and queued."""
    by_ct = defaultdict(list)
    for hit in hits:
        by_ct[hit.ct].append(hit.pk)
    rows = {}
    for ct, pks in by_ct.items():
        search_type = type_for_ct(ct)
        if search_type is None:
            continue
        found = _rows(search_type, pks)
        for obj in found:
            rows[(ct, str(obj.pk))] = (search_type, obj)
        missing = set(pks) - {str(obj.pk) for obj in found}
        if missing:
            _queue_stale(search_type, missing)
    items = []
    for hit in hits:
        found = rows.get((hit.ct, str(hit.pk)))
        if found is None:
            continue
        search_type, obj = found
        items.append(ResultItem(
            search_type=search_type, obj=obj, exact=hit.exact,
            title_html=mark(_title_of(search_type, obj), words),
            snippet_html=snippet(document_text(search_type, obj), words),
        ))
    return items


def _rows(search_type: SearchType, pks):
    """The public rows with these pks, with what each result's line of metadata shows
    (search/_result_meta.html: 发文机关 or department) joined in, in no particular order (the
    caller puts them in hit order)."""
    relations = {f.name for f in search_type.model._meta.concrete_fields if f.is_relation}
    joined = [name for name in ("issuer", "department") if name in relations]
    return search_type.index.index_queryset().filter(pk__in=pks).select_related(*joined).order_by()


def _queue_stale(search_type: SearchType, pks) -> None:
    """The index still lists rows that are no longer public: bring them in step."""
    try:
        from portal.search.indexing import queue_updates

        queue_updates([(search_type.model._meta.label, pk) for pk in pks])
    except Exception:  # never let housekeeping break a search
        logger.warning("无法排队清理过期索引条目", exc_info=True)
