"""Finding the Q&A that answers a citizen's question ("职工医保的报销比例是多少？").

A citizen types a whole sentence, not keywords, so the sentence is cut into words (jieba, the same
dictionary as the index), question words such as 怎么/多少 are dropped, and any remaining word may
match (OR). Candidates come from the search index through the standard haystack SearchQuerySet API;
they are then ordered by how much of the citizen's wording the stored question covers, so that the
question asked the same way comes first even when a long answer mentions the words more often.
The database is asked as well (a plain contains over questions and answers), so a Q&A is found
while the index is rebuilt or when the analyzer cuts a compound word differently.
"""
from __future__ import annotations

import logging
from functools import reduce
from operator import or_

from django.db.models import Q

from policies.models import PolicyQA, QACategory
from portal.search.segment import tokenizer
from portal.text import fold_width

logger = logging.getLogger(__name__)

MAX_QUERY_CHARS = 100
MAX_CANDIDATES = 300

# Words in almost every question: they say nothing about which question is meant.
STOP_WORDS = set(
    "的 了 是 吗 呢 吧 啊 呀 么 和 与 及 或 在 有 我 我们 你 您 他 她 它 要 想 能 会 可 请问 请 问 "
    "怎么 怎么样 怎样 如何 什么 哪些 哪里 哪个 多少 多久 几 是否 可以 能否 需要 应该 一下 一个 这个 那个 "
    "政策 规定 相关 有关 办理 申请".split()
)
# Kept apart from STOP_WORDS: these still help when they are the whole question.
WEAK_WORDS = {"政策", "规定", "相关", "有关", "办理", "申请"}


def clean_query(raw: str) -> str:
    text = fold_width(raw or "").replace("\x00", " ").strip()
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def query_terms(raw: str) -> list[str]:
    """The meaningful words of a question, longest first, without duplicates."""
    text = clean_query(raw)
    words = []
    for word in tokenizer().cut_for_search(text):
        word = word.strip().lower()
        if not word or not any(ch.isalnum() for ch in word):
            continue
        if len(word) == 1 and not ("\u4e00" <= word <= "\u9fff"):
            continue
        words.append(word)
    meaningful = [w for w in words if w not in STOP_WORDS]
    if not meaningful:
        meaningful = [w for w in words if w in WEAK_WORDS]
    # Single characters are noise unless nothing longer is there (a one-word question like "房").
    longer = [w for w in meaningful if len(w) > 1]
    chosen = longer or meaningful
    return sorted(dict.fromkeys(chosen), key=len, reverse=True)


def _index_candidates(terms: list[str]) -> list[int] | None:
    from haystack.query import SQ, SearchQuerySet

    try:
        condition = reduce(or_, [SQ(content=term) for term in terms])
        results = SearchQuerySet().models(PolicyQA).filter(condition)[:MAX_CANDIDATES]
        return [int(r.pk) for r in results if r is not None]
    except Exception:  # the index may be missing or being swapped; the database still answers
        logger.exception("问答检索失败，改用数据库检索")
        return None


def _database_candidates(terms: list[str]) -> list[int]:
    condition = reduce(or_, [Q(question__icontains=t) | Q(answer__icontains=t) for t in terms])
    return list(PolicyQA.objects.public().filter(condition).values_list("pk", flat=True)[:MAX_CANDIDATES])


def _coverage(text: str, terms: list[str]) -> float:
    """Share of the query's words (weighted by length) found in the text."""
    total = sum(len(t) for t in terms)
    found = sum(len(t) for t in terms if t in text)
    return found / total if total else 0.0


def qa_search(raw: str, *, category: str = "", limit: int | None = None) -> list[PolicyQA]:
    """Published Q&A answering the question, best first (optionally in one category)."""
    terms = query_terms(raw)
    if not terms:
        return []
    # The index ranks; the database adds what a differently cut compound word may have hidden.
    candidates = list(dict.fromkeys((_index_candidates(terms) or []) + _database_candidates(terms)))
    from policies.selectors import public_guides_prefetch

    qs = PolicyQA.objects.public().filter(pk__in=candidates).select_related("policy").prefetch_related(public_guides_prefetch())
    if category in QACategory.values:
        qs = qs.filter(category=category)
    rows = qs.in_bulk()
    backend_rank = {pk: i for i, pk in enumerate(candidates)}

    def key(pk: int):
        qa = rows[pk]
        question, answer = qa.question.lower(), qa.answer.lower()
        # The question is what the citizen's sentence should look like; the answer counts less.
        score = 2 * _coverage(question, terms) + _coverage(answer, terms)
        # Between equally covering questions, the one that is mostly the citizen's words is closer.
        closeness = sum(len(t) for t in terms if t in question) / max(len(question), 1)
        return (-round(score, 3), -round(closeness, 3), backend_rank[pk])

    ordered = [rows[pk] for pk in sorted(rows, key=key)]
    return ordered[:limit] if limit else ordered
