"""The one search entry point used by /search/, the policy library and /api/search/."""
from __future__ import annotations

from dataclasses import dataclass, field

from haystack.inputs import AutoQuery
from haystack.query import SearchQuerySet

from policies.docnumber import looks_like_doc_number, normalize_doc_number
from policies.models import PolicyDocument
from portal.text import fold_width

MAX_QUERY_CHARS = 100


@dataclass
class SearchResults:
    query: str
    count: int
    objects: list
    suggestion: str = ""
    extra: dict = field(default_factory=dict)


def clean_query(raw: str) -> str:
    text = fold_width(raw or "").replace("\x00", " ").strip()
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def search_policies(raw: str, *, offset: int = 0, limit: int = 10) -> SearchResults:
    query = clean_query(raw)
    if not query:
        return SearchResults(query="", count=0, objects=[])
    exact: list[PolicyDocument] = []
    if looks_like_doc_number(query):
        key = normalize_doc_number(query)
        exact = list(PolicyDocument.objects.public().filter(doc_number_key=key).select_related("issuer"))
    sqs = SearchQuerySet().models(PolicyDocument).filter(content=AutoQuery(query))
    pks = [int(r.pk) for r in sqs[:500]]
    exact_ids = {p.pk for p in exact}
    ordered = [p.pk for p in exact] + [pk for pk in pks if pk not in exact_ids]
    window = ordered[offset: offset + limit]
    rows = PolicyDocument.objects.public().filter(pk__in=window).select_related("issuer").in_bulk()
    return SearchResults(query=query, count=len(ordered), objects=[rows[pk] for pk in window if pk in rows])
