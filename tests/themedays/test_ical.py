import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from .conftest import make_activity

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def events(body: bytes):
    cal = Calendar.from_ical(body)
    return cal, [c for c in cal.walk("VEVENT")]


def test_activity_ics_has_shanghai_times_place_and_url(client, department):
    start = dt.datetime(2023, 9, 20, 9, 30, tzinfo=SHANGHAI)
    activity = make_activity(department, title="第十三届“中国统计开放日”", start_at=start, end_at=start + dt.timedelta(hours=2),
                             place="湖南省统计局统计数据发布厅")
    response = client.get(reverse("themedays:activity_ics", args=[activity.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    cal, [event] = events(response.content)
    assert str(event["SUMMARY"]) == "第十三届“中国统计开放日”"
    assert str(event["LOCATION"]) == "湖南省统计局统计数据发布厅"
    assert str(event["URL"]) == f"http://testserver{activity.get_absolute_url()}"
    dtstart = event.decoded("DTSTART")
    assert dtstart == start and dtstart.utcoffset() == dt.timedelta(hours=8)
    assert (dtstart.hour, dtstart.minute) == (9, 30)
    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert event.decoded("DTEND") - dtstart == dt.timedelta(hours=2)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    assert b"DTSTART;TZID=Asia/Shanghai:20230920T093000" in response.content


def test_calendar_ics_lists_public_activities_and_marks_cancelled(client, department):
    make_activity(department, title="公开活动")
    make_activity(department, title="草稿活动", status="draft")
    make_activity(department, title="已取消活动", cancelled_at=timezone.now(), cancel_reason="场地检修")
    _, found = events(client.get(reverse("themedays:calendar_ics")).content)
    by_title = {str(e["SUMMARY"]): e for e in found}
    assert set(by_title) == {"公开活动", "已取消活动"}
    assert str(by_title["已取消活动"]["STATUS"]) == "CANCELLED"
    assert "场地检修" in str(by_title["已取消活动"]["DESCRIPTION"])
    assert len({str(e["UID"]) for e in found}) == 2


def test_calendar_ics_filters_by_department(client, department, other_department):
    make_activity(department, title="财政厅活动")
    make_activity(other_department, title="民政厅活动")
    body = client.get(reverse("themedays:calendar_ics"), {"department": other_department.pk}).content
    assert [str(e["SUMMARY"]) for e in events(body)[1]] == ["民政厅活动"]


def test_draft_ics_is_404(client, department):
    draft = make_activity(department, status="draft")
    assert client.get(reverse("themedays:activity_ics", args=[draft.pk])).status_code == 404
