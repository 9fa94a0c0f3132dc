"""热词 are earned and approved (issue 15 item 5): what the public sees in 热门搜索 on /, /search/
and /kiosk/search/ is never decided by whoever sends the most requests.

A query becomes a candidate (HotWord, 待审核) only when, within the last 30 days, it
- found results,
- was typed on the website (not the API, the kiosk or a crawler: SearchLog.channel) by at least
  MIN_VISITORS distinct visitors (daily salted hashes; a visitor past the hourly limit stops
  counting, portal.search.searchlog), and
- passes the word list (_passes_word_list) and is a topic, not a precise lookup.
Candidates are shown only after 公开办 approves them in admin, unless 网站设置 turns approval off.
refresh_candidates() runs every 10 minutes (beat) and recounts every word.
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from policies.docnumber import looks_like_doc_number

WINDOW_DAYS = 30
MIN_VISITORS = 10
MAX_CHARS = 20
_SYNTAX = set('"“”「」『』‘’')


def word_lists():
    """What a query is checked against, loaded once for a run over many queries: the 热词屏蔽 list and the
    sensitive and banned words of the 错敏字 list (portal.textcheck)."""
    from portal.search.models import BlockedHotWord
    from portal.textcheck import wording

    return list(BlockedHotWord.objects.all()), wording.load_rules()


def _passes_word_list(query: str, lists=None) -> bool:
    """The one check of a query against the word lists (no blocked phrase, no sensitive or banned word)."""
    from portal.textcheck import blocking_terms

    blocks, rules = lists or word_lists()
    return not any(block.blocks(query) for block in blocks) and not blocking_terms(query, rules)


def is_topic(query: str) -> bool:
    """Quoted searches and 发文字号 are someone's precise lookup, not a topic people follow."""
    return bool(query) and len(query) <= MAX_CHARS and not looks_like_doc_number(query) and not (_SYNTAX & set(query))


def counted_searches(*, now=None):
    """Per query: distinct visitors, searches and the last time, over the website searches that
    count (found something, from a visitor within the hourly limit) in the window."""
    from portal.search.models import SearchChannel, SearchLog

    since = (now or timezone.now()) - dt.timedelta(days=WINDOW_DAYS)
    return (SearchLog.objects.filter(created_at__gte=since, result_count__gt=0, channel=SearchChannel.WEB,
                                     counted=True).exclude(visitor="")
            .values("query").annotate(visitors=Count("visitor", distinct=True), searches=Count("id"),
                                      last=Max("created_at")))


@transaction.atomic
def refresh_candidates(*, now=None) -> int:
    """Recount every word; add the new candidates. Returns how many were added."""
    from portal.search.models import HotWord

    rows = {row["query"]: row for row in counted_searches(now=now)}
    existing = {word.query: word for word in HotWord.objects.select_for_update()}
    added = 0
    for word in existing.values():
        row = rows.get(word.query)
        word.visitors, word.searches = (row["visitors"], row["searches"]) if row else (0, 0)
        word.last_searched_at = row["last"] if row else word.last_searched_at
    HotWord.objects.bulk_update(existing.values(), ["visitors", "searches", "last_searched_at"])
    lists = word_lists()
    for query, row in rows.items():
        if (query in existing or row["visitors"] < MIN_VISITORS or not is_topic(query)
                or not _passes_word_list(query, lists)):
            continue
        HotWord.objects.create(query=query, visitors=row["visitors"], searches=row["searches"],
                               last_searched_at=row["last"])
        added += 1
    return added


def review(words, *, status: str, user) -> int:
    """公开办 approves or rejects candidates (recorded who and when)."""
    from portal.search.selectors import forget_hot_words

    count = words.update(status=status, reviewed_by=user, reviewed_at=timezone.now())
    forget_hot_words()
    return count
