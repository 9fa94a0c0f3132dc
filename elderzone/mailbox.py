"""The zone's door to openinfo's 政务信箱. openinfo owns the letters; this module only adapts.

Imported lazily so that the zone still works (and says the mailbox is not open) in a build where
openinfo has no letters yet.
"""
from __future__ import annotations

from types import SimpleNamespace

from django.core.cache import cache

LOOKUP_LIMIT = 10          # wrong number/code pairs allowed per visitor ...
LOOKUP_WINDOW = 10 * 60    # ... in this many seconds, so the 查询码 cannot be guessed by trying


def letters_api() -> SimpleNamespace | None:
    try:
        from openinfo.selectors import letter_lookup
        from openinfo.services import letter_submit
    except ImportError:
        return None
    return SimpleNamespace(submit=letter_submit, lookup=letter_lookup)


def letter_kinds() -> list[tuple[str, str]]:
    try:
        from openinfo.models import Letter

        return list(Letter._meta.get_field("kind").choices)
    except (ImportError, LookupError, AttributeError):
        return []


def _key(ip: str) -> str:
    return f"elderzone:letter-lookup:{ip}"


def lookup_blocked(ip: str) -> bool:
    return (cache.get(_key(ip)) or 0) >= LOOKUP_LIMIT


def lookup_failed(ip: str) -> None:
    key = _key(ip)
    if not cache.add(key, 1, LOOKUP_WINDOW):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, LOOKUP_WINDOW)
