"""发文字号: parse the many ways people write one into a single normalised key.

湘政发〔2023〕1号, 湘政发[2023]1号, 湘政发(2023)1号, 湘政发2023年1号, 湘政发〔2023〕第1号 and
湘政发〔2023〕1 all normalise to "湘政发|2023|1", which is stored on the document and matched exactly.
"""
from __future__ import annotations

import re

from portal.text import fold_width

_OPEN = "〔[(（【［〈<{｛"
_CLOSE = "〕])）】］〉>}｝"
_PATTERN = re.compile(
    rf"(?P<prefix>[\u4e00-\u9fffA-Za-z]{{1,20}}?)\s*[{re.escape(_OPEN)}]?\s*(?P<year>(?:19|20)\d{{2}})\s*"
    rf"[{re.escape(_CLOSE)}]?\s*年?\s*第?\s*(?P<seq>\d{{1,5}})\s*号?"
)


def normalize_doc_number(text: str) -> str:
    """The normalised key of the first 发文字号 in text, or '' if there is none."""
    match = _PATTERN.search(fold_width(text or "").replace(" ", ""))
    if not match:
        return ""
    return f"{match['prefix']}|{match['year']}|{int(match['seq'])}"


def looks_like_doc_number(text: str) -> bool:
    """True when the whole query is a 发文字号 (so search should rank the exact match first)."""
    folded = fold_width(text or "").strip().replace(" ", "")
    match = _PATTERN.fullmatch(folded)
    return bool(match)


def format_doc_number(prefix: str, year: int, seq: int) -> str:
    return f"{prefix}〔{year}〕{seq}号"
