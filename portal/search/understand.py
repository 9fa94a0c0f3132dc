"""Query understanding: what a citizen typed → the words to look for and how much each counts.

One pipeline for /search/, the policy library and /api/search/:
normalise → 发文字号 → quoted phrases → jieba words → drop question words (怎么, 多少, 吗 …) →
each word with its alternatives: synonyms (scored below the word itself) and, for Latin letters,
the Chinese words their pinyin or initials spell. Homophone correction is done by the service
when this plan finds little (it needs the result count).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from policies.docnumber import looks_like_doc_number, normalize_doc_number
from portal.search import synonyms
from portal.search.analysis import decompose, query_terms
from portal.search.normalize import CleanQuery, clean

SYNONYM_WEIGHT = 0.5
PINYIN_SYNONYM_WEIGHT = 0.4
MAX_GROUPS = 12
# Where a query may be restricted to, as 国务院政策文件库 offers it ("" = everywhere). The engines
# map each to their own fields (engine.QueryBuilder, pgengine.QueryText) and the database fallback
# to model fields (fallback.FIELD_COLUMNS).
SEARCH_FIELDS = {"title": "标题", "body": "全文", "doc_number": "发文字号"}

# Words of a question that say nothing about what is asked. Content words stay: 申请, 办理 and 领取
# are what people want to do and appear in the documents.
STOP_WORDS = frozenset(
    "怎么 怎么样 怎么办 怎样 如何 咋 咋办 多少 多少钱 几 几个 几天 多久 多长时间 吗 呢 吧 啊 呀 么 啥 什么 为什么 "
    "是否 能否 可否 能不能 可不可以 可以 能 能领 能拿 领多少 有没有 是不是 哪里 哪儿 在哪 在哪里 哪些 哪个 "
    "请问 请 问 我 我们 我的 你 你们 您 他 她 需要 要 想 想问 了 的 是 有 和 与 及 或 一下 一个 这个 那个 "
    "关于 相关 有关 怎么样才能 应该 该 and or not".split()
)
_LATIN = re.compile(r"^[a-z]+$")
SHORT_INITIALS = re.compile(r"^[a-z]{2,4}$")


@dataclass
class Alternative:
    text: str
    weight: float
    kind: str  # literal | synonym | pinyin


@dataclass
class WordGroup:
    """One thing the document must be about; any alternative satisfies it."""

    literal: str
    alternatives: list[Alternative]


@dataclass
class Phrase:
    text: str
    words: list[tuple[str, int, int]]


@dataclass
class QueryPlan:
    clean: CleanQuery
    doc_number_key: str = ""
    phrases: list[Phrase] = field(default_factory=list)
    groups: list[WordGroup] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    pinyin_used: bool = False
    field: str = ""  # one of SEARCH_FIELDS, or "" for title, keywords and text together

    @property
    def text(self) -> str:
        """The normalised query, as logged and shown back."""
        return self.clean.text

    @property
    def empty(self) -> bool:
        return not (self.doc_number_key or self.phrases or self.groups)

    def highlight_words(self) -> list[str]:
        words = [p.text.replace(" ", "") for p in self.phrases]
        words += [w for p in self.phrases for w, _, _ in p.words]
        for group in self.groups:
            words += [a.text for a in group.alternatives if a.kind != "literal" or not _LATIN.match(a.text)]
            words.append(group.literal)
        # A compound also matches its parts apart (养老金调整 → 养老金, 调整): mark those too.
        words += [part for word in list(words) for part in decompose(word)]
        return list(dict.fromkeys(w for w in words if w))

    @property
    def initials(self) -> str:
        """The letters when the whole query is one short run of Latin letters (yl, gzf, sbk): read as
        the initials of Chinese words, it gets suggestions of what they may spell."""
        text = self.clean.words_text.strip()
        if self.phrases or self.doc_number_key or not SHORT_INITIALS.match(text):
            return ""
        return text

    def pinyin_reading(self) -> str:
        """The Chinese the Latin letters were read as ("yanglaojin tiaozheng" → "养老金 调整")."""
        parts = []
        for group in self.groups:
            best = next((a.text for a in group.alternatives if a.kind == "pinyin"), None)
            parts.append(best or group.literal)
        return " ".join(parts)


def _split_on_synonyms(text: str) -> list[tuple[str, bool]]:
    """[(piece, is_synonym_word)]: words of the synonym table are kept whole even where the
    tokenizer (whose dictionary changes only with a rebuild) would cut them."""
    table = synonyms.synonym_map()
    longest = min(30, len(text))
    pieces, start, i = [], 0, 0
    while i < len(text):
        found = next((text[i:j] for j in range(min(len(text), i + longest), i + 2, -1) if text[i:j] in table), None)
        if found:
            if start < i:
                pieces.append((text[start:i], False))
            pieces.append((found, True))
            i = start = i + len(found)
        else:
            i += 1
    if start < len(text):
        pieces.append((text[start:], False))
    return pieces


def _content_words(text: str) -> tuple[list[str], list[str]]:
    words = []
    for piece, whole in _split_on_synonyms(text):
        words += [piece] if whole else [w for w, _, _ in query_terms(piece)]
    kept = [w for w in words if w not in STOP_WORDS]
    dropped = [w for w in words if w in STOP_WORDS]
    if not kept:  # the whole query was "question words": search them rather than nothing
        return words, []
    return kept, dropped


@functools.lru_cache(maxsize=1)
def _pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (about 420), from pypinyin's dictionary."""
    from pypinyin.pinyin_dict import pinyin_dict

    found = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            bare = "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))
            found.add(bare.replace("ü", "v"))
    return frozenset(found)


def join_syllables(chunks: list[str]) -> list[str]:
    """Pinyin typed a syllable at a time ("kuo da nei xu") is read as typed joined ("kuodaneixu"): a run of
    two or more Latin chunks that are each one pinyin syllable becomes one chunk; anything else stays."""
    syllables, result, run = _pinyin_syllables(), [], []
    for chunk in [*chunks, ""]:
        if chunk and _LATIN.match(chunk) and chunk in syllables:
            run.append(chunk)
            continue
        result += ["".join(run)] if len(run) >= 2 else run
        run = []
        if chunk:
            result.append(chunk)
    return result


def understand(raw: str, vocabulary=None, field: str = "") -> QueryPlan:
    """Build the plan; `vocabulary` is a callable returning portal.search.vocabulary.Vocabulary
    (only called when the query has Latin letters that may be pinyin). `field` restricts where the
    words are looked for (SEARCH_FIELDS; anything else means everywhere)."""
    cq = clean(raw)
    plan = QueryPlan(clean=cq, field=field if field in SEARCH_FIELDS else "")
    if not cq.text:
        return plan
    compact = cq.text.replace(" ", "")
    # A whole 发文字号 is looked up by its key unless the visitor asked for the title or the text only.
    if plan.field in ("", "doc_number") and looks_like_doc_number(compact):
        plan.doc_number_key = normalize_doc_number(compact)
    for phrase in cq.phrases:
        words = query_terms(phrase)
        if words:
            plan.phrases.append(Phrase(text=phrase, words=words))
    vocab = None
    for chunk in join_syllables(cq.words_text.split()):
        if len(plan.groups) >= MAX_GROUPS:
            break
        if _LATIN.match(chunk) and len(chunk) >= 2 and chunk not in STOP_WORDS:
            if vocab is None and vocabulary is not None:
                vocab = vocabulary()
            plan.groups += _latin_groups(chunk, vocab, plan)
            continue
        kept, dropped = _content_words(chunk)
        plan.dropped += dropped
        for word in kept:
            alternatives = [Alternative(word, 1.0, "literal")]
            alternatives += [Alternative(s, SYNONYM_WEIGHT, "synonym") for s in synonyms.synonyms_of(word)]
            plan.groups.append(WordGroup(literal=word, alternatives=alternatives))
    plan.groups = plan.groups[:MAX_GROUPS]
    if not plan.groups and not plan.phrases and not plan.doc_number_key and plan.dropped:
        plan.groups = [WordGroup(w, [Alternative(w, 1.0, "literal")]) for w in plan.dropped[:MAX_GROUPS]]
    return plan


def _latin_groups(chunk: str, vocab, plan: QueryPlan) -> list[WordGroup]:
    """A Latin chunk is itself (an English word, "etc") or pinyin / initials of Chinese words."""
    literal = Alternative(chunk, 1.0, "literal")
    groups = vocab.pinyin_groups(chunk) if vocab is not None else []
    if not groups:
        return [WordGroup(chunk, [literal])]
    plan.pinyin_used = True
    result = []
    for candidates in groups:
        alternatives = [Alternative(word, weight, "pinyin") for word, weight in candidates]
        for word, _ in candidates[:1]:
            alternatives += [Alternative(s, PINYIN_SYNONYM_WEIGHT, "synonym") for s in synonyms.synonyms_of(word)]
        if len(groups) == 1:
            alternatives.append(literal)
        result.append(WordGroup(chunk if len(groups) == 1 else candidates[0][0], alternatives))
    return result
