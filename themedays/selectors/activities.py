from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from portal.models import Department
from portal.params import Params
from themedays.models import Activity, ActivityForm, ActivityReport, RegistrationStatus, Survey, ThemeDayPlan


@dataclass(frozen=True)
class ActivityFilters:
    department: int | None = None
    form: str = ""

    @classmethod
    def from_query(cls, params) -> "ActivityFilters":
        p = Params(params)
        return cls(department=p.id("department"), form=p.choice("form", ActivityForm.values))

    @property
    def active(self) -> bool:
        return bool(self.department or self.form)

    def apply(self, qs: QuerySet) -> QuerySet:
        if self.department:
            qs = qs.filter(department_id=self.department)
        if self.form:
            qs = qs.filter(form=self.form)
        return qs


def public_activities() -> QuerySet[Activity]:
    return Activity.objects.public().select_related("department", "plan")


def activity_list(*, filters: ActivityFilters | None = None) -> QuerySet[Activity]:
    return (filters or ActivityFilters()).apply(public_activities())


def upcoming_activities(*, now=None, limit: int = 6) -> list[Activity]:
    now = now or timezone.now()
    return list(public_activities().filter(end_at__gt=now, cancelled_at__isnull=True).order_by("start_at")[:limit])


def activity_departments() -> QuerySet[Department]:
    """The departments that have public activities (for the calendar's filter)."""
    return Department.objects.filter(pk__in=Activity.objects.public().values("department")).order_by("sort_order")


def month_bounds(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    start = dt.datetime(year, month, 1, tzinfo=tz)
    end = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return start, end


@dataclass
class Day:
    date: dt.date
    in_month: bool
    is_today: bool
    activities: list = field(default_factory=list)


def calendar_month(*, year: int, month: int, filters: ActivityFilters, today: dt.date) -> tuple[list[list[Day]], list]:
    """Weeks (Monday first) of Days with the activities on each, and the month's activities in order."""
    start, end = month_bounds(year, month)
    activities = list(activity_list(filters=filters).filter(start_at__lt=end, end_at__gt=start).order_by("start_at"))
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append([Day(date=d, in_month=d.month == month, is_today=d == today) for d in week])
    by_date = {day.date: day for week in weeks for day in week}
    for activity in activities:
        first = timezone.localtime(activity.start_at).date()
        last = timezone.localtime(activity.end_at - dt.timedelta(seconds=1)).date()
        day = max(first, start.date())
        while day <= min(last, (end - dt.timedelta(days=1)).date()):
            if day in by_date:
                by_date[day].activities.append(activity)
            day += dt.timedelta(days=1)
    return weeks, activities


def seats_summary(activity: Activity) -> dict:
    counts = activity.registrations.aggregate(
        confirmed=Sum("party_size", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
    )
    taken = counts["confirmed"] or 0
    left = None if activity.capacity is None else max(activity.capacity - taken, 0)
    return {"taken": taken, "left": left, "waiting": counts["waiting"], "capacity": activity.capacity}


def latest_reports(*, limit: int = 6) -> list[ActivityReport]:
    return list(ActivityReport.objects.public().select_related("activity", "department")
                .prefetch_related("photos").order_by("-published_at", "-id")[:limit])


def report_list(*, department: int | None = None) -> QuerySet[ActivityReport]:
    qs = ActivityReport.objects.public().select_related("activity", "department").prefetch_related("photos")
    if department:
        qs = qs.filter(department_id=department)
    return qs.order_by("-published_at", "-id")


def current_plan(*, today: dt.date) -> ThemeDayPlan | None:
    """This year's plan if there is one, else the latest; province before city before district."""
    plans = list(ThemeDayPlan.objects.public().filter(year__lte=today.year).select_related("department"))
    order = {"province": 0, "city": 1, "district": 2}
    plans.sort(key=lambda p: (-p.year, order.get(p.level, 9), p.pk))
    return plans[0] if plans else None


def plan_rows(plan: ThemeDayPlan) -> list[Activity]:
    """The 计划安排表: the plan's public activities in the order of the table."""
    return list(plan.activities.public().select_related("department").order_by("start_at", "plan_serial", "pk"))


def open_surveys(*, now=None) -> list[Survey]:
    now = now or timezone.now()
    return list(Survey.objects.public().filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at"))
