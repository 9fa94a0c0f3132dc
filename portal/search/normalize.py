"""Turn whatever someone typed into the query the rest of the pipeline works on.

Full-width → half-width, Traditional → Simplified, lower case, control characters and emoji out,
quoted phrases pulled out, a hard length limit (a 10,000-character paste is cut, not refused).
"""
from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field

MAX_QUERY_CHARS = 100

_opencc = None
_opencc_lock = threading.Lock()

# “…”, "…", 「…」, 『…』 and ‘…’ all mean "these words together, in this order".
_PHRASE = re.compile(r'"([^"]{1,60})"|“([^”]{1,60})”|「([^」]{1,60})」|『([^』]{1,60})』|‘([^’]{1,60})’')
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Anything that is not a letter, digit or CJK character separates words. The 发文字号 brackets are
# dealt with before this (policies.docnumber reads the raw query).
_NON_WORD = re.compile(r"[^0-9a-z\u3400-\u9fff\uf900-\ufaff]+")


def to_simplified(text: str) -> str:
    global _opencc
    if not _CJK.search(text):
        return text
    if _opencc is None:
        with _opencc_lock:
            if _opencc is None:
                from opencc import OpenCC

                _opencc = OpenCC("t2s")
    return _opencc.convert(text)


def _drop_unprintable(text: str) -> str:
    """Control characters (NUL …), emoji and other symbols become spaces."""
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat[0] in "C" or cat in ("So", "Sk", "Cs") or "\U0001f000" <= ch:
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def fold(text: str) -> str:
    """Width-fold (ＡＢＣ１２３ → abc123), lower-case and simplify, keeping punctuation."""
    text = unicodedata.normalize("NFKC", text or "")
    return to_simplified(text).lower()


@dataclass
class CleanQuery:
    raw: str
    text: str            # folded, punctuation kept (for 发文字号 and display)
    words_text: str      # folded, punctuation → spaces, phrases removed
    phrases: list[str] = field(default_factory=list)

    @property
    def display(self) -> str:
        return self.text


def clean(raw: str) -> CleanQuery:
    raw = (raw or "")[: MAX_QUERY_CHARS * 20]  # bound the work before anything else
    text = fold(_drop_unprintable(raw))
    text = " ".join(text.split())[:MAX_QUERY_CHARS].strip()
    phrases = []
    for match in _PHRASE.finditer(text):
        phrase = next(g for g in match.groups() if g is not None)
        phrase = " ".join(_NON_WORD.sub(" ", phrase).split())
        if phrase:
            phrases.append(phrase)
    rest = _PHRASE.sub(" ", text)
    words_text = " ".join(_NON_WORD.sub(" ", rest).split())
    return CleanQuery(raw=raw, text=text, words_text=words_text, phrases=phrases)


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text or ""))


def is_cjk_word(word: str) -> bool:
    return bool(word) and all("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in word)
