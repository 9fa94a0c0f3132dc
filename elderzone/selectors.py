"""Reads of the elder zone. Policies come from policies.selectors, filtered to what concerns elders."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from elderzone.geo import sort_by_distance
from elderzone.models import CareInstitution, District, ElderNotice, ElderService, LifeArticle
from portal.params import Params

# 政府文件 in the zone: the policy's own 涉老政策 flag, plus the topics elders ask about most
# (社会福利/救助 under 民政, 社会保障 under 劳动, and 卫生). One definition for lists, audio and tests.
ELDER_SECTIONS = {
    "welfare": ("社会福利", Q(topic="民政、扶贫、救灾")),
    "security": ("社会保障", Q(topic="劳动、人事、监察", subtopic="社会保障")),
    "health": ("卫生健康", Q(topic="卫生、体育")),
    "elders": ("涉老政策", Q(for_elders=True)),
}
ELDER_POLICY_Q = Q(for_elders=True) | ELDER_SECTIONS["welfare"][1] | ELDER_SECTIONS["security"][1] | ELDER_SECTIONS["health"][1]


def elder_policies(*, section: str = "") -> QuerySet:
    from policies.selectors import policy_list

    qs = policy_list().filter(ELDER_POLICY_Q)
    if section in ELDER_SECTIONS:
        qs = qs.filter(ELDER_SECTIONS[section][1])
    return qs.order_by("-issued_date", "-published_at", "-id")


def is_elder_policy(policy) -> bool:
    topic, subtopic = getattr(policy, "topic", ""), getattr(policy, "subtopic", "")
    return bool(
        getattr(policy, "for_elders", False)
        or topic in ("民政、扶贫、救灾", "卫生、体育")
        or (topic == "劳动、人事、监察" and subtopic == "社会保障")
    )


def interpretation_model():
    """policies' 解读 model when that app provides it; the zone falls back to policy summaries."""
    from django.apps import apps

    try:
        return apps.get_model("policies", "Interpretation")
    except LookupError:
        return None


def elder_interpretations() -> QuerySet | None:
    model = interpretation_model()
    if model is None:
        return None
    policy_ids = elder_policies().values("pk")
    return (model.objects.public().filter(policies__in=policy_ids).distinct()
            .order_by("-published_at", "-id"))


def policy_interpretations(policy) -> list:
    model = interpretation_model()
    if model is None:
        return []
    return list(model.objects.public().filter(policies=policy).order_by("-published_at", "-id"))


def services_public() -> QuerySet[ElderService]:
    return ElderService.objects.public().select_related("department").order_by("sort_order", "id")


def life_articles(*, category: str = "") -> QuerySet[LifeArticle]:
    qs = LifeArticle.objects.public()
    if category:
        qs = qs.filter(category=category)
    return qs.order_by("-published_at", "-id")


def notices_public() -> QuerySet[ElderNotice]:
    return ElderNotice.objects.public().order_by("-published_at", "-id")


def site_notice_model():
    """portal's 通知公告 (Article, category notice) when the site has them."""
    from django.apps import apps

    try:
        return apps.get_model("portal", "Article")
    except LookupError:
        return None


def site_notices() -> QuerySet | None:
    model = site_notice_model()
    if model is None:
        return None
    return model.objects.public().filter(category="notice").order_by("-published_at", "-id")


@dataclass(frozen=True)
class NoticeItem:
    title: str
    published_at: object
    url: str


def zone_notices(limit: int = 200) -> list[NoticeItem]:
    """The site's 通知公告 and the zone's own notices together, newest first."""
    from django.urls import reverse

    items = [NoticeItem(n.title, n.published_at, reverse("elderzone:notice_detail", args=[n.pk]))
             for n in notices_public().only("title", "published_at")[:limit]]
    site = site_notices()
    if site is not None:
        items += [NoticeItem(a.title, a.published_at, reverse("elderzone:site_notice_detail", args=[a.pk]))
                  for a in site.only("title", "published_at")[:limit]]
    return sorted(items, key=lambda i: i.published_at.timestamp() if i.published_at else 0, reverse=True)


@dataclass(frozen=True)
class MapQuery:
    district: District | None = None
    kind: str = ""
    near: District | None = None
    lat: float | None = None
    lng: float | None = None

    @property
    def origin(self) -> tuple[float, float] | None:
        if self.lat is not None and self.lng is not None:
            return self.lat, self.lng
        if self.near is not None:
            return float(self.near.latitude), float(self.near.longitude)
        return None

    @property
    def uses_location(self) -> bool:
        return self.lat is not None


def parse_map_query(params) -> MapQuery:
    """Anything malformed in the query string is ignored rather than an error page."""
    from elderzone.models import InstitutionKind

    p = Params(params)

    def district(name):
        pk = p.id(name)
        return District.objects.filter(pk=pk).first() if pk else None

    lat, lng = p.number("lat", minimum=-90, maximum=90), p.number("lng", minimum=-180, maximum=180)
    point = (round(lat, 3), round(lng, 3)) if lat is not None and lng is not None else (None, None)
    return MapQuery(
        district=district("district"),
        kind=p.choice("kind", InstitutionKind.values),
        near=district("near"),
        lat=point[0], lng=point[1],
    )


def institutions(query: MapQuery) -> list[tuple[CareInstitution, float | None]]:
    """The places matching the filters, nearest first when there is an origin, else by district."""
    qs = CareInstitution.objects.public().select_related("district")
    if query.district:
        qs = qs.filter(district=query.district)
    if query.kind:
        qs = qs.filter(kind=query.kind)
    qs = qs.order_by("district__sort_order", "name", "id")
    if query.origin is None:
        return [(item, None) for item in qs]
    return sort_by_distance(qs, query.origin)


def districts() -> QuerySet[District]:
    return District.objects.order_by("sort_order", "id")
