"""Reads over the search log: 热词 for the home and search pages, figures for admin/analytics."""
from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import timezone

from policies.docnumber import looks_like_doc_number

HOT_WINDOW_DAYS = 30
HOT_CACHE_SECONDS = 300
HOT_MAX_CHARS = 20
_SYNTAX = set('"“”「」『』‘’')
_CACHE_KEY = "search:hot-words:v1:{limit}"


def _blocked(query: str, blocks) -> bool:
    return any(block.blocks(query) for block in blocks)


def hot_words(limit: int = 10) -> list[str]:
    """The most searched queries of the last 30 days that found something, minus the block list."""
    key = _CACHE_KEY.format(limit=limit)
    found = cache.get(key)
    if found is None:
        found = compute_hot_words(limit)
        cache.set(key, found, HOT_CACHE_SECONDS)
    return found


def compute_hot_words(limit: int = 10, *, now=None) -> list[str]:
    from portal.search.models import BlockedHotWord, SearchLog

    since = (now or timezone.now()) - dt.timedelta(days=HOT_WINDOW_DAYS)
    blocks = list(BlockedHotWord.objects.all())
    rows = (SearchLog.objects.filter(created_at__gte=since, result_count__gt=0)
            .values("query").annotate(n=Count("id"), last=Max("created_at")).order_by("-n", "-last"))
    words = []
    for row in rows[: limit * 5 + len(blocks)]:
        query = row["query"]
        # Quoted searches and 发文字号 are someone's precise lookup, not a topic people follow.
        if (len(query) > HOT_MAX_CHARS or looks_like_doc_number(query) or _SYNTAX & set(query)
                or _blocked(query, blocks)):
            continue
        words.append(query)
        if len(words) >= limit:
            break
    return words


def forget_hot_words(**kwargs) -> None:
    for limit in range(1, 51):
        cache.delete(_CACHE_KEY.format(limit=limit))


def zero_result_queries(*, days: int = HOT_WINDOW_DAYS, limit: int = 200) -> list[dict]:
    """[{query, count, last}] searched in the window that found nothing, most frequent first."""
    from portal.search.models import SearchLog

    since = timezone.now() - dt.timedelta(days=days)
    rows = (SearchLog.objects.filter(created_at__gte=since, result_count=0)
            .values("query").annotate(count=Count("id"), last=Max("created_at")).order_by("-count", "-last"))
    return list(rows[:limit])


def search_statistics(*, start: dt.date, end: dt.date, limit: int = 20) -> dict:
    """{"top": [(query, n)], "zero": [(query, n)]} for the analytics dashboard (dates inclusive)."""
    from portal.search.models import SearchLog

    rows = SearchLog.objects.filter(created_at__date__gte=start, created_at__date__lte=end)
    top = rows.values("query").annotate(n=Count("id")).order_by("-n", "query")[:limit]
    zero = rows.filter(result_count=0).values("query").annotate(n=Count("id")).order_by("-n", "query")[:limit]
    return {"top": [(r["query"], r["n"]) for r in top], "zero": [(r["query"], r["n"]) for r in zero]}
