"""Per-address rate limits, answered one way everywhere: 429, a Retry-After header and a Chinese
page (or JSON under /api/).

Each action has its own bucket (`action` names it: "openinfo-track", "openinfo-letter-track",
"api", …), counted in the cache by portal.counters in fixed windows, under a hash of the address
(no address is stored). A view either

- keeps its own page, e.g. a form re-shown with the visitor's input and a message: it calls
  `hit()` (or antispam.refuse_if_over for a form) and renders as usual; RateLimitMiddleware turns
  the answer into a 429 with Retry-After, whatever status the view chose; or
- has no page of its own (the API): it raises `RateLimited`, and the middleware answers with
  templates/429.html or JSON.
"""
from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render

from portal.counters import count_hit
from portal.security.request_ip import client_ip

MESSAGE = "您的操作太频繁了，为防止滥用已暂时限制，请稍后再试。"
_MARK = "_rate_limit_retry_after"


class RateLimited(Exception):
    def __init__(self, retry_after: int, message: str = MESSAGE):
        super().__init__(message)
        self.retry_after, self.message = max(1, int(retry_after)), message


def hit(request, action: str, *, limit: int, window: int) -> int | None:
    """Count one hit of this address for `action`. Past `limit` hits in the current window: the
    seconds until the next window (and the request is marked to be answered 429); else None."""
    now = time.time()
    address = client_ip(request) or "unknown"
    prefix = getattr(settings, "ANTISPAM_CACHE_PREFIX", "antispam")
    digest = hashlib.sha256(f"{settings.SECRET_KEY}\x1f{action}\x1f{address}".encode()).hexdigest()[:32]
    key = f"{prefix}:rate:{action}:{digest}:{int(now // window)}"
    if count_hit(key, window + 1) <= limit:
        return None
    retry_after = max(1, window - int(now % window))
    refused(request, retry_after)
    return retry_after


def refused(request, retry_after: int) -> None:
    """Mark this request as refused by a limit: its answer becomes a 429 with Retry-After."""
    setattr(request, _MARK, max(getattr(request, _MARK, 0), max(1, int(retry_after))))


def wants_json(request) -> bool:
    accept = request.headers.get("Accept", "")
    return request.path.startswith("/api/") or ("application/json" in accept and "text/html" not in accept)


def too_many_requests(request, retry_after: int, message: str = MESSAGE):
    if wants_json(request):
        response = JsonResponse({"error": message, "retry_after": retry_after}, status=429,
                                json_dumps_params={"ensure_ascii": False})
        response["Access-Control-Allow-Origin"] = "*"
    else:
        minutes = max(1, -(-retry_after // 60))
        response = render(request, "429.html", {"message": message, "retry_after": retry_after,
                                                "minutes": minutes}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        retry_after = getattr(request, _MARK, None)
        if retry_after and response.status_code < 500 and not 300 <= response.status_code < 400:
            response.status_code = 429
            response.reason_phrase = "Too Many Requests"
            response["Retry-After"] = str(retry_after)
            response["Cache-Control"] = "no-store"
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, RateLimited):
            return too_many_requests(request, exception.retry_after, exception.message)
        return None
