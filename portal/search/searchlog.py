"""Recording searches: the normalised query, how many results, the type, where it came from and
the time — nothing that identifies the person (no IP, no user, no session).

To count distinct visitors for 热词 without keeping who they are, a search from a request carries
`visitor`: the first 16 hex digits of SHA-256 over today's random salt, the client address and
the User-Agent. The salt is replaced every day and yesterday's is deleted, so the hash cannot be
recomputed from an address later nor linked across days. A visitor past MAX_COUNTED_PER_HOUR
searches in the last hour is still logged but no longer counted (SearchLog.counted).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import secrets

from django.db import DatabaseError, IntegrityError
from django.utils import timezone

logger = logging.getLogger(__name__)

MAX_LOGGED_CHARS = 100
MAX_COUNTED_PER_HOUR = 20

# Crawlers and scripts: their searches are logged as such and never count toward 热词. An empty
# User-Agent is a script too (every browser sends one).
_BOT_AGENT = re.compile(
    r"bot|spider|crawl|slurp|curl|wget|python|java/|go-http|httpclient|okhttp|scrapy|libwww|perl|ruby|"
    r"headless|phantom|selenium|axios|node-fetch|postman|^$", re.I)

_salt_memo: dict = {}


def is_bot(request) -> bool:
    return bool(_BOT_AGENT.search((request.META.get("HTTP_USER_AGENT") or "").strip()))


def _salt(day: dt.date) -> str:
    """Today's salt, the same in every process (stored, created by whoever needs it first)."""
    from portal.search.models import VisitorSalt

    if _salt_memo.get("day") == day:
        return _salt_memo["salt"]
    row = VisitorSalt.objects.filter(day=day).first()
    if row is None:
        try:
            row = VisitorSalt.objects.create(day=day, salt=secrets.token_hex(32))
        except IntegrityError:  # another process created it meanwhile
            row = VisitorSalt.objects.get(day=day)
        VisitorSalt.objects.filter(day__lt=day).delete()
    _salt_memo.update(day=day, salt=row.salt)
    return row.salt


def visitor_key(request) -> str:
    from portal.security.request_ip import client_ip

    agent = (request.META.get("HTTP_USER_AGENT") or "")[:300]
    raw = f"{_salt(timezone.localdate())}\x1f{client_ip(request)}\x1f{agent}"
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def record_search(*, query: str, result_count: int, search_type: str = "", corrected_to: str = "",
                  request=None, channel: str = "") -> None:
    """Log one search. `channel` is where it was typed (SearchChannel); a web search from a
    crawler is logged as BOT. Only web searches from a request get a visitor hash (and can
    count toward 热词)."""
    from portal.search.models import SearchChannel, SearchLog

    query = (query or "").strip()[:MAX_LOGGED_CHARS]
    if not query:
        return
    channel = channel or SearchChannel.WEB
    try:
        visitor, counted = "", False
        if request is not None and channel == SearchChannel.WEB and is_bot(request):
            channel = SearchChannel.BOT
        if request is not None and channel == SearchChannel.WEB:
            visitor = visitor_key(request)
            since = timezone.now() - dt.timedelta(hours=1)
            counted = SearchLog.objects.filter(visitor=visitor, created_at__gte=since).count() < MAX_COUNTED_PER_HOUR
        SearchLog.objects.create(query=query, result_count=max(0, int(result_count)), search_type=search_type[:30],
                                 corrected_to=(corrected_to or "")[:MAX_LOGGED_CHARS], channel=channel,
                                 visitor=visitor, counted=counted)
    except DatabaseError:  # a search must never fail because its log line could not be written
        logger.warning("搜索记录写入失败", exc_info=True)
