"""Counts page views in the cache (portal.analytics.counter): no database write per request.

Only successful HTML pages that people read are counted; nothing about the visitor is stored
(no IP, no cookie, no user agent, no query string: query strings may carry tracking numbers).
"""
from __future__ import annotations

import logging
import re

from django.conf import settings
from django.utils import timezone

from portal.analytics import counter
from portal.analytics.sections import section_for

logger = logging.getLogger(__name__)

DEFAULT_EXCLUDED = ("/admin/", "/static/", "/media/", "/api/", "/feeds/", "/openinfo/track/", "/__")
BOT_MARKERS = ("bot", "spider", "crawl", "slurp", "curl", "wget", "python-requests", "headless")
_TITLE = re.compile(rb"<title>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def _title_of(response) -> str:
    match = _TITLE.search(response.content[:4096])
    if not match:
        return ""
    title = match.group(1).decode("utf-8", "replace").strip()
    # "页面标题 - 网站名" → "页面标题"
    return title.rsplit(" - ", 1)[0].strip()


class PageViewMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded = tuple(getattr(settings, "ANALYTICS_EXCLUDED_PREFIXES", DEFAULT_EXCLUDED))

    def __call__(self, request):
        response = self.get_response(request)
        try:
            if self._counts(request, response):
                counter.record(
                    day=timezone.localdate(),
                    section=section_for(getattr(request, "resolver_match", None)),
                    path=request.path,
                    title_fn=lambda: _title_of(response),
                )
        except Exception:  # counting must never break a page (e.g. Redis briefly away)
            logger.warning("page view not counted", exc_info=True)
        return response

    def _counts(self, request, response) -> bool:
        if request.method != "GET" or response.status_code != 200 or response.streaming:
            return False
        if not response.get("Content-Type", "").startswith("text/html"):
            return False
        if request.path.startswith(self.excluded):
            return False
        agent = request.META.get("HTTP_USER_AGENT", "").lower()
        return not any(marker in agent for marker in BOT_MARKERS)
