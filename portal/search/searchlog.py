"""Recording searches: the normalised query, how many results, the type and the time — nothing
that identifies the person (no IP, no user, no session)."""
from __future__ import annotations

import logging

from django.db import DatabaseError

logger = logging.getLogger(__name__)

MAX_LOGGED_CHARS = 100


def record_search(*, query: str, result_count: int, search_type: str = "", corrected_to: str = "") -> None:
    from portal.search.models import SearchLog

    query = (query or "").strip()[:MAX_LOGGED_CHARS]
    if not query:
        return
    try:
        SearchLog.objects.create(query=query, result_count=max(0, int(result_count)), search_type=search_type[:30],
                                 corrected_to=(corrected_to or "")[:MAX_LOGGED_CHARS])
    except DatabaseError:  # a search must never fail because its log line could not be written
        logger.warning("搜索记录写入失败", exc_info=True)
