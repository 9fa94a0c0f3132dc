"""Reads behind the home page and the kiosk: each returns [] (or "") when its source is not there,
so a block with nothing to show is left out of the page.
"""
from __future__ import annotations

import logging

from django.db.models import Prefetch
from django.utils import timezone

from portal import optional
from portal.models import Article, ArticleCategory, Column

logger = logging.getLogger(__name__)

# Activities end and consultations open by the clock, not by a save: the blocks are recomputed at
# least this often even when nothing was published.
HOME_CONTENT_SECONDS = 60


def home_content() -> dict:
    """The home page's database blocks (nine queries); portal/views/home.py caches them rendered."""
    top = headlines(5)
    return {
        "headlines": top,
        "news": news(8, exclude=top),
        "notices": notices(8),
        "policies": latest_policies(6),
        "activities": upcoming_activities(4),
        "reports": latest_reports(4),
        "consultations": open_consultations(4),
        "columns": home_columns(6),
    }


def hot_words(limit: int = 10) -> list[str]:
    """The search engineer's hot words (from the search log); none when search does not offer them."""
    try:
        words = optional.call("portal.search.selectors.hot_words", limit=limit, default=None)
    except Exception:  # a broken search log must not take the home page down
        logger.warning("hot words unavailable", exc_info=True)
        return []
    return [str(word) for word in (words or []) if str(word).strip()][:limit]


def articles(category: str, limit: int, *, headline: bool | None = None) -> list[Article]:
    qs = Article.objects.public().filter(category=category).select_related("department")
    if headline is not None:
        qs = qs.filter(is_headline=headline)
    return list(qs.order_by("-pinned", "-published_at", "-id")[:limit])


def headlines(limit: int = 5) -> list[Article]:
    qs = Article.objects.public().filter(is_headline=True).select_related("department")
    return list(qs.order_by("-pinned", "-published_at", "-id")[:limit])


def news(limit: int = 8, exclude: list[Article] = ()) -> list[Article]:
    qs = Article.objects.public().filter(category=ArticleCategory.NEWS).exclude(pk__in=[a.pk for a in exclude])
    return list(qs.select_related("department").order_by("-pinned", "-published_at", "-id")[:limit])


def notices(limit: int = 8) -> list[Article]:
    return articles(ArticleCategory.NOTICE, limit)


def home_columns(limit: int = 6) -> list[Column]:
    return list(Column.objects.active().filter(on_home=True)[:limit])


def latest_policies(limit: int = 6) -> list:
    """Newest public policies, each with its public interpretations (`.public_interpretations`)."""
    qs = optional.call("policies.selectors.policy_list", default=None)
    if qs is None:
        return []
    interpretation = optional.model("policies.Interpretation")
    public = optional.public_queryset(interpretation)
    policy_model = qs.model
    if public is not None and any(
        getattr(rel, "get_accessor_name", lambda: "")() == "interpretations" for rel in policy_model._meta.related_objects
    ):
        qs = qs.prefetch_related(
            Prefetch("interpretations", queryset=public.order_by("-published_at", "-id"), to_attr="public_interpretations")
        )
    return list(qs[:limit])


def upcoming_activities(limit: int = 4) -> list:
    activity = optional.model("themedays.Activity")
    qs = optional.public_queryset(activity)
    if qs is None or not optional.has_fields(activity, "start_at", "end_at"):
        return []
    qs = qs.filter(end_at__gte=timezone.now())
    if optional.has_fields(activity, "stage"):
        qs = qs.exclude(stage="cancelled")
    return list(qs.select_related("department").order_by("start_at", "id")[:limit])


def latest_reports(limit: int = 4) -> list:
    report = optional.model("themedays.ActivityReport")
    qs = optional.public_queryset(report)
    if qs is None:
        return []
    return list(qs.select_related("activity").order_by("-published_at", "-id")[:limit])


def open_consultations(limit: int = 4) -> list:
    consultation = optional.model("openinfo.Consultation")
    qs = optional.public_queryset(consultation)
    if qs is None or not optional.has_fields(consultation, "starts_on", "ends_on"):
        return []
    today = timezone.localdate()
    return list(qs.filter(starts_on__lte=today, ends_on__gte=today).order_by("ends_on", "id")[:limit])


def service_entries() -> list[dict]:
    """依申请公开, 政务信箱, 年报 … as big entry tiles (only those whose page exists)."""
    candidates = [
        ("依申请公开", "向行政机关申请获取政府信息，网上提交、随时查询办理进度。", ("openinfo:apply",), "/openinfo/apply/"),
        ("办理进度查询", "凭申请编号和查询码查看依申请公开的办理结果。", ("openinfo:track",), "/openinfo/track/"),
        ("政务信箱", "咨询、建议、投诉，限时答复，答复结果可公开查询。", ("openinfo:letter_list",), "/openinfo/letters/"),
        ("意见征集", "参与政策草案的公开征求意见，查看意见采纳情况。", ("openinfo:consultation_list",), "/openinfo/consultations/"),
        ("政府信息公开年报", "历年政府信息公开工作年度报告。", ("openinfo:annual_report_index",), ""),
        ("权责清单", "行政权力事项、实施主体、法律依据和责任事项。", ("openinfo:power_list",), ""),
    ]
    entries = []
    for title, text, names, path in candidates:
        url = optional.first_url(*names) or (optional.routed(path) if path else "")
        if url:
            entries.append({"title": title, "text": text, "url": url})
    return entries
