"""A hit counter in Django's cache whose window starts at the first hit: rate limits and login
throttling count with it."""
from __future__ import annotations

from django.core.cache import cache


def count_hit(key: str, window: int) -> int:
    """Count one hit under `key` and return the hits in the current window."""
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1
