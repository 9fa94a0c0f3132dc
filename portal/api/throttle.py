"""Per-IP rate limit for the API, counted in the cache (a fixed window; no database, no IP stored:
the cache key holds a hash of the address and expires with the window).
"""
from __future__ import annotations

import functools
import hashlib
import time

from django.conf import settings
from django.http import JsonResponse

from portal.counters import count_hit
from portal.security.request_ip import client_ip

DEFAULT_RATE = 120  # requests per window per address
DEFAULT_WINDOW = 60  # seconds


def client_address(request) -> str:
    """The visitor's address; behind our reverse proxy the proxy's headers are believed (only from it)."""
    return client_ip(request) or "unknown"


def _hit(address: str, rate: int, window: int) -> tuple[bool, int]:
    """Count one request; (allowed, seconds until the window resets)."""
    now = int(time.time())
    slot = now // window
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:24]
    key = f"api-rate:{digest}:{slot}"
    return count_hit(key, window + 1) <= rate, window - (now % window)


def rate_limited(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        rate = getattr(settings, "API_RATE_LIMIT", DEFAULT_RATE)
        window = getattr(settings, "API_RATE_WINDOW", DEFAULT_WINDOW)
        allowed, retry_after = _hit(client_address(request), rate, window)
        if not allowed:
            response = JsonResponse(
                {"error": f"请求过于频繁：每个地址每 {window} 秒最多 {rate} 次，请 {retry_after} 秒后再试。"},
                status=429, json_dumps_params={"ensure_ascii": False},
            )
            response["Retry-After"] = str(retry_after)
            return response
        return view(request, *args, **kwargs)
    return wrapper
