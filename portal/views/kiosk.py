"""政务公开专区 kiosk (/kiosk/): full-screen, touch-first pages for the service-hall touch screens.

Every page offers a QR code of the same content on the public site, so a visitor can continue on
the phone; the layout returns to the start page after the idle time set in SiteSettings.
"""
from __future__ import annotations

import datetime as dt

from django.db.models import Count, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import Resolver404, resolve
from django.utils import timezone

from portal import optional
from portal.params import Params
from portal.models import Article, ArticleCategory, Department, PageViewDaily
from portal.pagination import paginate
from portal.views import blocks

PER_PAGE = 8
KEYBOARD_WORDS = ["补贴", "养老", "医保", "社保", "就业", "公积金", "住房", "教育", "创业", "企业"]


def _policies():
    qs = optional.call("policies.selectors.policy_list", default=None)
    if qs is None:
        raise Http404("政策文件库暂未开放。")
    return qs


def _render(request, template: str, context: dict, *, phone_url: str = ""):
    context.setdefault("phone_url", phone_url or "/")
    return render(request, f"portal/kiosk/{template}", context)


def kiosk_home(request):
    return _render(request, "home.html", {
        "has_policies": optional.model("policies.PolicyDocument") is not None,
        "has_qa": optional.public_queryset(optional.model("policies.PolicyQA")) is not None,
        "has_activities": bool(blocks.upcoming_activities(1)),
        "notices": blocks.notices(3),
    })


def kiosk_topics(request):
    rows = _policies().order_by().exclude(topic="").values("topic").annotate(n=Count("id")).order_by("-n", "topic")
    return _render(request, "topics.html", {"topics": rows}, phone_url=optional.url("policies:list"))


def kiosk_topic(request, topic: str):
    page = paginate(request, _policies().filter(topic=topic), PER_PAGE)
    base = optional.url("policies:list")
    return _render(request, "policy_list.html", {
        "heading": topic, "page": page, "back_url": "/kiosk/topics/", "back_label": "全部主题",
    }, phone_url=f"{base}?topic={topic}" if base else "/")


def kiosk_departments(request):
    rows = _policies().order_by().values("issuer_id", "issuer__name").annotate(n=Count("id")).order_by("-n", "issuer__name")
    return _render(request, "departments.html", {"departments": rows}, phone_url=optional.url("policies:list"))


def kiosk_department(request, pk: int):
    department = get_object_or_404(Department, pk=pk)
    page = paginate(request, _policies().filter(issuer=department), PER_PAGE)
    base = optional.url("policies:list")
    return _render(request, "policy_list.html", {
        "heading": department.name, "page": page, "back_url": "/kiosk/departments/", "back_label": "全部部门",
    }, phone_url=f"{base}?issuer={department.name}" if base else "/")


def kiosk_policy(request, pk: int):
    policy = get_object_or_404(_policies(), pk=pk)
    interpretations = []
    public = optional.public_queryset(optional.model("policies.Interpretation"))
    if public is not None and hasattr(policy, "interpretations"):
        interpretations = list(public.filter(policies=policy).order_by("-published_at")[:5])
    return _render(request, "policy.html", {"policy": policy, "interpretations": interpretations},
                   phone_url=policy.get_absolute_url())


def _hot_qa_ids(limit: int) -> list[int]:
    """Q&A pages people open most (last 60 days of page views): what the hall's visitors ask."""
    ids = []
    since = timezone.localdate() - dt.timedelta(days=60)
    rows = (
        PageViewDaily.objects.filter(day__gte=since, path__contains="/qa/")
        .values("path").annotate(n=Sum("views")).order_by("-n")[:200]
    )
    for row in rows:
        try:
            match = resolve(row["path"])
        except Resolver404:
            continue
        if match.url_name == "qa_detail" and "pk" in match.kwargs:
            ids.append(int(match.kwargs["pk"]))
        if len(ids) >= limit:
            break
    return ids


def kiosk_qa(request):
    qs = optional.public_queryset(optional.model("policies.PolicyQA"))
    if qs is None:
        raise Http404("政策问答暂未开放。")
    hot = _hot_qa_ids(PER_PAGE)
    found = qs.in_bulk(hot)
    ordered = [found[pk] for pk in hot if pk in found]
    others = qs.exclude(pk__in=[q.pk for q in ordered]).order_by("sort_order", "id")[: max(0, 20 - len(ordered))]
    return _render(request, "qa_list.html", {"questions": ordered + list(others)},
                   phone_url=optional.url("policies:qa_list"))


def kiosk_qa_detail(request, pk: int):
    qs = optional.public_queryset(optional.model("policies.PolicyQA"))
    if qs is None:
        raise Http404("政策问答暂未开放。")
    qa = get_object_or_404(qs.select_related("policy"), pk=pk)
    return _render(request, "qa.html", {"qa": qa}, phone_url=qa.get_absolute_url())


def _search(request, query: str, limit: int = 20) -> list:
    """The policies /search/?type=policy finds for the query, in its order (pinyin, synonyms and
    发文字号 included): the touch screen is the same search, not a lesser one. The service falls
    back to the database by itself when the index cannot be read. Logged as kiosk traffic, which
    never counts toward 热词 (one screen is many people, or one person many times)."""
    from portal.search import service
    from portal.search.models import SearchChannel
    from portal.search.searchlog import record_search

    results = service.search_policies(query, per_page=limit, with_facets=False, log=False)
    record_search(**service.log_fields(results), request=request, channel=SearchChannel.KIOSK)
    return results.objects


def kiosk_search(request):
    query = " ".join(Params(request.GET).text("q", max_length=50).split())
    results = _search(request, query) if query else []
    words = blocks.hot_words(10) or KEYBOARD_WORDS
    search_url = optional.url("portal:search")
    return _render(request, "search.html", {
        "query": query, "results": results, "words": words, "searched": bool(query),
    }, phone_url=f"{search_url}?q={query}" if query and search_url else (search_url or "/"))


def kiosk_notices(request):
    page = paginate(request, Article.objects.public().filter(category=ArticleCategory.NOTICE).order_by("-published_at", "-id"), PER_PAGE)
    return _render(request, "article_list.html", {"page": page, "heading": "通知公告"},
                   phone_url=optional.url("portal:article_list", "notices"))


def kiosk_article(request, pk: int):
    article = get_object_or_404(Article.objects.public().select_related("department"), pk=pk)
    return _render(request, "article.html", {"article": article}, phone_url=article.get_absolute_url())


def kiosk_activities(request):
    return _render(request, "activities.html", {"activities": blocks.upcoming_activities(12)},
                   phone_url=optional.url("themedays:index"))


def kiosk_follow(request):
    return _render(request, "follow.html", {})
