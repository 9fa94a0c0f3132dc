"""Reads of the policy library. The list page, feeds, API and elder zone all call these."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear

from policies.models import (
    DocType, Interpretation, InterpretationImage, InterpretationKind, InterpreterReview, PolicyDocument,
    PolicyInterpreter, PolicyQA, QACategory, ServiceGuide, SpecialTopic, Validity,
)
from portal import cache_versions
from portal.models import PublishStatus
from portal.params import Params

logger = logging.getLogger(__name__)

# Facet counts, totals and related documents are cached until a document or a department (its
# name is the 发文机关 facet) changes; see portal/cache_versions.py (connected in PortalConfig.ready,
# so every process — web, worker, importer — invalidates).
POLICY_CACHE = cache_versions.POLICIES

FACETS = {
    "issuer": ("发文机关", "issuer__name"),
    "year": ("年份", "year"),
    "topic": ("主题分类", "topic"),
    "doc_type": ("文种", "doc_type"),
    "validity": ("有效性", "validity"),
}


# Filters of the library that are not facets: the 二级主题 and a 成文日期 range (YYYY-MM-DD, inclusive).
EXTRA_FILTERS = ("subtopic", "written_from", "written_to")
# How the library orders documents (the search adds 相关度): the model field, newest first.
LIST_ORDERS = {"time": "issued_date", "written": "written_date"}


@dataclass(frozen=True)
class PolicyFilters:
    issuer: str = ""
    year: str = ""
    topic: str = ""
    subtopic: str = ""
    doc_type: str = ""
    validity: str = ""
    written_from: str = ""
    written_to: str = ""

    @classmethod
    def from_query(cls, params) -> "PolicyFilters":
        p = Params(params)
        year = p.year("year")
        first, last = p.date("written_from"), p.date("written_to")
        if first and last and first > last:  # typed the wrong way round: the visitor means the same days
            first, last = last, first
        return cls(**{name: p.text(name) for name in FACETS if name != "year"}, year=str(year) if year else "",
                   subtopic=p.text("subtopic", max_length=40),
                   written_from=first.isoformat() if first else "", written_to=last.isoformat() if last else "")

    def active(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in (*FACETS, *EXTRA_FILTERS) if getattr(self, name)}


def policy_public_queryset() -> QuerySet[PolicyDocument]:
    return PolicyDocument.objects.public().select_related("issuer")


def policy_list(*, filters: PolicyFilters | None = None, ids=None, order: str = "time") -> QuerySet[PolicyDocument]:
    qs = policy_public_queryset()
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    if filters:
        if filters.issuer:
            qs = qs.filter(issuer__name=filters.issuer)
        if filters.year:
            qs = qs.filter(issued_date__year=int(filters.year))
        if filters.topic:
            qs = qs.filter(topic=filters.topic)
        if filters.subtopic:
            qs = qs.filter(subtopic=filters.subtopic)
        if filters.doc_type:
            qs = qs.filter(doc_type=filters.doc_type)
        if filters.validity:
            qs = qs.filter(validity=filters.validity)
        if filters.written_from:
            qs = qs.filter(written_date__gte=filters.written_from)
        if filters.written_to:
            qs = qs.filter(written_date__lte=filters.written_to)
    column = LIST_ORDERS.get(order, LIST_ORDERS["time"])
    return qs.order_by(F(column).desc(nulls_last=True), "-id")


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


@dataclass(frozen=True)
class PolicyListSummary:
    count: int
    facets: dict[str, list[dict]]


def policy_list_summary(filters: PolicyFilters) -> PolicyListSummary:
    """How many public documents match `filters`, and the facet counts among them (cached)."""
    def compute():
        qs = policy_list(filters=filters)
        return PolicyListSummary(count=qs.count(), facets=policy_facets(qs))

    key = "list:" + "&".join(f"{name}={value}" for name, value in sorted(filters.active().items()))
    return cache_versions.cached(POLICY_CACHE, key, compute)


def policy_related(policy: PolicyDocument, limit: int = 5) -> list[PolicyDocument]:
    """Documents of the same topic, or sharing a keyword, newest first (cached: for a rare topic
    or keyword the query reads every public document's keywords)."""
    return cache_versions.cached(POLICY_CACHE, f"related:{policy.pk}:{limit}", lambda: _related(policy, limit))


def _related(policy: PolicyDocument, limit: int) -> list[PolicyDocument]:
    words = policy.keyword_list[:3]
    condition = Q(topic=policy.topic) if policy.topic else Q()
    for word in words:
        condition |= Q(keywords__contains=word)
    if not condition:
        return []
    return list(policy_public_queryset().filter(condition).exclude(pk=policy.pk).order_by("-issued_date")[:limit])


# --- 看·问·办: interpretations, interpreters, Q&A, service guides, topics --------------------------

def interpretation_list(*, kind: str = "") -> QuerySet[Interpretation]:
    qs = Interpretation.objects.public().prefetch_related(
        Prefetch("policies", queryset=PolicyDocument.objects.public().only("id", "title")),
        Prefetch("images", queryset=InterpretationImage.objects.order_by("sort_order", "id")),
    )
    if kind in InterpretationKind.values:
        qs = qs.filter(kind=kind)
    return qs.order_by("-published_at", "-id")


def interpretation_kind_counts() -> dict[str, int]:
    rows = Interpretation.objects.public().order_by().values("kind").annotate(n=Count("id"))
    return {r["kind"]: r["n"] for r in rows}


def current_interpreter(policy: PolicyDocument) -> PolicyInterpreter | None:
    return policy.interpreters.filter(end_date__isnull=True).first()


def public_guides_prefetch() -> Prefetch:
    return Prefetch("guides", queryset=ServiceGuide.objects.public().order_by("name"))


def qa_list(*, category: str = "") -> QuerySet[PolicyQA]:
    qs = PolicyQA.objects.public().select_related("policy").prefetch_related(public_guides_prefetch())
    if category in QACategory.values:
        qs = qs.filter(category=category)
    return qs.order_by("category", "sort_order", "id")


def qa_category_counts() -> dict[str, int]:
    rows = PolicyQA.objects.public().order_by().values("category").annotate(n=Count("id"))
    return {r["category"]: r["n"] for r in rows}


def guide_list() -> QuerySet[ServiceGuide]:
    return ServiceGuide.objects.public().select_related("department").order_by("department__sort_order", "name")


@dataclass
class PolicyGuidance:
    """What the policy page shows under 看 (interpretations, 解读人), 问 (Q&A) and 办 (service guides)."""

    interpretations: list
    interpreter: PolicyInterpreter | None
    qas: list
    guides: list


def policy_guidance(policy: PolicyDocument) -> PolicyGuidance:
    public_guides = ServiceGuide.objects.public().prefetch_related("materials")
    return PolicyGuidance(
        interpretations=list(policy.interpretations.public().prefetch_related("images").order_by("-published_at", "-id")),
        interpreter=current_interpreter(policy),
        qas=list(policy.qas.public().select_related("policy").prefetch_related(public_guides_prefetch()).order_by("sort_order", "id")),
        guides=list(public_guides.filter(policies=policy).select_related("department")),
    )


def normative_without_interpretation(policies) -> list[tuple[PolicyDocument, str]]:
    """行政规范性文件 among `policies` published without a published interpretation, with the reason."""
    result = []
    for policy in policies:
        if policy.doc_type != DocType.NORMATIVE:
            continue
        statuses = set(policy.interpretations.values_list("status", flat=True))
        if not statuses:
            result.append((policy, "尚无政策解读"))
        elif PublishStatus.PUBLISHED not in statuses:
            result.append((policy, "其政策解读尚未发布"))
    return result


def stale_interpreter_policies(today=None) -> QuerySet[InterpreterReview]:
    return InterpreterReview.objects.stale(today).select_related("issuer")


# --- 专题 -----------------------------------------------------------------------------------------

def topic_list() -> QuerySet[SpecialTopic]:
    return SpecialTopic.objects.public().order_by("sort_order", "id")


@dataclass
class TopicContents:
    policies: list
    qas: list
    guides: list


def _search_policy_ids(query: str, limit: int = 200) -> list[int]:
    """Policy ids matching a saved search, best first.

    The index is asked through the standard haystack API; documents whose title, keywords or
    summary contain every word are added from the database, so a topic never silently empties
    while the index is rebuilt or a compound word is cut differently by the analyzer.
    """
    from haystack.inputs import AutoQuery
    from haystack.query import SearchQuerySet

    ids: list[int] = []
    try:
        ids = [int(r.pk) for r in SearchQuerySet().models(PolicyDocument).filter(content=AutoQuery(query))[:limit] if r]
    except Exception:  # an index being rebuilt must not take the topic page down
        logger.exception("专题检索失败：%s", query)
    condition = Q()
    for word in query.split()[:6]:
        condition &= Q(title__icontains=word) | Q(keywords__icontains=word) | Q(summary__icontains=word)
    ids += list(PolicyDocument.objects.public().filter(condition).order_by("-issued_date", "-id").values_list("id", flat=True)[:limit])
    return list(dict.fromkeys(ids))


def topic_contents(topic: SpecialTopic, *, policy_limit: int = 60) -> TopicContents:
    """Hand-picked items first, then whatever the saved search matches now; only public rows."""
    picked = list(topic.policies.public().select_related("issuer").order_by("-issued_date", "-id"))
    policies = list(picked)
    seen = {p.pk for p in policies}
    extra_ids: list[int] = []
    if topic.search_query.strip():
        extra_ids += _search_policy_ids(topic.search_query.strip())
    if topic.search_topic:
        extra_ids += list(PolicyDocument.objects.public().filter(topic=topic.search_topic, validity=Validity.VALID)
                          .order_by("-issued_date").values_list("id", flat=True)[:policy_limit])
    extra_ids = [pk for pk in dict.fromkeys(extra_ids) if pk not in seen]
    if extra_ids:
        rows = policy_public_queryset().filter(pk__in=extra_ids).in_bulk()
        # Documents no longer in force are left out of a saved search; a hand-picked one stays.
        policies += [rows[pk] for pk in extra_ids if pk in rows and rows[pk].validity == Validity.VALID]
    policies = policies[:policy_limit]
    policy_ids = [p.pk for p in policies]

    qa_filter = Q(pk__in=topic.qas.values("pk")) | Q(policy_id__in=policy_ids)
    if topic.search_qa_category:
        qa_filter |= Q(category=topic.search_qa_category)
    qas = list(PolicyQA.objects.public().filter(qa_filter).select_related("policy").prefetch_related(public_guides_prefetch())
               .order_by("category", "sort_order", "id"))

    guide_filter = Q(pk__in=topic.guides.values("pk")) | Q(policies__in=policy_ids)
    guides = list(ServiceGuide.objects.public().filter(guide_filter).distinct().select_related("department").order_by("name"))
    return TopicContents(policies=policies, qas=qas, guides=guides)
