"""Reads of the policy library. The list page, feeds, API and elder zone all call these."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear

from policies.models import PolicyDocument

FACETS = {
    "issuer": ("发文机关", "issuer__name"),
    "year": ("年份", "year"),
    "topic": ("主题分类", "topic"),
    "doc_type": ("文种", "doc_type"),
    "validity": ("有效性", "validity"),
}


@dataclass(frozen=True)
class PolicyFilters:
    issuer: str = ""
    year: str = ""
    topic: str = ""
    doc_type: str = ""
    validity: str = ""

    @classmethod
    def from_query(cls, params) -> "PolicyFilters":
        return cls(**{name: (params.get(name) or "").strip()[:100] for name in FACETS})

    def active(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in FACETS if getattr(self, name)}


def policy_public_queryset() -> QuerySet[PolicyDocument]:
    return PolicyDocument.objects.public().select_related("issuer")


def policy_list(*, filters: PolicyFilters | None = None, ids=None) -> QuerySet[PolicyDocument]:
    qs = policy_public_queryset()
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    if filters:
        if filters.issuer:
            qs = qs.filter(issuer__name=filters.issuer)
        if filters.year.isdigit():
            qs = qs.filter(issued_date__year=int(filters.year))
        if filters.topic:
            qs = qs.filter(topic=filters.topic)
        if filters.doc_type:
            qs = qs.filter(doc_type=filters.doc_type)
        if filters.validity:
            qs = qs.filter(validity=filters.validity)
    return qs.order_by("-issued_date", "-id")


def policy_facets(qs: QuerySet[PolicyDocument]) -> dict[str, list[dict]]:
    """Counts per facet value over the given (already filtered/matched) queryset, in the database."""
    choices = {
        "doc_type": dict(PolicyDocument._meta.get_field("doc_type").choices),
        "validity": dict(PolicyDocument._meta.get_field("validity").choices),
    }
    result = {}
    base = qs.order_by()
    for name, (_, column) in FACETS.items():
        if name == "year":
            rows = base.annotate(year=ExtractYear("issued_date")).exclude(year=None).values("year").annotate(n=Count("id")).order_by("-year")
            result[name] = [{"value": str(r["year"]), "label": f"{r['year']}年", "count": r["n"]} for r in rows]
            continue
        rows = base.exclude(**{column: ""}).values(column).annotate(n=Count("id")).order_by("-n", column)
        result[name] = [
            {"value": r[column], "label": choices.get(name, {}).get(r[column], r[column]), "count": r["n"]}
            for r in rows
        ]
    return result


def policy_related(policy: PolicyDocument, limit: int = 5) -> list[PolicyDocument]:
    """Documents of the same topic, or sharing a keyword, newest first."""
    words = policy.keyword_list[:3]
    condition = Q(topic=policy.topic) if policy.topic else Q()
    for word in words:
        condition |= Q(keywords__contains=word)
    if not condition:
        return []
    return list(policy_public_queryset().filter(condition).exclude(pk=policy.pk).order_by("-issued_date")[:limit])
