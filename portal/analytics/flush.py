"""Fold the cached counters into PageViewDaily (Celery beat every few minutes, and on demand)."""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from portal.analytics import counter
from portal.models import PageViewDaily

# Counters older than this have expired from the cache anyway (counter.TTL_SECONDS).
LOOKBACK_DAYS = 3


def _store(day: dt.date, counts: list[counter.Count]) -> None:
    with transaction.atomic():
        for c in counts:
            updated = PageViewDaily.objects.filter(day=day, path=c.path).update(
                views=F("views") + c.views, section=c.section
            )
            if updated:
                if c.title:
                    PageViewDaily.objects.filter(day=day, path=c.path, title="").update(title=c.title)
                continue
            try:
                with transaction.atomic():  # a concurrent flush may have created the row meanwhile
                    PageViewDaily.objects.create(day=day, path=c.path, section=c.section, title=c.title, views=c.views)
            except IntegrityError:
                PageViewDaily.objects.filter(day=day, path=c.path).update(views=F("views") + c.views)


def flush(today: dt.date | None = None) -> int:
    """Store every pending count; returns how many views were stored."""
    today = today or timezone.localdate()
    stored = 0
    for offset in range(LOOKBACK_DAYS, -1, -1):
        day = today - dt.timedelta(days=offset)
        counts = counter.drain(day)
        if not counts:
            continue
        try:
            _store(day, counts)
        except Exception:
            counter.restore(day, counts)  # nothing is lost: the next run stores them
            raise
        stored += sum(c.views for c in counts)
    return stored
