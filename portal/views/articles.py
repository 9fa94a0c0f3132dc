"""政务动态 / 通知公告 / 媒体聚焦 lists and pages, and the 专栏 that group articles."""
from __future__ import annotations

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from portal import page_tags
from portal.models import Article, ArticleCategory, Column, PublishStatus
from portal.models.article import CATEGORY_SLUGS
from portal.pagination import paginate, query_without_page
from portal.params import Params
from portal.selectors import public_or_preview

SLUG_CATEGORIES = {slug: category for category, slug in CATEGORY_SLUGS.items()}
PER_PAGE = 20


def _category_tabs(current: str) -> list[dict]:
    return [
        {"label": category.label, "url": reverse("portal:article_list", args=[slug]), "current": category == current}
        for category, slug in CATEGORY_SLUGS.items()
    ]


def _year_filter(request, qs):
    """?year= narrows the list; the facet lists the years that have articles."""
    years = list(
        qs.order_by().annotate(y=ExtractYear("published_at")).exclude(y=None).values("y").annotate(n=Count("id")).order_by("-y")
    )
    year = Params(request.GET).year()
    year = year if any(row["y"] == year for row in years) else None
    if year:
        qs = qs.filter(published_at__year=year)
    return qs, year, years


def article_list(request, category_slug: str):
    category = SLUG_CATEGORIES.get(category_slug)
    if category is None:
        raise Http404("栏目不存在。")
    category = ArticleCategory(category)
    qs = Article.objects.public().filter(category=category).select_related("department")
    qs, year, years = _year_filter(request, qs)
    page = paginate(request, qs.order_by("-pinned", "-published_at", "-id"), PER_PAGE)
    feed_url = {ArticleCategory.NOTICE: "/feeds/notices/", ArticleCategory.NEWS: "/feeds/news/"}.get(category, "")
    return render(request, "portal/article_list.html", {
        "category": category, "category_slug": category_slug, "tabs": _category_tabs(category),
        "trail": [(category.label, "")], "feed_url": feed_url,
        "page": page, "year": year, "years": years, "querystring": query_without_page(request),
    })


def article_detail(request, pk: int):
    qs = Article.objects.select_related("department").prefetch_related("attachments", "columns")
    article, is_preview = public_or_preview(qs, pk, request.user)
    siblings = Article.objects.public().filter(category=article.category).exclude(pk=article.pk)
    newer = siblings.filter(published_at__gt=article.published_at).order_by("published_at", "id").first() if article.published_at else None
    older = siblings.filter(published_at__lt=article.published_at).order_by("-published_at", "-id").first() if article.published_at else None
    return render(request, "portal/article_detail.html", {
        "page_tags": page_tags.for_article(request, article),
        "article": article, "is_preview": is_preview,
        "category_slug": article.category_slug, "category_label": article.get_category_display(),
        "columns": [c for c in article.columns.all() if c.is_active],
        "newer": newer, "older": older,
        "trail": [
            (article.get_category_display(), reverse("portal:article_list", args=[article.category_slug])),
            (article.title, ""),
        ],
        "related": list(siblings.order_by("-published_at", "-id")[:5]),
    })


def column_list(request):
    # A column with nothing published is not shown: a blank column reads as neglect (and is an inspection fault).
    columns = Column.objects.active().annotate(
        public_count=Count("articles", filter=Q(articles__status=PublishStatus.PUBLISHED))
    ).filter(public_count__gt=0).select_related("department")
    return render(request, "portal/column_list.html", {"columns": columns, "trail": [("专题专栏", "")]})


def column_detail(request, slug: str):
    column = get_object_or_404(Column.objects.active().select_related("department"), slug=slug)
    qs = column.articles.public().select_related("department").order_by("-pinned", "-published_at", "-id")
    page = paginate(request, qs, PER_PAGE)
    return render(request, "portal/column_detail.html", {
        "page_tags": page_tags.for_section(request, name=column.name, description=column.description),
        "column": column, "page": page, "querystring": query_without_page(request),
        "trail": [("专题专栏", reverse("portal:column_list")), (column.name, "")],
    })
