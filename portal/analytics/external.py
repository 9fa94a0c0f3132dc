"""Figures the dashboard borrows from other apps (search log, openinfo, themedays).

Each function returns None when the app does not provide the data, so the dashboard can say so.
An app that offers a selector with the documented name is used first; otherwise the figures are
counted from its models' well-known fields. Only counts leave this module: never a name, phone,
证件号 or query code.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Q
from django.utils import timezone

from portal import optional

OPEN_REQUEST_STATES = ("submitted", "accepted", "correction")
OPEN_LETTER_STATES = ("submitted", "accepted")


def search_terms(start: dt.date, end: dt.date, limit: int = 20) -> dict | None:
    """{"top": [(query, count)], "zero": [(query, count)]} from the search log, if there is one."""
    provided = optional.call("portal.search.selectors.search_statistics", start=start, end=end, limit=limit)
    if provided is not None:
        return {"top": list(provided.get("top", [])), "zero": list(provided.get("zero", []))}
    log = optional.model("search.SearchLog", "search.SearchQuery", "search.QueryLog")
    if log is None:
        return None
    query_field = next((f for f in ("query", "q", "term", "text") if optional.has_fields(log, f)), None)
    time_field = next((f for f in ("created_at", "at", "searched_at", "timestamp") if optional.has_fields(log, f)), None)
    count_field = next((f for f in ("result_count", "results", "hits", "count") if optional.has_fields(log, f)), None)
    if not (query_field and time_field):
        return None
    rows = log.objects.filter(**{f"{time_field}__date__gte": start, f"{time_field}__date__lte": end}).exclude(
        **{query_field: ""}
    )
    top = rows.values(query_field).annotate(n=Count("pk")).order_by("-n", query_field)[:limit]
    zero = []
    if count_field:
        zero = rows.filter(**{count_field: 0}).values(query_field).annotate(n=Count("pk")).order_by("-n", query_field)[:limit]
    return {"top": [(r[query_field], r["n"]) for r in top], "zero": [(r[query_field], r["n"]) for r in zero]}


def _count_by_department(qs, label: str, received: Q, answered: Q, overdue: Q, table: dict) -> None:
    rows = qs.values("department__name").annotate(
        received=Count("pk", filter=received), answered=Count("pk", filter=answered), overdue=Count("pk", filter=overdue),
    )
    for row in rows:
        name = row["department__name"]
        for key in ("received", "answered", "overdue"):
            table[name][f"{label}_{key}"] += row[key]


def openinfo_by_department(start: dt.date, end: dt.date) -> list[dict] | None:
    """Per department: 依申请公开 and 政务信箱 received / answered in the month, and overdue now."""
    provided = optional.call("openinfo.selectors.department_workload", start=start, end=end)
    if provided is not None:
        return list(provided)
    today = timezone.localdate()
    table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    found = False
    requests = optional.model("openinfo.InfoRequest")
    if optional.has_fields(requests, "department", "submitted_at", "replied_on", "due_date", "status"):
        found = True
        _count_by_department(
            requests.objects.all(), "requests",
            received=Q(submitted_at__date__gte=start, submitted_at__date__lte=end),
            answered=Q(replied_on__gte=start, replied_on__lte=end),
            overdue=Q(due_date__lt=today, status__in=OPEN_REQUEST_STATES),
            table=table,
        )
    letters = optional.model("openinfo.Letter")
    if optional.has_fields(letters, "department", "submitted_at", "replied_at", "due_date", "status"):
        found = True
        _count_by_department(
            letters.objects.all(), "letters",
            received=Q(submitted_at__date__gte=start, submitted_at__date__lte=end),
            answered=Q(replied_at__date__gte=start, replied_at__date__lte=end),
            overdue=Q(due_date__lt=today, status__in=OPEN_LETTER_STATES),
            table=table,
        )
    if not found:
        return None
    keys = [f"{kind}_{what}" for kind in ("requests", "letters") for what in ("received", "answered", "overdue")]
    result = [{"department": name, **{k: counts[k] for k in keys}} for name, counts in table.items()]
    result = [row for row in result if any(row[k] for k in keys)]
    return sorted(result, key=lambda row: (-(row["requests_received"] + row["letters_received"]), row["department"]))


def themeday_counts(start: dt.date, end: dt.date) -> list[dict] | None:
    """Per department: theme-day activities in the month (held / planned / cancelled) and reports."""
    activity = optional.model("themedays.Activity")
    public = optional.public_queryset(activity)
    if public is None or not optional.has_fields(activity, "start_at", "department"):
        return None
    in_month = Q(start_at__date__gte=start, start_at__date__lte=end)
    rows = public.filter(in_month).values("department__name")
    if optional.has_fields(activity, "stage"):
        rows = rows.annotate(
            total=Count("pk"), held=Count("pk", filter=Q(stage="held")), cancelled=Count("pk", filter=Q(stage="cancelled")),
        )
    else:
        rows = rows.annotate(total=Count("pk"), held=Count("pk", filter=Q(end_at__lt=timezone.now())), cancelled=Count("pk", filter=Q(pk=None)))
    table = {r["department__name"]: {"total": r["total"], "held": r["held"], "cancelled": r["cancelled"], "reports": 0} for r in rows}
    reports = optional.public_queryset(optional.model("themedays.ActivityReport"))
    if reports is not None:
        counted = reports.filter(published_at__date__gte=start, published_at__date__lte=end).values(
            "activity__department__name"
        ).annotate(n=Count("pk"))
        for row in counted:
            entry = table.setdefault(row["activity__department__name"], {"total": 0, "held": 0, "cancelled": 0, "reports": 0})
            entry["reports"] = row["n"]
    return sorted(
        ({"department": name, **counts} for name, counts in table.items()),
        key=lambda row: (-row["total"], -row["reports"], row["department"]),
    )
