"""Reads over the search log: 热词 for the home and search pages, figures for admin/analytics."""
from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import timezone

HOT_WINDOW_DAYS = 30
HOT_CACHE_SECONDS = 300
_CACHE_KEY = "search:hot-words:v2:{limit}"


def hot_words(limit: int = 10) -> list[str]:
    """热门搜索 on /, /search/ and /kiosk/search/ (cached; an approval or a block list change
    clears it)."""
    key = _CACHE_KEY.format(limit=limit)
    found = cache.get(key)
    if found is None:
        found = compute_hot_words(limit)
        cache.set(key, found, HOT_CACHE_SECONDS)
    return found


def compute_hot_words(limit: int = 10) -> list[str]:
    """Candidates still searched by enough visitors, most visitors first: approved ones only,
    or every candidate not rejected when 网站设置 turns approval off. A word blocked after its
    approval disappears at once."""
    from portal.models import SiteSettings
    from portal.search import hotwords
    from portal.search.models import HotWord

    words = HotWord.objects.filter(visitors__gte=hotwords.MIN_VISITORS)
    if SiteSettings.current().hot_words_need_approval:
        words = words.filter(status=HotWord.Status.APPROVED)
    else:
        words = words.exclude(status=HotWord.Status.REJECTED)
    found, lists = [], hotwords.word_lists()
    for query in words.order_by("-visitors", "-last_searched_at", "query").values_list("query", flat=True)[:limit * 3]:
        if hotwords.is_topic(query) and hotwords._passes_word_list(query, lists):
            found.append(query)
        if len(found) >= limit:
            break
    return found


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
