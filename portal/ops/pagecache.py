"""A short-lived cache of whole public pages for visitors without a session (PAGE_CACHE_SECONDS).

Why: on a 2-core server a list or search page costs 25–130 ms of CPU, so 64 visitors at once
wait seconds; the same page served from Redis costs ~2 ms. Pages change rarely: a publication
shows up within PAGE_CACHE_SECONDS (off = 0).

Stricter than Django's cache middleware, because a page may differ per visitor without saying
so (e.g. a message read from the "messages" cookie):
- only GET/HEAD, only requests that carry no cookie except csrftoken (officials, visitors with a
  session or a pending message always get a fresh page);
- only 200 answers without Set-Cookie, without "Vary: Cookie" (pages with a CSRF token or that
  read the session) and without private/no-cache/no-store/max-age=0 (never_cache views: forms,
  tracking results, admin).
No stampede: when a page goes stale, one request re-renders it (a lock in the cache) while the
others keep getting the stale copy; a copy is never older than 2 × PAGE_CACHE_SECONDS.
Put it late in MIDDLEWARE (after the analytics counter, so cached views are still counted).
"""
from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import has_vary_header

ALLOWED_COOKIES = {"csrftoken"}
SKIP_PREFIXES = ("/admin/", "/static/", "/media/")
MAX_BYTES = 1024 * 1024


def _seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def _key(request) -> str:
    url = f"{request.get_host()}{request.get_full_path()}"
    return "pagecache:" + hashlib.sha256(url.encode()).hexdigest()


def _eligible_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(SKIP_PREFIXES)
        and set(request.COOKIES) <= ALLOWED_COOKIES
    )


def _cacheable(response) -> bool:
    control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not has_vary_header(response, "Cookie")
        and not any(word in control for word in ("private", "no-cache", "no-store", "max-age=0"))
        and len(response.content) <= MAX_BYTES
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = _seconds()
        if seconds <= 0 or not _eligible_request(request):
            return self.get_response(request)
        key = _key(request)
        now = time.time()
        try:
            entry = cache.get(key)
            if entry is not None:
                fresh_until, cached = entry
                # Fresh, or stale while another request is already re-rendering it.
                if now < fresh_until or not cache.add(f"{key}:render", 1, 30):
                    cached["X-Page-Cache"] = "hit" if now < fresh_until else "stale"
                    return cached
        except Exception:  # the cache (Redis) is down: serve the page, just slower
            pass
        response = self.get_response(request)
        try:
            if _cacheable(response):
                cache.set(key, (now + seconds, response), seconds * 2)
            cache.delete(f"{key}:render")
        except Exception:
            pass
        return response
