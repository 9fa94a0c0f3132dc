"""Reads for 依申请公开: tracking lookup, the department queue."""
from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from openinfo import deadlines
from openinfo.models import CLOSED_STATUSES, InfoRequest, RequestStatus
from openinfo.models.common import check_query_code, hash_query_code

DUE_SOON_DAYS = 3


def request_lookup(*, tracking_number: str, query_code: str) -> InfoRequest | None:
    """Same None for an unknown number and a wrong code; a hash is computed either way."""
    number = (tracking_number or "").strip().upper()
    req = InfoRequest.objects.select_related("department").filter(tracking_number=number).first()
    if req is None:
        check_query_code(query_code, hash_query_code("0"))
        return None
    return req if check_query_code(query_code, req.query_code_hash) else None


def request_timeline(req: InfoRequest):
    return req.events.filter(public=True).order_by("on", "at", "id")


def open_requests(department=None) -> QuerySet[InfoRequest]:
    qs = InfoRequest.objects.exclude(status__in=CLOSED_STATUSES).select_related("department", "handler")
    if department is not None:
        qs = qs.filter(department=department)
    return qs


def urgency(req: InfoRequest, today: dt.date, calendar: deadlines.WorkCalendar) -> tuple[str, int | None]:
    """("overdue" | "soon" | "ok" | "paused" | "expired", working days left)."""
    if req.status == RequestStatus.CORRECTION:
        if req.correction_deadline and today > req.correction_deadline:
            return "expired", None
        return "paused", None
    if req.due_date is None:
        return "paused", None
    left = deadlines.working_days_left(today, req.due_date, calendar)
    if left < 0:
        return "overdue", left
    return ("soon" if left <= DUE_SOON_DAYS else "ok"), left


def queue_buckets(department=None, today: dt.date | None = None) -> dict[str, list]:
    """Open cases grouped for the 公开办: overdue, due within 3 working days, waiting, others."""
    from django.utils import timezone

    today = today or timezone.localdate()
    calendar = deadlines.load_calendar()
    buckets = {"overdue": [], "soon": [], "expired": [], "unconfirmed": [], "paused": [], "ok": []}
    for req in open_requests(department).prefetch_related("pauses").order_by("due_date", "id"):
        if req.status == RequestStatus.SUBMITTED:
            buckets["unconfirmed"].append((req, None))
            continue
        state, left = urgency(req, today, calendar)
        if state == "paused":
            fee = next((p for p in req.pauses.all() if p.ended is None and p.limit_date and today > p.limit_date), None)
            if fee is not None:
                state = "expired"
        buckets[state].append((req, left))
    return buckets
