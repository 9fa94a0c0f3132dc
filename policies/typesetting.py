"""Chinese line-breaking rules (禁则, GB/T 15834 and the W3C's clreq) for reportlab's CJK wrapping.

reportlab wraps CJK text character by character (textsplit.dumbSplit for one-font paragraphs,
paragraph.cjkFragSplit for mixed ones). Its list of characters that may not start a line lacks most
Chinese closing marks (，；：？！》”’…), it hangs at most one of them, and it has no rule for opening marks
at a line's end ("有效性：有 / 效", "》" opening a line). `install()` completes the list and wraps both
splitters: where a line would start with a closing mark, the previous line gives up its last character
(which moves down with the mark); where a line would end with an opening mark, the mark moves down.
"""
from __future__ import annotations

from reportlab.lib import textsplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph

# Closing punctuation, stops and separators: never at the start of a line.
CANNOT_START = "，。、；：？！）》〉」』】〕〗］｝”’…—·～%％‰℃!),.:;?]}" + "々〃"
# Opening marks: never at the end of a line, they stay with what they open.
CANNOT_END = "（《〈「『【〔〖［｛“‘([{"
MAX_ROUNDS = 40


def first_fault(lines: list[str]) -> tuple[int, str] | None:
    """(line index, "start" | "end") of the first broken rule, or None when the lines are right."""
    for k, line in enumerate(lines):
        if k and line and line[0] in CANNOT_START and lines[k - 1]:
            return k, "start"
        if k < len(lines) - 1 and line and line[-1] in CANNOT_END:
            return k, "end"
    return None


def _narrowed(widths: list[float], k: int, width: float) -> list[float]:
    widths = list(widths)
    while len(widths) <= k + 1:
        widths.append(widths[-1])
    widths[k] = width
    return widths


def _corrected(split, texts_and_widths):
    """Run `split(max_widths)` again with one line narrowed until no rule is broken (bounded)."""
    def run(max_widths):
        result = split(max_widths)
        for _ in range(MAX_ROUNDS):
            lines = texts_and_widths(result)  # [(text, used width, width of its last character)]
            fault = first_fault([text for text, _, _ in lines])
            if fault is None:
                break
            k, kind = fault
            k = k - 1 if kind == "start" else k  # the line that gives up its last character
            _, used, last = lines[k]
            current = max_widths[min(k, len(max_widths) - 1)]
            # Narrower than the line without its last character (a hung closing mark may make `used` wider
            # than the line's width): that character moves down; the next round sees what follows.
            narrower = min(current, used - last) - 0.01
            if narrower <= last:
                break  # a character or two per line: nothing better exists
            max_widths = _narrowed(max_widths, k, narrower)
            result = split(max_widths)
        return result
    return run


_dumb_split = textsplit.dumbSplit
_cjk_split = paragraph.cjkFragSplit


def _dumb(word, widths, maxWidths):
    def lines(result):
        out, start = [], 0
        for _, text in result:
            end = start + len(text)
            out.append((text, sum(widths[start:end]), widths[end - 1] if end > start else 0))
            start = end
        return out
    return _corrected(lambda mw: _dumb_split(word, widths, mw), lines)(
        list(maxWidths) if isinstance(maxWidths, (list, tuple)) else [maxWidths])


def _cjk(frags, maxWidths, calcBounds, encoding="utf8"):
    def lines(result):
        out = []
        for line in result.lines:
            text = "".join(getattr(word, "text", "") for word in line.words)
            last = line.words[-1] if line.words else None
            width = stringWidth(text[-1], last.fontName, last.fontSize) if text and last is not None else 0
            out.append((text, line.currentWidth, width))
        return out
    return _corrected(lambda mw: _cjk_split(frags, mw, calcBounds, encoding), lines)(list(maxWidths))


def install() -> None:
    """Idempotent: completes reportlab's no-start list and puts the checking splitters in place."""
    if textsplit.dumbSplit is _dumb:
        return
    merged = "".join(dict.fromkeys(textsplit.ALL_CANNOT_START + CANNOT_START))
    textsplit.ALL_CANNOT_START = paragraph.ALL_CANNOT_START = merged
    textsplit.dumbSplit = _dumb
    paragraph.cjkFragSplit = _cjk
