"""Keeping stored deadlines in step with the working-day calendar."""
from __future__ import annotations

from django.utils import timezone

from openinfo import deadlines
from openinfo.models import CLOSED_STATUSES, InfoRequest

from .letters import letter_deadline


def refresh_open_deadlines() -> int:
    """After the calendar changed: recompute every open request's and letter's due date."""
    from openinfo.models import Letter

    from .requests import refresh_deadline

    calendar = deadlines.load_calendar()
    count = 0
    for req in InfoRequest.objects.exclude(status__in=CLOSED_STATUSES).prefetch_related("pauses"):
        refresh_deadline(req, calendar)
        count += 1
    for letter in Letter.objects.filter(status__in=[Letter.Status.SUBMITTED, Letter.Status.ACCEPTED]):
        due = letter_deadline(letter.kind, timezone.localtime(letter.submitted_at).date(), calendar)
        if (due.date, due.provisional) != (letter.due_date, letter.due_provisional):
            Letter.objects.filter(pk=letter.pk).update(due_date=due.date, due_provisional=due.provisional)
    return count
