"""Policy facets (发文机关, 年份, 主题分类, 文种, 有效性) for a search, counted in the database.

The counts are over exactly the ids the (expanded) query matched, so a synonym or pinyin match
is counted like any other. Ids go to the database in chunks (SQLite and PostgreSQL both cap the
number of parameters of one statement).
"""
from __future__ import annotations

CHUNK = 5000
# facet name → index field (ExactField on PolicyDocumentIndex) used to narrow the ranked search
INDEX_FIELDS = {"issuer": "issuer", "year": "year", "topic": "topic", "subtopic": "subtopic", "doc_type": "doc_type",
                "validity": "validity"}
# range filters: index field → (filter holding the first day, filter holding the last day)
INDEX_RANGES = {"written": ("written_from", "written_to")}


def index_filters(filters) -> dict[str, str | tuple[str, str]]:
    """{index field: value, or (first, last) ISO dates} of the active policy filters: the engine
    narrows the ranked search by them without scoring them."""
    if not filters:
        return {}
    from portal.params import MAX_DATE, MIN_DATE

    active = filters.active()
    found: dict = {INDEX_FIELDS[name]: value for name, value in active.items() if name in INDEX_FIELDS}
    for field, (first, last) in INDEX_RANGES.items():
        if first in active or last in active:
            found[field] = (active.get(first, MIN_DATE.isoformat()), active.get(last, MAX_DATE.isoformat()))
    return found


def policy_facets_for_ids(pks) -> dict[str, list[dict]]:
    from policies.models import PolicyDocument
    from policies.selectors import FACETS, policy_facets

    pks = [int(pk) for pk in pks]
    merged: dict[str, dict[str, dict]] = {name: {} for name in FACETS}
    for start in range(0, len(pks), CHUNK):
        chunk = pks[start:start + CHUNK]
        facets = policy_facets(PolicyDocument.objects.public().filter(pk__in=chunk))
        for name, items in facets.items():
            bucket = merged.setdefault(name, {})
            for item in items:
                if item["value"] in bucket:
                    bucket[item["value"]]["count"] += item["count"]
                else:
                    bucket[item["value"]] = dict(item)
    result = {}
    for name, bucket in merged.items():
        items = list(bucket.values())
        if name == "year":
            items.sort(key=lambda i: i["value"], reverse=True)
        else:
            items.sort(key=lambda i: (-i["count"], str(i["value"])))
        result[name] = items
    return result


def policy_facets_for_queryset(qs) -> dict[str, list[dict]]:
    from policies.selectors import policy_facets

    return policy_facets(qs)
