"""Text clean-up for imported documents: junk whitespace out, plain text into <p> paragraphs.

Sources are PDF extractions, Word files and scraped pages; they carry zero-width characters,
full-width spaces, hard line wraps and empty paragraphs that would otherwise reach the page,
the search index and the content hash (so the same text would not be recognised as a duplicate).
"""
from __future__ import annotations

import html
import re
import unicodedata

from portal.text import sanitize_html

# Zero-width characters, BOMs and C0/C1 controls (tab and newline are handled separately).
_INVISIBLE = re.compile("[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_INLINE_SPACE = re.compile("[ \t\u3000\xa0\u2002-\u200a]+")
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?\s*>")
_EMPTY_PARAGRAPH = re.compile(r"<p>(\s|&nbsp;|<br\s*/?>)*</p>", re.IGNORECASE)
_CJK = "\u3400-\u9fff\uf900-\ufaff"
# A space between two CJK characters is a layout artefact (PDF justification), never meaning.
_CJK_GAP = re.compile(rf"(?<=[{_CJK}，。、；：？！“”（）《》])\s+(?=[{_CJK}，。、；：？！“”（）《》])")


def strip_invisible(text: str) -> str:
    return _INVISIBLE.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n"))


def clean_line(text: str) -> str:
    """One line: invisible characters gone, runs of spaces folded, CJK gaps closed."""
    text = _INLINE_SPACE.sub(" ", strip_invisible(text)).strip()
    return _CJK_GAP.sub("", text)


def clean_title(text: str) -> str:
    return clean_line(" ".join((text or "").splitlines()))


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text or ""))


def paragraphs_from_text(text: str) -> list[str]:
    """Plain text to paragraphs.

    With blank lines in the text, blank lines separate paragraphs and single line breaks are the
    hard wraps of a PDF extraction (joined without a space, as Chinese needs none); without any
    blank line, every line is a paragraph.
    """
    text = strip_invisible(text)
    lines = [clean_line(line) for line in text.split("\n")]
    if any(not line for line in lines[1:-1]) and sum(1 for line in lines if line) > 1:
        blocks, current = [], []
        for line in lines:
            if line:
                current.append(line)
            elif current:
                blocks.append(_join_wrapped(current))
                current = []
        if current:
            blocks.append(_join_wrapped(current))
        return [b for b in blocks if b]
    return [line for line in lines if line]


def _join_wrapped(lines: list[str]) -> str:
    joined = lines[0]
    for line in lines[1:]:
        # Latin words broken across lines keep a space; Chinese joins directly.
        gap = " " if joined[-1:].isascii() and joined[-1:].isalnum() and line[:1].isascii() else ""
        joined += gap + line
    return joined


def paragraphs_to_html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs if p)


def clean_body(body: str) -> str:
    """Body as given (plain text or HTML) to sanitised HTML without empty paragraphs."""
    body = strip_invisible(body)
    if looks_like_html(body):
        cleaned = sanitize_html(unicodedata.normalize("NFC", body))
        cleaned = cleaned.replace("\xa0", " ").replace("\u3000", " ")
        cleaned = _EMPTY_PARAGRAPH.sub("", cleaned)
        return cleaned.strip()
    return paragraphs_to_html(paragraphs_from_text(body))
