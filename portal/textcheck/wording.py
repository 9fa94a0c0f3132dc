"""错敏字: banned and sensitive words (block publication) and common misspellings (warn, with the fix).

The words live in portal.WordingRule (admin-editable, seeded by a migration); doubled characters
("本文件已已修订") are a rule in code, because the exceptions are grammar, not a list officials keep.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from portal.text import plain_text

# Characters a Chinese sentence never doubles; a doubled one is a typing slip.
DOUBLED = "已的了是在与被于为并而之其或但且"
# Where the same character legitimately stands twice (the double spans two words or is a reduplication).
LEGIT_DOUBLES = (
    "的的确确", "目的的", "不了了之", "了了分明", "为了了解", "除了了解", "为了了却", "是是非非", "求是是",
    "实实在在", "现在在", "自在在", "参与与", "被被告", "被被申请人", "被被执行人", "被被上诉人", "行为为",
    "作为为", "而而今", "总而而",
)
_DOUBLE = re.compile("([" + DOUBLED + "])\\1")
_CONTEXT = 12


@dataclass(frozen=True)
class WordFinding:
    term: str  # as found in the text
    blocking: bool
    suggestion: str
    context: str
    kind_label: str


@dataclass(frozen=True)
class Rule:
    term: str
    blocking: bool
    suggestion: str
    pattern: re.Pattern
    kind_label: str


def load_rules() -> list[Rule]:
    """The enabled rules, compiled; one query (callers checking many rows load once)."""
    from portal.models import WordingRule

    rules = []
    for row in WordingRule.objects.filter(enabled=True):
        pattern = re.compile(row.term if row.is_pattern else re.escape(row.term))
        rules.append(Rule(row.term, row.is_blocking, row.suggestion, pattern, row.get_kind_display()))
    return rules


def _context(text: str, start: int, end: int) -> str:
    return ("…" if start > _CONTEXT else "") + text[max(0, start - _CONTEXT):end + _CONTEXT].replace("\n", " ") + (
        "…" if end + _CONTEXT < len(text) else "")


def _legit_double(text: str, start: int) -> bool:
    # True when some legitimate word covers both characters at start, start + 1.
    return any(text.find(word, max(0, start + 2 - len(word)), start + len(word)) != -1 for word in LEGIT_DOUBLES)


def check_wording(text: str, rules: list[Rule] | None = None) -> list[WordFinding]:
    """Findings in `text` (plain or rich text), blocking ones first, each term once."""
    plain = plain_text(text)
    rules = load_rules() if rules is None else rules
    found: dict[str, WordFinding] = {}
    for rule in rules:
        for m in rule.pattern.finditer(plain):
            if m.group() and m.group() not in found:
                found[m.group()] = WordFinding(m.group(), rule.blocking, rule.suggestion,
                                               _context(plain, m.start(), m.end()), rule.kind_label)
    for m in _DOUBLE.finditer(plain):
        if m.group() not in found and not _legit_double(plain, m.start()):
            found[m.group()] = WordFinding(m.group(), False, m.group(1), _context(plain, m.start(), m.end()),
                                           "重复字（提醒）")
    return sorted(found.values(), key=lambda f: not f.blocking)


def blocking_terms(text: str, rules: list[Rule] | None = None) -> list[str]:
    """The banned or sensitive words in `text`, in list order (e.g. to keep a query out of 热门搜索)."""
    return [f.term for f in check_wording(text, rules) if f.blocking]
