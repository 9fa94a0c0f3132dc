"""sitemap.xml over every public page: the portal's own pages and the public rows of every app.

Sections for other apps' models are added when the model exists, has a public() queryset and its
detail route reverses, so a half-built app never breaks the sitemap.
"""
from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch

from portal import optional
from portal.models import Article, Column
from portal.models.article import CATEGORY_SLUGS

# Section pages: route names (with args) or contract paths; only those that resolve are listed.
STATIC_PAGES = [
    ("portal:home", ()), ("portal:column_list", ()), ("portal:openness", ()), ("portal:feeds", ()),
    ("portal:api_docs", ()), ("portal:site_map", ()),
    *(("portal:article_list", (slug,)) for slug in CATEGORY_SLUGS.values()),
    ("policies:list", ()), ("policies:interpretation_list", ()), ("policies:qa_list", ()), ("policies:guide_list", ()),
    ("policies:topic_list", ()),
    ("themedays:index", ()), ("themedays:calendar", ()), ("themedays:plan", ()), ("themedays:reports", ()),
    ("themedays:surveys", ()), ("themedays:stats", ()),
    ("elderzone:home", ()), ("elderzone:policy_list", ()), ("elderzone:interpretation_list", ()),
    ("elderzone:service_list", ()), ("elderzone:life_list", ()), ("elderzone:notice_list", ()), ("elderzone:map", ()),
    ("openinfo:home", ()), ("openinfo:apply", ()), ("openinfo:letter_list", ()), ("openinfo:letter_statistics", ()),
    ("openinfo:consultation_list", ()), ("openinfo:power_list", ()), ("openinfo:department_list", ()),
    ("openinfo:guide_list", ()),
    "/openinfo/apply/", "/openinfo/letters/", "/openinfo/consultations/",
]

# "app.Model" of public content with a detail page.
PUBLIC_MODELS = [
    "policies.PolicyDocument", "policies.Interpretation", "policies.PolicyQA", "policies.ServiceGuide",
    "policies.SpecialTopic", "themedays.Activity", "themedays.ActivityReport", "themedays.Survey",
    "openinfo.Consultation", "openinfo.PowerItem", "openinfo.GuidePage", "elderzone.ElderService",
    "elderzone.LifeArticle", "elderzone.ElderNotice", "elderzone.CareInstitution",
]


class SectionSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        found = []
        for entry in STATIC_PAGES:
            url = optional.routed(entry) if isinstance(entry, str) else optional.url(entry[0], *entry[1])
            if url and url not in found:
                found.append(url)
        return found

    def location(self, item):
        return item


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    limit = 5000

    def items(self):
        return Article.objects.public().order_by("-published_at", "-id")

    def lastmod(self, item):
        return item.updated_at


class ColumnSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Column.objects.active()


class ModelSitemap(Sitemap):
    """Public rows of another app's model."""

    changefreq = "weekly"
    priority = 0.5
    limit = 5000

    def __init__(self, model, queryset=None):
        super().__init__()
        self.model = model
        self.queryset = queryset  # a selector of the owning app, when it has one

    def items(self):
        qs = self.queryset() if self.queryset else optional.public_queryset(self.model)
        if qs is None:
            return []
        first = qs.first()
        if first is None:
            return []
        try:
            first.get_absolute_url()
        except NoReverseMatch:  # the app has the model but not (yet) its page
            return []
        return qs.order_by("pk")

    def lastmod(self, item):
        return getattr(item, "updated_at", None)


def sitemaps() -> dict[str, Sitemap]:
    result: dict[str, Sitemap] = {"sections": SectionSitemap(), "articles": ArticleSitemap(), "columns": ColumnSitemap()}
    for label in PUBLIC_MODELS:
        model = optional.model(label)
        if model is not None and hasattr(model, "get_absolute_url"):
            result[label.replace(".", "-").lower()] = ModelSitemap(model)
    # Letters are public only when the writer agreed and the reply is out: openinfo's selector knows.
    letters = optional.model("openinfo.Letter")
    if letters is not None and optional.call("openinfo.selectors.letters_public", default=None) is not None:
        result["openinfo-letter"] = ModelSitemap(
            letters, queryset=lambda: optional.call("openinfo.selectors.letters_public")
        )
    return result
