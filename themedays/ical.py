"""iCalendar export (RFC 5545) of public activities, times in Asia/Shanghai with a VTIMEZONE."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event

SHANGHAI = ZoneInfo("Asia/Shanghai")


def activity_event(activity, *, absolute_url, host: str) -> Event:
    event = Event()
    event.add("uid", f"themedays-activity-{activity.pk}@{host}")
    event.add("dtstamp", timezone.now())
    event.add("last-modified", activity.updated_at)
    event.add("dtstart", activity.start_at.astimezone(SHANGHAI))
    event.add("dtend", activity.end_at.astimezone(SHANGHAI))
    event.add("summary", activity.title)
    event.add("location", activity.place)
    url = absolute_url(activity.get_absolute_url())
    event.add("url", url)
    lines = [activity.summary, f"主办单位：{activity.department.name}", f"活动形式：{activity.get_form_display()}"]
    if activity.is_cancelled:
        lines.insert(0, f"【已取消】{activity.cancel_reason}")
    if activity.live_url:
        lines.append(f"直播：{activity.live_url}")
    lines.append(f"详情：{url}")
    event.add("description", "\n".join(lines))
    event.add("categories", [activity.get_form_display()])
    event.add("status", "CANCELLED" if activity.is_cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def build_calendar(activities, *, name: str, absolute_url, host: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//阳光政务//政务公开主题日//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Shanghai")
    for activity in activities:
        cal.add_component(activity_event(activity, absolute_url=absolute_url, host=host))
    cal.add_missing_timezones()
    return cal.to_ical()
