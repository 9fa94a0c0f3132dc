"""The zone's door to openinfo's 政务信箱. openinfo owns the letters; this module only adapts.

Imported lazily so that the zone still works (and says the mailbox is not open) in a build where
openinfo has no letters yet.
"""
from __future__ import annotations

from types import SimpleNamespace


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

