"""Chinese text analysis for Whoosh: jieba tokens, exact-offset phrases, 发文字号 tokens.

Why each piece exists (../shared/notes/search-pitfalls.md):
- Positions are character offsets and a phrase matches when every word of it sits at its own
  offset from the first (OffsetPhrase). Stock Phrase wants consecutive positions, which jieba's
  overlapping search-mode words never give, so "营商环境" in quotes found nothing.
- When Whoosh asks for the text untokenised (`*`, wildcards) it gets it back unchanged, so
  match-all parses to Every and SearchQuerySet().all() counts every document.
- A 发文字号 in the text (湘政发〔2023〕1号) is also indexed as one token "dn:湘政发|2023|1", the
  same key policies.docnumber makes of any variant of it, so a citation matches exactly.
- Indexing skips Whoosh's Token objects: the field turns jieba's output into postings directly.
"""
from __future__ import annotations

import re
import unicodedata

from whoosh import matching
from whoosh.analysis import Token, Tokenizer
from whoosh.fields import TEXT
from whoosh.formats import Positions
from whoosh.matching import IntersectionMatcher, UnionMatcher, WrappingMatcher
from whoosh.query import DisjunctionMax, Phrase, Term
from whoosh.query.spans import Span, SpanWrappingMatcher
from whoosh.query.wrappers import WrappingQuery
from whoosh.system import pack_uint
from whoosh.util import make_binary_tree

from portal.search.segment import tokenizer

DOC_NUMBER_PREFIX = "dn:"
# Single characters that carry no meaning on their own; every other single Chinese character is
# kept (房, 车, 税 are real queries).
STOP_CHARS = frozenset("的了着过和与及或在是对为把被将之其于以而并且也就都又这那个从由向按等")
_DOCNO_IN_TEXT = re.compile(
    r"([\u4e00-\u9fff]{1,12})\s*[〔\[(【〖]\s*((?:19|20)\d{2})\s*[〕\])】〗]\s*第?\s*(\d{1,5})\s*号"
)


def prepare(text: str) -> str:
    """What both the index and the query see: width-folded and lower-cased."""
    return unicodedata.normalize("NFKC", text or "").lower()


def _keep(word: str) -> bool:
    if len(word) == 1:
        return "\u4e00" <= word <= "\u9fff" and word not in STOP_CHARS
    return word.isalnum() or any(ch.isalnum() for ch in word)


def doc_number_tokens(text: str):
    """(token, start) for every bracketed 发文字号 cited in prepared text.

    The characters before the bracket may include words that are not part of the 机关代字
    ("根据湘政发"), so every tail of 2–8 characters is emitted; the query's key matches one.
    """
    if "号" not in text:
        return
    for match in _DOCNO_IN_TEXT.finditer(text):
        run, year, seq = match.group(1), match.group(2), int(match.group(3))
        start = match.start(1)
        for size in range(min(len(run), 8), 1, -1):
            yield f"{DOC_NUMBER_PREFIX}{run[-size:]}|{year}|{seq}", start + len(run) - size


_kept: dict[str, bool] = {}  # _keep() of words already seen (a rebuild asks millions of times)


def index_terms(text: str):
    """(word, start) of every indexed word: jieba search mode (words and their sub-words)."""
    text = prepare(text)
    kept = _kept
    for word, start, _end in tokenizer().tokenize(text, mode="search"):
        keep = kept.get(word)
        if keep is None:
            keep = _keep(word)
            if len(kept) < 1_000_000:
                kept[word] = keep
        if keep:
            yield word, start
    yield from doc_number_tokens(text)


def query_terms(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) of a query: jieba's precise cut, no overlapping sub-words."""
    text = prepare(text)
    return [(w, s, e) for w, s, e in tokenizer().tokenize(text, mode="default") if _keep(w)]


def query_words(text: str) -> list[str]:
    return [w for w, _, _ in query_terms(text)]


def decompose(word: str) -> list[str]:
    """The best cut of a dictionary compound into smaller words (养老金调整 → 养老金, 调整), or [].

    A compound from the user dictionary is one token in a query but a document may say the same
    with the words apart ("调整……基本养老金"); searching the parts as well finds it.
    """
    n = len(word)
    if n < 4:
        return []
    tok = tokenizer()
    dag = tok.get_DAG(word)
    dag[0] = [j for j in dag[0] if j != n - 1] or [0]
    route: dict = {}
    tok.calc(word, dag, route)
    parts, i = [], 0
    while i < n:
        j = route[i][1]
        parts.append(word[i:j + 1])
        i = j + 1
    parts = [p for p in parts if _keep(p)]
    return parts if len(parts) > 1 else []


class ChineseTokenizer(Tokenizer):
    """The analyzer Whoosh calls when it parses query strings (haystack's API) and highlights."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar = start_char
                token.endchar = start_char + len(value)
            yield token
            return
        if mode == "query":
            items = query_terms(value)
        else:
            items = [(w, s, s + len(w)) for w, s in index_terms(value)]
        for word, start, end in items:
            token.original = token.text = word
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos + start
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


def chinese_analyzer() -> ChineseTokenizer:
    return ChineseTokenizer()


# Positions.encode([start]) by start: Whoosh pickles every word's position list anew. (Bounded by
# the length of the longest text indexed.)
_single_position: dict[int, bytes] = {}


class ChineseText(TEXT):
    """A TEXT field whose postings come straight from jieba (no Token objects, no stemming)."""

    def __init__(self, phrase: bool = True, stored: bool = False, field_boost: float = 1.0):
        super().__init__(analyzer=chinese_analyzer(), phrase=phrase, stored=stored, field_boost=field_boost,
                         sortable=False, spelling=False)

    def index(self, value, **kwargs):
        if not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        poses: dict[str, list[int]] = {}
        for word, start in index_terms(value):
            found = poses.get(word)
            if found is None:
                poses[word] = [start]
            else:
                found.append(start)
        fb = self.format.field_boost
        if isinstance(self.format, Positions):
            encode = self.format.encode
            single = _single_position
            for word, starts in poses.items():
                if len(starts) == 1:  # most words of a short text: their encoding is remembered
                    value = single.get(starts[0])
                    if value is None:
                        value = single[starts[0]] = encode(starts)
                    yield word.encode("utf-8"), 1, fb, value
                    continue
                starts.sort()
                yield word.encode("utf-8"), len(starts), len(starts) * fb, encode(starts)
        else:
            for word, starts in poses.items():
                n = len(starts)
                yield word.encode("utf-8"), n, n * fb, pack_uint(n)


class OffsetPhrase(Phrase):
    """A phrase whose words must sit at the same character offsets as in the query text."""

    def offsets(self) -> list[int]:
        if self.char_ranges and all(r and r[0] is not None for r in self.char_ranges):
            first = self.char_ranges[0][0]
            return [r[0] - first for r in self.char_ranges]
        result, pos = [], 0
        for word in self.words:
            result.append(pos)
            pos += len(word)
        return result

    def matcher(self, searcher, context=None):
        fieldname = self.fieldname
        if fieldname not in searcher.schema or not self.words:
            return matching.NullMatcher()
        field = searcher.schema[fieldname]
        if not field.format or not field.format.supports("positions"):
            return matching.NullMatcher()
        reader = searcher.reader()
        for word in self.words:
            if (fieldname, field.to_bytes(word)) not in reader:
                return matching.NullMatcher()
        if len(self.words) == 1:
            return Term(fieldname, self.words[0], boost=self.boost).matcher(searcher, context)
        ms = [Term(fieldname, word).matcher(searcher, context) for word in self.words]
        m = _OffsetPhraseMatcher(ms, self.offsets())
        if self.boost != 1.0:
            m = matching.WrappingMatcher(m, boost=self.boost)
        return m


class _OffsetPhraseMatcher(SpanWrappingMatcher):
    def __init__(self, ms, offsets):
        self.ms = ms
        self.offsets = offsets
        super().__init__(make_binary_tree(IntersectionMatcher, ms))

    def copy(self):
        return self.__class__([m.copy() for m in self.ms], self.offsets)

    def replace(self, minquality=0):
        if not self.is_active():
            return matching.NullMatcher()
        return self

    def _get_spans(self):
        starts = None
        for m, offset in zip(self.ms, self.offsets):
            here = {p - offset for p in m.value_as("positions")}
            starts = here if starts is None else starts & here
            if not starts:
                return []
        return [Span(p) for p in sorted(starts)]


class _BestOfMatcher(UnionMatcher):
    """Union scored by the best sub-match (+ tiebreak × the other) of the SAME document.

    Whoosh's DisjunctionMaxMatcher compares the sub-matchers' current scores even when they sit
    on different documents, so one document got another's score.
    """

    def __init__(self, a, b, tiebreak=0.0):
        super().__init__(a, b)
        self.tiebreak = tiebreak

    def copy(self):
        return self.__class__(self.a.copy(), self.b.copy(), tiebreak=self.tiebreak)

    def replace(self, minquality=0):
        a_active, b_active = self.a.is_active(), self.b.is_active()
        if not (a_active or b_active):
            return matching.NullMatcher()
        if not a_active:
            return self.b.replace(minquality)
        if not b_active:
            return self.a.replace(minquality)
        return self

    def score(self):
        a, b = self.a, self.b
        if not a.is_active():
            return b.score()
        if not b.is_active():
            return a.score()
        ida, idb = a.id(), b.id()
        if ida < idb:
            return a.score()
        if idb < ida:
            return b.score()
        sa, sb = a.score(), b.score()
        return max(sa, sb) + self.tiebreak * min(sa, sb)


class BestOf(DisjunctionMax):
    """Any of the alternatives matches; the best one counts (synonyms do not add up)."""

    def _matcher(self, subs, searcher, context):
        return self._tree_matcher(subs, _BestOfMatcher, searcher, context, None, tiebreak=self.tiebreak)


class _ZeroScoreMatcher(WrappingMatcher):
    def score(self):
        return 0.0

    def max_quality(self):
        return 0.0

    def block_quality(self):
        return 0.0

    def supports_block_quality(self):
        return True

    def replace(self, minquality=0):
        # It adds nothing to a score, so a minimum score says nothing about it.
        if not self.is_active():
            return matching.NullMatcher()
        return self

    def _replacement(self, newchild):
        return self.__class__(newchild)


class Filter(WrappingQuery):
    """Only documents matching the child qualify; it adds nothing to their score.

    (Whoosh's ConstantScoreQuery passes its child's scores through inside an And, and otherwise
    materialises every matching id.)"""

    def matcher(self, searcher, context=None):
        m = self.child.matcher(searcher, context)
        if isinstance(m, matching.NullMatcherClass):
            return m
        return _ZeroScoreMatcher(m)
