"""Synonym lookup for the query pipeline, cached per process.

Read from the Synonym table at most once a minute (and at once after a change made in this
process), so an edit in admin reaches every web process within a minute without a query per search.
"""
from __future__ import annotations

import hashlib
import threading
import time

from django.db import DatabaseError

from portal.search.normalize import fold

TTL_SECONDS = 60

_lock = threading.Lock()
_state = {"loaded": 0.0, "map": {}, "fingerprint": ""}


def _load() -> dict[str, list[str]]:
    from portal.models import Department
    from portal.search.agencies import alias_groups
    from portal.search.models import Synonym, split_terms

    mapping: dict[str, dict[str, None]] = {}
    groups = [split_terms(terms) for terms in Synonym.objects.filter(is_active=True).values_list("terms", flat=True)]
    # What citizens call each agency (省发改委 …): computed from the departments, not typed in by editors.
    groups += alias_groups(Department.objects.values_list("name", "short_name"))
    for terms in groups:
        words = [fold(w) for w in terms]
        for word in words:
            bucket = mapping.setdefault(word, {})
            for other in words:
                if other != word:
                    bucket[other] = None
    return {word: list(others) for word, others in mapping.items()}


def synonym_map() -> dict[str, list[str]]:
    now = time.monotonic()
    if now - _state["loaded"] > TTL_SECONDS:
        with _lock:
            if now - _state["loaded"] > TTL_SECONDS:
                try:
                    _state["map"] = _load()
                    _state["fingerprint"] = hashlib.sha256(repr(sorted(_state["map"].items())).encode()).hexdigest()[:16]
                except DatabaseError:
                    pass  # keep what we had; the table may be migrating
                _state["loaded"] = now
    return _state["map"]


def fingerprint() -> str:
    """Names the synonyms this process expands queries with: part of the key of a cached search
    answer, so a process never serves an answer made with synonyms other than its own."""
    synonym_map()
    return _state["fingerprint"]


def synonyms_of(word: str) -> list[str]:
    return synonym_map().get(word, [])


def invalidate(**kwargs) -> None:
    _state["loaded"] = 0.0
