"""RSS 2.0 and Atom feeds (Django syndication) of what the site publishes.

Every feed reads the same selectors as the pages, so only 已发布 rows appear, and carries no
personal data (titles, summaries, departments, dates).
"""
from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import path, reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags

from portal import optional
from portal.models import Article, ArticleCategory, Department, SiteSettings
from portal.models.article import CATEGORY_SLUGS

ITEMS = 30


class BaseFeed(Feed):
    """Common item fields; subclasses set title/description/items."""

    feed_label = ""

    def title(self, obj=None):
        return f"{SiteSettings.current().site_name} · {self.feed_label}"

    def description(self, obj=None):
        return f"{SiteSettings.current().government_name}{self.feed_label}，最新 {ITEMS} 条。"

    def item_title(self, item):
        return str(item)

    def item_description(self, item):
        for name in ("teaser", "summary"):
            text = getattr(item, name, "")
            if text:
                return text
        body = getattr(item, "body_text", "")
        return body[:200]

    def item_pubdate(self, item):
        return getattr(item, "published_at", None)

    def item_updateddate(self, item):
        return getattr(item, "updated_at", None)

    def item_author_name(self, item):
        department = getattr(item, "department", None)
        return department.name if department else None


def _atom(feed_class):
    return type(f"{feed_class.__name__}Atom", (feed_class,), {"feed_type": Atom1Feed, "subtitle": feed_class.description})


# --- policies ---------------------------------------------------------------------------------------
class PolicyFeed(BaseFeed):
    feed_label = "政策文件"

    def link(self, obj=None):
        return optional.url("policies:list") or "/"

    def items(self, obj=None):
        from policies.selectors import PolicyFilters, policy_list

        return policy_list(filters=PolicyFilters(**(obj or {})))[:ITEMS]

    def item_description(self, item):
        number = f"{item.doc_number}　" if item.doc_number else ""
        return f"{number}{item.summary or item.body_text[:200]}"

    def item_categories(self, item):
        return [c for c in (item.topic, item.get_doc_type_display(), item.get_validity_display()) if c]

    def item_author_name(self, item):
        return item.issuer.name


class PolicyTopicFeed(PolicyFeed):
    def get_object(self, request, topic):
        from policies.topics import categories

        if topic not in categories():
            raise Http404("没有这个主题分类。")
        return {"topic": topic}

    def title(self, obj=None):
        return f"{SiteSettings.current().site_name} · 政策文件 · {obj['topic']}"

    def link(self, obj=None):
        base = optional.url("policies:list")
        return f"{base}?topic={obj['topic']}" if base else "/"


class PolicyDepartmentFeed(PolicyFeed):
    def get_object(self, request, code):
        department = Department.objects.filter(code=code).first()
        if department is None:
            raise Http404("没有这个发文机关。")
        self._department = department
        return {"issuer": department.name}

    def title(self, obj=None):
        return f"{SiteSettings.current().site_name} · 政策文件 · {obj['issuer']}"

    def link(self, obj=None):
        base = optional.url("policies:list")
        return f"{base}?issuer={obj['issuer']}" if base else "/"


# --- interpretations, articles, theme-day reports ----------------------------------------------------
class InterpretationFeed(BaseFeed):
    feed_label = "政策解读"

    def link(self, obj=None):
        return optional.url("policies:interpretation_list") or optional.url("policies:list") or "/"

    def items(self, obj=None):
        qs = optional.public_queryset(optional.model("policies.Interpretation"))
        return qs.select_related("department").order_by("-published_at", "-id")[:ITEMS]

    def item_categories(self, item):
        return [item.get_kind_display()] if hasattr(item, "get_kind_display") else []


class ArticleFeed(BaseFeed):
    category = ArticleCategory.NOTICE

    @property
    def feed_label(self):
        return ArticleCategory(self.category).label

    def link(self, obj=None):
        return reverse("portal:article_list", args=[CATEGORY_SLUGS[self.category]])

    def items(self, obj=None):
        return (
            Article.objects.public().filter(category=self.category).select_related("department")
            .order_by("-published_at", "-id")[:ITEMS]
        )

    def item_author_name(self, item):
        return item.source_label


class NoticeFeed(ArticleFeed):
    category = ArticleCategory.NOTICE


class NewsFeed(ArticleFeed):
    category = ArticleCategory.NEWS


class ThemeDayReportFeed(BaseFeed):
    feed_label = "政务公开主题日活动报道"

    def link(self, obj=None):
        return optional.url("themedays:index") or "/"

    def items(self, obj=None):
        qs = optional.public_queryset(optional.model("themedays.ActivityReport"))
        return qs.select_related("department").order_by("-published_at", "-id")[:ITEMS]


class LatestFeed(BaseFeed):
    """The newest public rows of one model; subclasses name the model, list page and description field."""

    model_label = ""
    list_route = ""
    related = ("department",)

    def link(self, obj=None):
        return optional.url(self.list_route) or "/"

    def items(self, obj=None):
        qs = optional.public_queryset(optional.model(self.model_label))
        return qs.select_related(*self.related).order_by("-published_at", "-id")[:ITEMS]


class QAFeed(LatestFeed):
    feed_label = "政策问答"
    model_label = "policies.PolicyQA"
    list_route = "policies:qa_list"

    def item_description(self, item):
        return strip_tags(item.answer)[:200]


class GuideFeed(LatestFeed):
    feed_label = "办事指南"
    model_label = "policies.ServiceGuide"
    list_route = "policies:guide_list"

    def item_description(self, item):
        return f"办理时限：{item.time_limit}　办理地点：{item.location}"


class ConsultationFeed(LatestFeed):
    feed_label = "意见征集"
    model_label = "openinfo.Consultation"
    list_route = "openinfo:consultation_list"


# (slug, feed class, label, description, available?) — the /feeds/ page lists what is available.
def _has(label: str) -> bool:
    return optional.public_queryset(optional.model(label)) is not None


FEEDS = [
    ("policies", PolicyFeed, "政策文件", "全部新发布的政策文件。", lambda: _has("policies.PolicyDocument")),
    ("interpretations", InterpretationFeed, "政策解读", "文字解读、图解、视频等各类政策解读。", lambda: _has("policies.Interpretation")),
    ("qa", QAFeed, "政策问答", "新发布的政策问答：群众常问的问题和权威答复。", lambda: _has("policies.PolicyQA")),
    ("guides", GuideFeed, "办事指南", "新发布或更新的办事指南。", lambda: _has("policies.ServiceGuide")),
    ("consultations", ConsultationFeed, "意见征集", "正在征求公众意见的文件草案及其反馈。", lambda: _has("openinfo.Consultation")),
    ("notices", NoticeFeed, "通知公告", "各部门发布的通知公告。", lambda: True),
    ("news", NewsFeed, "政务动态", "政务工作动态。", lambda: True),
    ("themedays-reports", ThemeDayReportFeed, "主题日活动报道", "政务公开主题日活动的报道。", lambda: _has("themedays.ActivityReport")),
]


def available_feeds() -> list[dict]:
    return [
        {"slug": slug, "label": label, "description": description,
         "rss": f"/feeds/{slug}/", "atom": f"/feeds/{slug}/atom/"}
        for slug, _cls, label, description, available in FEEDS if available()
    ]


def urlpatterns() -> list:
    patterns = []
    for slug, feed_class, _label, _description, available in FEEDS:
        if not available():
            continue
        patterns += [
            path(f"{slug}/", feed_class(), name=f"feed_{slug.replace('-', '_')}"),
            path(f"{slug}/atom/", _atom(feed_class)(), name=f"feed_{slug.replace('-', '_')}_atom"),
        ]
    if _has("policies.PolicyDocument"):
        patterns += [
            path("policies/topic/<text:topic>/", PolicyTopicFeed(), name="feed_policies_topic"),
            path("policies/topic/<text:topic>/atom/", _atom(PolicyTopicFeed)(), name="feed_policies_topic_atom"),
            path("policies/department/<text:code>/", PolicyDepartmentFeed(), name="feed_policies_department"),
            path("policies/department/<text:code>/atom/", _atom(PolicyDepartmentFeed)(), name="feed_policies_department_atom"),
        ]
    return patterns
