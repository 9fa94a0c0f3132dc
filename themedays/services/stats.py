"""Nightly statistics: per department per month, the figures behind /themedays/stats/.

Counted in Python over local (Asia/Shanghai) dates so that an activity at 00:30 on the 1st
falls in the right month on every database.
"""
from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from themedays.models import Activity, ActivityReport, MonthlyStat, RegistrationStatus, Stage

FIELDS = ("activities_held", "activities_scheduled", "activities_cancelled", "reports_published", "participants",
          "attendance", "suggestions_collected", "suggestions_adopted")


def compute_monthly(*, years: list[int] | None = None, now=None) -> dict[tuple[int, int, int], dict[str, int]]:
    """{(department_id, year, month): {field: value}} for the public activities of `years`."""
    now = now or timezone.now()
    figures: dict[tuple[int, int, int], dict[str, int]] = defaultdict(lambda: dict.fromkeys(FIELDS, 0))
    activities = Activity.objects.public().annotate(
        people=Sum("registrations__party_size", filter=_confirmed())
    ).only("pk", "department_id", "start_at", "end_at", "cancelled_at", "registration_required",
           "registration_opens_at", "registration_closes_at")
    month_of = {}
    for activity in activities:
        local = timezone.localtime(activity.start_at)
        if years and local.year not in years:
            continue
        key = (activity.department_id, local.year, local.month)
        month_of[activity.pk] = key
        row = figures[key]
        if activity.cancelled_at:
            row["activities_cancelled"] += 1
            continue
        row["activities_scheduled"] += 1
        if activity.stage_at(now) == Stage.HELD:
            row["activities_held"] += 1
        row["participants"] += activity.people or 0
    reports = ActivityReport.objects.public().filter(activity_id__in=month_of).values(
        "activity_id", "attendance", "suggestions_collected", "suggestions_adopted")
    for report in reports:
        row = figures[month_of[report["activity_id"]]]
        row["reports_published"] += 1
        row["attendance"] += report["attendance"] or 0
        row["suggestions_collected"] += report["suggestions_collected"]
        row["suggestions_adopted"] += report["suggestions_adopted"]
    return dict(figures)


def _confirmed():
    from django.db.models import Q

    return Q(registrations__status=RegistrationStatus.CONFIRMED)


@transaction.atomic
def refresh_monthly_stats(*, years: list[int] | None = None, now=None) -> int:
    """Replace the stored figures of `years` (all years when None) with freshly computed ones."""
    figures = compute_monthly(years=years, now=now)
    stale = MonthlyStat.objects.all()
    if years:
        stale = stale.filter(year__in=years)
    keep = set(figures)
    stale.exclude(pk__in=[s.pk for s in stale if (s.department_id, s.year, s.month) in keep]).delete()
    for (department_id, year, month), values in figures.items():
        MonthlyStat.objects.update_or_create(department_id=department_id, year=year, month=month, defaults=values)
    return len(figures)
