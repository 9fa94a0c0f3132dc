"""Per-address rate limit of the API: one bucket ("api") of portal.ratelimit, answered there as a
JSON 429 with Retry-After."""
from __future__ import annotations

import functools

from django.conf import settings

from portal import ratelimit

DEFAULT_RATE = 120  # requests per window per address
DEFAULT_WINDOW = 60  # seconds


def rate_limited(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        rate = getattr(settings, "API_RATE_LIMIT", DEFAULT_RATE)
        window = getattr(settings, "API_RATE_WINDOW", DEFAULT_WINDOW)
        retry_after = ratelimit.hit(request, "api", limit=rate, window=window)
        if retry_after is not None:
            raise ratelimit.RateLimited(
                retry_after, f"请求过于频繁：每个地址每 {window} 秒最多 {rate} 次，请 {retry_after} 秒后再试。")
        return view(request, *args, **kwargs)
    return wrapper
