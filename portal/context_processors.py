"""What every page's header, footer, navigation and gov meta tags need."""
from __future__ import annotations

import functools

from django.urls import get_urlconf

from portal import optional, page_tags
from portal.models import SiteSettings

# (label, route name or contract path, url args): the main navigation, every section of the site.
NAVIGATION = [
    ("首页", "portal:home", ()),
    ("政务动态", "portal:article_list", ("news",)),
    ("通知公告", "portal:article_list", ("notices",)),
    ("政策文件", "policies:list", ()),
    ("政策解读", "policies:interpretation_list", ()),
    ("政务公开", "openinfo:home", ()),
    ("五公开", "portal:openness", ()),
    ("主题日", "themedays:index", ()),
    ("政务信箱", "openinfo:letter_list", ()),
    ("长者专区", "elderzone:home", ()),
    ("数据开放", "portal:api_docs", ()),
]


@functools.lru_cache(maxsize=8)
def _links(urlconf) -> tuple[tuple[str, str], ...]:
    """(label, url) of the sections whose routes exist; routes are fixed once the process runs."""
    found = []
    for label, target, args in NAVIGATION:
        url = optional.routed(target) if target.startswith("/") else optional.url(target, *args)
        if url:
            found.append((label, url))
    return tuple(found)


def navigation(path: str) -> list[dict]:
    items = [{"label": label, "url": url} for label, url in _links(get_urlconf())]
    # The current section is the longest link that the page's path starts with ("/" only on home).
    best = max(
        (item for item in items if path == item["url"] or (item["url"] != "/" and path.startswith(item["url"]))),
        key=lambda item: len(item["url"]), default=None,
    )
    for item in items:
        item["current"] = item is best
    return items


def _host(request) -> str:
    try:
        return request.get_host()
    except Exception:  # DisallowedHost: the error page for it is rendered with this too
        return ""


def site(request):
    settings_row = SiteSettings.current()
    return {
        "SITE": settings_row,
        "SITE_NAME": settings_row.site_name,
        "SITE_DOMAIN": settings_row.domain or _host(request),
        "NAV_ITEMS": navigation(request.path),
        # The column tags of the page; a detail view passes its own `page_tags` (page_tags.for_article).
        "PAGE_TAGS": page_tags.for_request(request),
    }
