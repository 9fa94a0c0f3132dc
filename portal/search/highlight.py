"""Highlighted snippets for Chinese: <mark> around the matched words, everything else escaped.

Whoosh's highlighter re-analyses the text with an English analyzer and finds nothing in Chinese
(pitfall 3), so snippets are cut here from the document text and the words the query matched
(the literal words, their synonyms, the corrected or pinyin words).
"""
from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET_CHARS = 120
LEAD_CHARS = 30


def _pattern(words) -> re.Pattern | None:
    words = sorted({w for w in words if w and len(w.strip()) > 0 and not w.startswith("dn:")}, key=len, reverse=True)
    words = [w for w in words if len(w) > 1 or "\u4e00" <= w <= "\u9fff"]
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words[:40]), re.IGNORECASE)


def mark(text: str, words) -> SafeString:
    """All of `text`, escaped, with every occurrence of the words wrapped in <mark>."""
    text = text or ""
    pattern = _pattern(words)
    if pattern is None:
        return mark_safe(escape(text))
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last:match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def snippet(text: str, words, length: int = SNIPPET_CHARS) -> SafeString:
    """About `length` characters around the first place the words occur, highlighted."""
    text = " ".join((text or "").split())
    pattern = _pattern(words)
    start = 0
    if pattern is not None:
        # The place where the most distinct words meet within one window is the most telling.
        best, best_score = None, 0
        matches = list(pattern.finditer(text))[:200]
        for i, match in enumerate(matches):
            seen = {m.group(0).lower() for m in matches[i:] if m.start() < match.start() + length - LEAD_CHARS}
            if len(seen) > best_score:
                best, best_score = match, len(seen)
        if best is not None:
            start = max(0, best.start() - LEAD_CHARS)
    end = min(len(text), start + length)
    if end - start < length:
        start = max(0, end - length)
    piece = text[start:end]
    html = mark(piece, words)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(f"{prefix}{html}{suffix}")
