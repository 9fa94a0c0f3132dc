"""Which 栏目 (section) a page belongs to, from its URL route: what the dashboard groups visits by."""
from __future__ import annotations

# url namespace → section; portal's own routes by url-name prefix.
NAMESPACE_SECTIONS = {
    "policies": "政策文件",
    "themedays": "政务公开主题日",
    "elderzone": "长者专区",
    "openinfo": "政务公开",
}
PORTAL_SECTIONS = [
    ("home", "首页"),
    ("search", "搜索"),
    ("article_list", "新闻动态"),
    ("article_detail", "新闻动态"),
    ("column", "专题专栏"),
    ("openness", "五公开"),
    ("kiosk", "自助终端"),
    ("feeds", "订阅"),
    ("api_docs", "数据开放"),
]
OTHER = "其他"


def section_for(resolver_match) -> str:
    if resolver_match is None:
        return OTHER
    namespaces = resolver_match.namespaces or []
    for namespace in namespaces:
        if namespace in NAMESPACE_SECTIONS:
            return NAMESPACE_SECTIONS[namespace]
    if "portal" in namespaces:
        name = resolver_match.url_name or ""
        for prefix, label in PORTAL_SECTIONS:
            if name.startswith(prefix):
                return label
    return OTHER


def all_sections() -> list[str]:
    seen = []
    for label in ["首页", *NAMESPACE_SECTIONS.values(), *(label for _, label in PORTAL_SECTIONS), OTHER]:
        if label not in seen:
            seen.append(label)
    return seen
