"""政府网站网页标签 (国办《政府网站发展指引》附件): the column table and the article adapter.

Every public page carries SiteName/SiteDomain/SiteIDCode and the tags of the column it sits in;
article-like pages (政策、解读、指南、公告、动态、问答、活动、报告、意见征集 …) add ArticleTitle,
PubDate, ContentSource, Keywords, Description, Url and, where known, Author and Image.
Inspection crawlers and the national search read them, so they come from one place: a page's
column is looked up here by its route, and a detail view hands its object to `for_article()`.
templates/portal/_page_tags.html draws them from base.html.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from portal.models import SiteSettings
from portal.search.segment import extract_keywords
from portal.text import plain_text


@dataclass(frozen=True)
class PageColumn:
    name: str
    description: str
    keywords: str
    type: str  # 栏目类型 of the 指引: 政务动态, 信息公开, 政策文件, 解读回应, 办事服务, 互动交流 …


def _column(name: str, description: str, keywords: str, kind: str) -> PageColumn:
    return PageColumn(name, description, keywords, kind)


# The portal's columns; ColumnName is always one of these, never the site's name.
COLUMNS: dict[str, PageColumn] = {
    "home": _column("首页", "政务公开门户首页：要闻、通知公告、政策文件、办事服务和互动交流入口。", "首页,政务公开,政策文件,办事服务", "网站首页"),
    "search": _column("站内搜索", "检索本站政策文件、政策解读、办事指南和政策问答。", "搜索,政策查询,政策问答", "网站导航"),
    "site_map": _column("网站地图", "本站全部栏目导航。", "网站地图,栏目导航", "网站导航"),
    "feeds": _column("信息订阅", "通过 RSS 订阅通知公告、政策文件等栏目更新。", "RSS,信息订阅", "网站导航"),
    "api": _column("数据开放", "政策文件、办事指南等公开数据的开放接口说明。", "数据开放,开放接口", "数据开放"),
    "news": _column("政务动态", "政府工作动态和要闻。", "政务动态,工作动态,要闻", "政务动态"),
    "notices": _column("通知公告", "政府及部门发布的通知、公告和公示。", "通知公告,公示,公告", "信息公开"),
    "media": _column("媒体聚焦", "新闻媒体对政府工作的报道。", "媒体聚焦,媒体报道", "政务动态"),
    "special": _column("专题专栏", "围绕重点工作设立的专题专栏。", "专题专栏,专题", "专题专栏"),
    "openness": _column("五公开", "决策、执行、管理、服务、结果公开。", "五公开,决策公开,执行公开,管理公开,服务公开,结果公开", "信息公开"),
    "policies": _column("政策文件", "政府及部门发布的规章、行政规范性文件和其他政策文件。", "政策文件,规章,行政规范性文件", "政策文件"),
    "interpretations": _column("政策解读", "对重要政策文件的文字、图表、视频解读和新闻发布会。", "政策解读,图解,新闻发布会", "解读回应"),
    "qa": _column("政策问答", "群众关心的政策问题及依据原文的解答。", "政策问答,常见问题", "解读回应"),
    "guides": _column("办事指南", "办理事项的条件、材料、流程、时限和咨询方式。", "办事指南,办事服务,办理流程", "办事服务"),
    "topics": _column("政策专题", "按主题汇集的政策文件、解读和问答。", "政策专题,主题", "专题专栏"),
    "themedays": _column("政务公开主题日", "政务公开主题日活动预告、报名、活动报道和问卷。", "政务公开主题日,政府开放日,活动报名", "互动交流"),
    "elderzone": _column("长者专区", "为老年人提供的涉老政策、便民服务、生活资讯和通知。", "长者专区,适老化,涉老政策,养老服务", "办事服务"),
    "openinfo": _column("政府信息公开", "政府信息公开指南、制度、年度报告和机构职能。", "政府信息公开,公开指南,年度报告", "信息公开"),
    "apply": _column("依申请公开", "在线提交政府信息公开申请并查询办理进度。", "依申请公开,政府信息公开申请", "信息公开"),
    "annual_report": _column("年度报告", "政府信息公开工作年度报告。", "年度报告,政府信息公开", "信息公开"),
    "letters": _column("政务信箱", "群众来信及公开答复。", "政务信箱,来信,答复", "互动交流"),
    "consultations": _column("意见征集", "政策文件草案公开征求意见及采纳情况反馈。", "意见征集,征求意见,意见反馈", "互动交流"),
    "powers": _column("权责清单", "行政权力事项及其依据、责任事项和追责情形。", "权责清单,行政权力", "信息公开"),
    "departments": _column("机构职能", "政府组成部门的职能、地址和联系方式。", "机构职能,政府机构", "机构职能"),
    "open_guides": _column("公开指南", "政府信息公开指南和制度。", "政府信息公开指南,公开制度", "信息公开"),
    "kiosk": _column("自助终端", "政务服务大厅自助查询终端。", "自助终端,政策查询", "办事服务"),
    "notice_page": _column("提示信息", "本站提示页面。", "提示信息", "网站导航"),
}

# Route (namespace:name, with "|" and the first URL argument where the column depends on it) or
# namespace → column key. The most specific entry wins; a route of a namespace not listed here
# falls back to notice_page.
ROUTE_COLUMNS: dict[str, str] = {
    "portal:home": "home",
    "portal:search": "search",
    "portal:site_map": "site_map",
    "portal:feeds": "feeds",
    "portal:api_docs": "api",
    "portal:article_list|news": "news",
    "portal:article_list|notices": "notices",
    "portal:article_list|media-coverage": "media",
    "portal:column_list": "special",
    "portal:column_detail": "special",
    "portal:openness": "openness",
    "portal:openness_items": "openness",
    "policies": "policies",
    "policies:interpretation_list": "interpretations",
    "policies:interpretation_detail": "interpretations",
    "policies:qa_list": "qa",
    "policies:qa_detail": "qa",
    "policies:guide_list": "guides",
    "policies:guide_detail": "guides",
    "policies:topic_list": "topics",
    "policies:topic_detail": "topics",
    "themedays": "themedays",
    "elderzone": "elderzone",
    "openinfo": "openinfo",
    "openinfo:apply": "apply",
    "openinfo:apply_done": "apply",
    "openinfo:track": "apply",
    "openinfo:track_result": "apply",
    "openinfo:annual_report_index": "annual_report",
    "openinfo:annual_report": "annual_report",
    "openinfo:letter_list": "letters",
    "openinfo:letter_write": "letters",
    "openinfo:letter_done": "letters",
    "openinfo:letter_track": "letters",
    "openinfo:letter_track_result": "letters",
    "openinfo:letter_statistics": "letters",
    "openinfo:letter_detail": "letters",
    "openinfo:consultation_list": "consultations",
    "openinfo:consultation_detail": "consultations",
    "openinfo:power_list": "powers",
    "openinfo:power_detail": "powers",
    "openinfo:department_list": "departments",
    "openinfo:department_detail": "departments",
    "openinfo:guide_list": "open_guides",
    "openinfo:guide_detail": "open_guides",
}
# The kiosk lives in the portal namespace; its routes all start with this.
KIOSK_ROUTE_PREFIX = "portal:kiosk"

# An article's own column where one route serves several (/articles/<pk>/ is news, notice or media).
ARTICLE_CATEGORY_COLUMNS = {"news": "news", "notice": "notices", "media": "media"}


def _route_column(match) -> PageColumn | None:
    view_name = match.view_name
    if view_name.startswith(KIOSK_ROUTE_PREFIX):
        return COLUMNS["kiosk"]
    candidates = []
    if match.kwargs:
        candidates.append(f"{view_name}|{next(iter(match.kwargs.values()))}")
    candidates += [view_name, match.namespace]
    return next((COLUMNS[ROUTE_COLUMNS[key]] for key in candidates if key in ROUTE_COLUMNS), None)


def column_for(match) -> PageColumn:
    """The column of the page a URL resolved to (`request.resolver_match`; None on a 404)."""
    return (_route_column(match) if match is not None else None) or COLUMNS["notice_page"]


@dataclass(frozen=True)
class ArticleTags:
    title: str
    pubdate: dt.datetime | None
    source: str
    keywords: str
    description: str
    url: str
    author: str = ""
    image: str = ""


@dataclass(frozen=True)
class PageTags:
    column: PageColumn
    article: ArticleTags | None = None

    @property
    def meta(self) -> list[tuple[str, str]]:
        """(name, content) of the page's tags in the 指引's order; optional ones only when known."""
        column = self.column
        found = [("ColumnName", column.name), ("ColumnDescription", column.description),
                 ("ColumnKeywords", column.keywords), ("ColumnType", column.type)]
        article = self.article
        if article is not None:
            pubdate = timezone.localtime(article.pubdate).strftime("%Y-%m-%d %H:%M") if article.pubdate else ""
            found += [("ArticleTitle", article.title), ("PubDate", pubdate), ("ContentSource", article.source),
                      ("Keywords", article.keywords), ("Description", article.description), ("Url", article.url),
                      ("Author", article.author), ("Image", article.image)]
        return [(name, value) for name, value in found if value]


# Field names in the order they describe a row best; no field that can hold a person's details
# (a letter's text, a registration, contact fields) is ever read.
_TITLE_FIELDS = ("title", "display_subject", "question", "name")
_DESCRIPTION_FIELDS = ("summary", "intro", "description", "answer", "explanation", "body", "conditions",
                       "responsibilities", "services")
_IMAGE_FIELDS = ("cover",)  # a file field, or a related photo row (a 活动报道's first photo)
DESCRIPTION_CHARS = 120


def _text(obj, names, *, html: bool) -> str:
    """The first non-empty of the fields; rich-text fields (html=True) as their plain text."""
    for name in names:
        value = getattr(obj, name, None)
        if isinstance(value, str) and value.strip():
            return (plain_text(value) if html else value).strip()
    return ""


def _image(obj):
    cover = next((getattr(obj, name) for name in _IMAGE_FIELDS if getattr(obj, name, None)), None)
    cover = getattr(cover, "image", cover)
    return cover if getattr(cover, "name", None) else None


def _source(obj) -> str:
    """The issuing body: 发文机关, the stated source (e.g. 湖南日报), else the publishing department."""
    for name in ("issuer", "reply_department"):
        body = getattr(obj, name, None)
        if body is not None:
            return body.name
    if isinstance(getattr(obj, "source", None), str) and obj.source.strip():
        return obj.source.strip()
    department = getattr(obj, "department", None)
    return department.name if department is not None else ""


def _origin(request, site) -> str:
    """scheme://host of the canonical address: the site's registered domain when it has one."""
    host = site.domain or request.get_host()
    return f"{request.scheme}://{host}"


def for_section(request, *, name: str, description: str = "") -> PageTags:
    """A page that is itself a column (a 专栏): its own name, keywords and description."""
    base = column_for(request.resolver_match)
    return PageTags(PageColumn(name, description or base.description, f"{name},{base.keywords}", base.type))


def for_article(request, obj) -> PageTags:
    """The tags of a detail page showing `obj` (any public content row of any app)."""
    site = SiteSettings.current()
    match = request.resolver_match
    column = _route_column(match) if match is not None else None
    if column is None:  # one route for several columns: the row's own category decides
        category = ARTICLE_CATEGORY_COLUMNS.get(getattr(obj, "category", None), "notice_page")
        column = COLUMNS[category]
    title = _text(obj, _TITLE_FIELDS, html=False)
    description = " ".join(_text(obj, _DESCRIPTION_FIELDS, html=True).split()) or title
    if len(description) > DESCRIPTION_CHARS:
        description = description[: DESCRIPTION_CHARS - 1] + "…"
    keywords = ((getattr(obj, "keywords", "") or "").strip()
                or ",".join(extract_keywords(f"{title}\n{description}", top=5)))
    pubdate = getattr(obj, "published_at", None) or getattr(obj, "replied_at", None) or getattr(obj, "updated_at", None)
    origin = _origin(request, site)
    image = _image(obj)
    return PageTags(column, ArticleTags(
        title=title, pubdate=pubdate, source=_source(obj), keywords=keywords or column.keywords,
        description=description, url=origin + request.path,
        author=(getattr(obj, "byline", "") or "").strip(),
        image=origin + image.url if image else "",
    ))


def for_request(request) -> PageTags:
    return PageTags(column_for(getattr(request, "resolver_match", None)))
