"""Crawling the public site with Django's test client, and what the security tests look for in pages."""
from __future__ import annotations

import io
import re
import zipfile
from collections import deque
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/__")
HREF = re.compile(r"""(?:href|src)\s*=\s*["']([^"'<>]+)["']""", re.IGNORECASE)
LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>")


@dataclass
class Page:
    url: str
    status: int
    content_type: str
    headers: dict
    text: str
    referrer: str = ""


@dataclass
class Crawl:
    pages: dict[str, Page] = field(default_factory=dict)

    def html(self):
        return [p for p in self.pages.values() if p.content_type.startswith("text/html") and p.status == 200]


def body_text(response) -> str:
    """Text of any response, including the inside of .xlsx/.docx exports (zip + XML)."""
    raw = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    ctype = response.get("Content-Type", "")
    if raw[:2] == b"PK" and ("officedocument" in ctype or "zip" in ctype or "octet-stream" in ctype):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                parts = [archive.read(n).decode("utf-8", "ignore") for n in archive.namelist() if n.endswith(".xml")]
            return unescape(re.sub(r"<[^>]+>", " ", " ".join(parts)))
        except zipfile.BadZipFile:
            pass
    return raw.decode("utf-8", "ignore")


def same_site_links(base: str, html: str) -> list[str]:
    links = []
    for raw in HREF.findall(html) + LOC.findall(html):
        raw = unescape(raw.strip())
        if raw.startswith(("mailto:", "tel:", "javascript:", "data:", "#")):
            continue
        absolute, _ = urldefrag(urljoin("http://testserver" + base, raw))
        parts = urlsplit(absolute)
        if parts.netloc not in ("testserver", "") or parts.path.startswith(SKIP_PREFIXES):
            continue
        links.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links


def route_of(path: str) -> str:
    """The URL pattern a path belongs to ("policies/<int:pk>/"), or the path itself."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(path)
    except Resolver404:
        return path
    return match.route or match.view_name or path


def crawl(client, start: list[str], limit: int = 300, variants_per_path: int = 3, per_route: int = 4) -> Crawl:
    """Breadth-first from `start`, same site only. Pages of one URL pattern share a template, so at
    most `per_route` of each pattern and a few query-string variants per path are fetched (facet
    links and 2,000 detail pages would otherwise eat the bound before every section is reached)."""
    result = Crawl()
    queue = deque((url, "") for url in start)
    seen, per_path, routes = set(), {}, {}
    while queue and len(result.pages) < limit:
        url, referrer = queue.popleft()
        if url in seen:
            continue
        path = urlsplit(url).path
        if "?" in url:
            if per_path.get(path, 0) >= variants_per_path:
                continue
            per_path[path] = per_path.get(path, 0) + 1
        else:
            route = route_of(path)
            if routes.get(route, 0) >= per_route:
                continue
            routes[route] = routes.get(route, 0) + 1
        seen.add(url)
        response = client.get(url)
        text = body_text(response)
        ctype = response.get("Content-Type", "")
        result.pages[url] = Page(url, response.status_code, ctype, dict(response.items()), text, referrer)
        if response.status_code in (301, 302) and response.get("Location", "").startswith("/"):
            queue.append((response["Location"], url))
        if response.status_code == 200 and ("html" in ctype or "xml" in ctype):
            for link in same_site_links(path, text):
                if link not in seen:
                    queue.append((link, url))
    return result


# --- what a page must not contain ---------------------------------------------------------------
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.IGNORECASE | re.DOTALL)
STYLE_ATTR = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
EVENT_ATTR = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
STYLE_TAG = re.compile(r"<style\b", re.IGNORECASE)
JS_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)
DATA_TYPES = ("application/ld+json", "application/json")


def inline_code(html: str) -> list[str]:
    """Everything the CSP (script-src/style-src 'self', no 'unsafe-inline') would block."""
    problems = []
    for attrs, body in SCRIPT_TAG.findall(html):
        if "src=" in attrs.lower():
            if body.strip():
                problems.append("<script src> with inline body")
            continue
        if any(t in attrs.lower() for t in DATA_TYPES):
            continue
        problems.append("inline <script>: " + body.strip()[:60])
    # Inline SVG icons are markup, not style sheets; only real elements' style="" counts.
    for match in STYLE_ATTR.finditer(html):
        problems.append("style attribute: " + match.group(0)[:80])
    for match in EVENT_ATTR.finditer(html):
        problems.append("event-handler attribute: " + match.group(0)[:80])
    if STYLE_TAG.search(html):
        problems.append("<style> element")
    if JS_URL.search(html):
        problems.append("javascript: URL")
    return problems


def query_params(url: str) -> list[str]:
    return [name for name, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True)]


def public_routes() -> list[str]:
    """Every URL pattern without parameters, outside admin: pages a visitor can reach by typing them."""
    from django.urls import URLPattern, URLResolver, get_resolver

    routes = []

    def walk(patterns, prefix):
        for pattern in patterns:
            text = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, text)
            elif isinstance(pattern, URLPattern):
                if any(ch in text for ch in "<>^$()[]\\*+?"):
                    continue
                routes.append("/" + text)

    walk(get_resolver().url_patterns, "")
    return sorted({r for r in routes if not r.startswith(SKIP_PREFIXES)})
