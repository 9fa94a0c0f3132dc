"""Letters that need attention, for the queue page and the daily digest."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from openinfo import deadlines
from openinfo.models import Letter

OPEN_LETTER = (Letter.Status.SUBMITTED, Letter.Status.ACCEPTED)


def letter_buckets(department=None, today: dt.date | None = None) -> dict[str, list[Letter]]:
    today = today or timezone.localdate()
    qs = Letter.objects.filter(status__in=OPEN_LETTER).select_related("department").order_by("due_date", "id")
    if department is not None:
        qs = qs.filter(department=department)
    soon_limit = deadlines.add_working_days(today, 3, deadlines.load_calendar())
    buckets = {"overdue": [], "soon": [], "ok": []}
    for letter in qs:
        if letter.due_date is None:  # written before every date had a deadline; refresh_open_deadlines fills it
            buckets["ok"].append(letter)
        elif letter.due_date < today:
            buckets["overdue"].append(letter)
        elif letter.due_date <= soon_limit:
            buckets["soon"].append(letter)
        else:
            buckets["ok"].append(letter)
    return buckets
