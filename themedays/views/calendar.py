"""The month grid and list, and the iCalendar feeds."""
from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from portal.params import Params
from portal.selectors import public_or_preview
from themedays.forms.public import CalendarFilterForm
from themedays.ical import build_calendar
from themedays.models import Activity, ActivityForm
from themedays.selectors.activities import ActivityFilters, activity_departments, activity_list, calendar_month

WEEKDAYS = [("一", "星期一"), ("二", "星期二"), ("三", "星期三"), ("四", "星期四"), ("五", "星期五"), ("六", "星期六"),
            ("日", "星期日")]


def _month_from(query, today: dt.date) -> tuple[int, int]:
    params = Params(query)
    year, month = params.year("year", minimum=2000), params.int("month", minimum=1, maximum=12)
    if year and month:
        return year, month
    return today.year, today.month


def _shift(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def calendar_page(request):
    today = timezone.localdate()
    year, month = _month_from(request.GET, today)
    filters = ActivityFilters.from_query(request.GET)
    view = Params(request.GET).choice("view", ["list", "month"], default="month")
    weeks, activities = calendar_month(year=year, month=month, filters=filters, today=today)
    filter_form = CalendarFilterForm(
        initial={"department": str(filters.department or ""), "form": filters.form},
        departments=activity_departments(), forms_choices=ActivityForm.choices,
    )
    keep = {k: v for k, v in (("department", filters.department or ""), ("form", filters.form)) if v}
    prev_year, prev_month = _shift(year, month, -1)
    next_year, next_month = _shift(year, month, 1)
    return render(request, "themedays/calendar.html", {
        "year": year, "month": month, "weeks": weeks, "activities": activities, "view": view,
        "weekdays": WEEKDAYS, "filter_form": filter_form, "filters": filters, "keep": keep,
        "prev": {"year": prev_year, "month": prev_month}, "next": {"year": next_year, "month": next_month},
        "today": today, "years": range(today.year - 4, today.year + 2), "months": range(1, 13),
    })


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def calendar_ics(request):
    """Every public activity (cancelled ones marked CANCELLED so subscribed calendars update)."""
    filters = ActivityFilters.from_query(request.GET)
    activities = activity_list(filters=filters).order_by("start_at")
    body = build_calendar(activities, name="政务公开主题日", absolute_url=request.build_absolute_uri,
                          host=request.get_host().split(":")[0])
    return _ics_response(body, "themedays.ics")


def activity_ics(request, pk: int):
    activity, _ = public_or_preview(Activity.objects.select_related("department"), pk, request.user)
    body = build_calendar([activity], name=activity.title, absolute_url=request.build_absolute_uri,
                          host=request.get_host().split(":")[0])
    return _ics_response(body, f"activity-{activity.pk}.ics")
