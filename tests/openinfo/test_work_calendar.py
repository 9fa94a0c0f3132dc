"""Deadlines past the entered calendar, the pasted State Council notice, the reminder to enter next year."""
import datetime as dt
from pathlib import Path

import chinese_calendar
import pytest
from django.core import mail
from django.urls import reverse

from openinfo import deadlines as D
from openinfo import services
from openinfo.holiday_notice import NoticeError, parse_notice
from openinfo.models import Letter, WorkCalendarDay
from openinfo.services.calendar import send_calendar_reminder
from portal.models import Role
from tests.factories import official

from .conftest import login, submit_on

NOTICES = Path(__file__).parent / "notices"
ENTERED = D.build_calendar(D.chinese_calendar_rows(), range(2004, 2027))
PROVISIONAL_2027 = "2027 年放假安排公布前按法定节假日暂算"

# A made-up 2027 notice in the State Council's format (the real one is not part of the test data): 元旦
# with a 调休 that the statutory fallback cannot know, so an open case's date must move when it is entered.
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2027年元旦、春节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周五）至5日（周二）放假调休，共5天。1月9日（周六）上班。
二、春节：2月5日（农历除夕、周五）至12日（农历正月初七、周五）放假调休，共8天。2月20日（周六）上班。
国务院办公厅
2026年11月20日
"""


@pytest.mark.parametrize("year", [2025, 2026])
def test_statutory_days_are_holidays_in_chinese_calendar(year):
    days = D.statutory_holidays(year)
    assert len(days) == 13  # 元旦 1 + 春节 4 + 清明 1 + 劳动节 2 + 端午 1 + 中秋 1 + 国庆 3
    assert all(chinese_calendar.is_holiday(day) for day in days)
    names = {name for _day, name in chinese_calendar.holidays.items() if _day in days}
    assert names == {chinese_calendar.Holiday[n].value for n in (
        "new_years_day", "spring_festival", "tomb_sweeping_day", "labour_day", "dragon_boat_festival",
        "mid_autumn_festival", "national_day")}


def test_new_years_eve_is_the_day_before_the_first_of_the_first_month():
    # 2026: 正月初一 is 17 February, so 除夕 is 16 February (腊月廿九, a month of 29 days).
    spring = sorted(d for d, n in D.statutory_holidays(2026).items() if n == "春节")
    assert spring == [dt.date(2026, 2, 16), dt.date(2026, 2, 17), dt.date(2026, 2, 18), dt.date(2026, 2, 19)]


@pytest.mark.parametrize("received", [dt.date(2027, 3, 1), dt.date(2030, 9, 20), dt.date(2045, 1, 25),
                                      dt.date(2099, 12, 20)])
def test_every_date_has_a_provisional_deadline(received):
    due = D.due_date(received, ENTERED)
    assert D.working_days_between(received, due, ENTERED) == 20
    assert D.provisional_note(received, due, ENTERED).endswith("年放假安排公布前按法定节假日暂算")
    assert "暂定" in D.explain(received, ENTERED)


def test_statutory_holidays_are_not_counted_in_a_future_year():
    # 2045: 中秋 Monday 25 September, 国庆 Sunday 1 – Tuesday 3 October; no 调休 is guessed.
    assert D.explain(dt.date(2045, 9, 20), ENTERED) == (
        "收到日 2045-09-20，法定 20 个工作日，中秋 09-23 至 09-25 不计，国庆 09-30 至 10-03 不计 → 2045-10-23"
        "（暂定：2045 年放假安排公布前按法定节假日暂算）")


@pytest.mark.django_db
@pytest.mark.parametrize("received", [dt.date(2027, 6, 1), dt.date(2030, 1, 2), dt.date(2045, 5, 1),
                                      dt.date(2099, 12, 30)])
def test_reply_due_date_answers_for_any_date(received):
    deadline = D.reply_deadline(received)
    assert D.reply_due_date(received) == deadline.date > received
    assert "暂定" in str(deadline)


@pytest.mark.parametrize("year", [2019, 2021, 2022, 2023, 2024, 2025, 2026])
def test_real_notices_agree_with_chinese_calendar_day_by_day(year):
    notice = parse_notice((NOTICES / f"{year}.txt").read_text(encoding="utf-8"))
    assert notice.year == year
    calendar = D.build_calendar(notice.rows(), {d.year for d, _k, _n in notice.rows()} | {year})
    day = dt.date(year, 1, 1)
    days = {day + dt.timedelta(days=i) for i in range(366) if (day + dt.timedelta(days=i)).year == year}
    for day in sorted(days | set(notice.holidays) | set(notice.workdays)):
        assert calendar.is_working_day(day) == chinese_calendar.is_workday(day), day
    assert set(notice.workdays) == {d for d in chinese_calendar.workdays if d in days or d in notice.workdays}


def test_notice_ranges_across_months_and_years():
    notice = parse_notice((NOTICES / "2023.txt").read_text(encoding="utf-8"))
    assert notice.holidays[dt.date(2022, 12, 31)] == "元旦"  # "2022年12月31日至2023年1月2日"
    assert [d for d, n in notice.holidays.items() if n == "中秋节、国庆节"] == [
        dt.date(2023, 9, 29) + dt.timedelta(days=i) for i in range(8)]  # "9月29日至10月6日"
    assert notice.workdays[dt.date(2023, 10, 8)] == "中秋节、国庆节"


def test_an_unreadable_line_is_named():
    text = NOTICE_2027.replace("1月9日（周六）上班。", "1月9日（周六）另行通知。")
    with pytest.raises(NoticeError) as error:
        parse_notice(text)
    assert "“一、元旦：1月1日（周五）至5日（周二）放假调休，共5天。1月9日（周六）另行通知。”" in str(error.value)
    with pytest.raises(NoticeError, match="标题"):
        parse_notice("一、元旦：1月1日放假。")


@pytest.mark.parametrize("today, entered, expected", [
    (dt.date(2026, 10, 31), {2026}, []),
    (dt.date(2026, 11, 1), {2026}, [2027]),
    (dt.date(2026, 12, 3), {2026, 2027}, []),
    (dt.date(2027, 3, 1), {2026}, [2027]),
    (dt.date(2030, 11, 15), {2030}, [2031]),
    (dt.date(2045, 6, 1), set(), [2045]),
    (dt.date(2099, 12, 31), {2099}, [2100]),
])
def test_reminder_rule(today, entered, expected):
    assert D.reminder_years(today, entered) == expected


@pytest.mark.django_db
def test_reminder_mails_the_office_only_while_the_year_is_missing(department, django_capture_on_commit_callbacks):
    office, reviewer = official(Role.OFFICE), official(Role.REVIEWER, department)
    for user, email in ((office, "gkb@example.gov.cn"), (reviewer, "reviewer@example.gov.cn")):
        user.email = email
        user.save(update_fields=["email"])
    assert send_calendar_reminder(dt.date(2026, 10, 31)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert send_calendar_reminder(dt.date(2026, 11, 2)) == 1
    assert [m.to for m in mail.outbox] == [[office.email]] and "2027 年" in mail.outbox[0].subject
    services.calendar.enter_notice(parse_notice(NOTICE_2027), actor=office)
    assert send_calendar_reminder(dt.date(2026, 11, 3)) == 0


@pytest.mark.django_db
def test_pasting_the_notice_previews_saves_and_recomputes_open_cases(client, department, handler, monkeypatch,
                                                                       django_capture_on_commit_callbacks):
    # The officials act on 28 December 2026 (dates they enter may not be later than their today).
    monkeypatch.setattr("openinfo.services.requests._today", lambda: dt.date(2026, 12, 28))
    req = submit_on(dt.date(2026, 12, 21), department)
    services.request_accept(req=req, actor=handler, confirmed_on=dt.date(2026, 12, 21))
    req.refresh_from_db()
    assert (req.due_date, req.due_provisional) == (dt.date(2027, 1, 19), PROVISIONAL_2027)
    letter = services.letter_submit(kind="consult", department=department, subject="咨询", content="请问",
                                    name="王", phone="13900000000")
    # As if written on Monday 28 December 2026: 5 working days run into 2027.
    written = dt.datetime(2026, 12, 28, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    due = services.letter_deadline("consult", written.date())
    Letter.objects.filter(pk=letter.pk).update(submitted_at=written, due_date=due.date, due_provisional=due.provisional)
    assert due.date == dt.date(2027, 1, 5) and due.provisional == PROVISIONAL_2027
    url = reverse("admin:openinfo_workcalendarday_paste")
    login(client, handler)
    assert client.get(url).status_code == 403  # only the 公开办 enters the calendar
    office = official(Role.OFFICE)
    login(client, office)
    # The test table ends at 2026, so on any real day from November 2026 on some year is missing.
    assert "oi-calendar-reminder" in client.get(reverse("admin:index")).content.decode()

    bad = client.post(url, {"text": NOTICE_2027.replace("至5日（周二）", "至（周二）"), "preview": "1"})
    assert "无法识别此行的放假日期范围" in bad.content.decode()
    preview = client.post(url, {"text": NOTICE_2027, "preview": "1"}).content.decode()
    assert "2027 年放假安排预览" in preview and "2027年2月" in preview and "<br>班" in preview
    assert not WorkCalendarDay.objects.filter(date__year=2027).exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"text": NOTICE_2027, "save": "1"})
    assert WorkCalendarDay.objects.get(date=dt.date(2027, 1, 9)).kind == "workday"
    assert WorkCalendarDay.objects.filter(date__year=2027, kind="holiday").count() == 13

    req.refresh_from_db()
    # 4–5 January are now off, Saturday 9 January is worked: one day later, and final.
    assert (req.due_date, req.due_provisional) == (dt.date(2027, 1, 20), "")
    assert req.events.get(action="期限重算").public_text == "放假安排已录入，答复期限重新计算为 2027-01-20。"
    letter.refresh_from_db()
    assert (letter.due_date, letter.due_provisional) == (dt.date(2027, 1, 7), "")


@pytest.mark.django_db
def test_demo_shows_a_provisional_deadline_on_a_case_received_this_month(client):
    from django.utils import timezone

    from openinfo import demo
    from openinfo.models import InfoRequest
    from portal import demo as portal_demo

    portal_demo.seed()
    demo.seed()
    today = timezone.localdate()
    req = InfoRequest.objects.get(received_on=today.replace(day=1), extended=True)
    # The test database holds chinese_calendar's years (to 2026), so from December 2026 on this is 暂定.
    assert req.due_provisional.endswith("年放假安排公布前按法定节假日暂算")
    assert "（暂定：" in req.events.get(action="延期答复").public_text


@pytest.mark.django_db
def test_a_provisional_date_is_marked_on_the_track_page_the_notice_and_the_admin(client, department, handler):
    req = submit_on(dt.date(2026, 12, 1), department)
    code = req.query_code_plain
    services.request_accept(req=req, actor=handler, confirmed_on=dt.date(2026, 12, 1))
    services.request_extend(req=req, actor=handler, reason="需要调取档案", approver="王主任",
                            approved_on=dt.date(2026, 12, 2))
    req.refresh_from_db()
    assert req.due_provisional == PROVISIONAL_2027
    html = client.post(reverse("openinfo:track"), {"tracking_number": req.tracking_number, "query_code": code},
                       follow=True).content.decode()
    assert "（暂定）" in html and f"暂定：</strong>{PROVISIONAL_2027}" in html
    assert f"延长 20 个工作日至 {req.due_date:%Y-%m-%d}（暂定：{PROVISIONAL_2027}）" in html
    notice = services.document_draft(req=req, kind="extension", actor=handler)
    assert f"延长后的答复期限为{req.due_date.year}年{req.due_date.month}月{req.due_date.day}日（暂定：{PROVISIONAL_2027}）" \
        in notice.body
    login(client, handler)
    page = client.get(reverse("admin:openinfo_inforequest_change", args=[req.pk])).content.decode()
    assert f"暂定：</strong>{PROVISIONAL_2027}" in page
    listing = client.get(reverse("admin:openinfo_inforequest_changelist") + "?deadline=provisional").content.decode()
    assert req.tracking_number in listing and "（暂定：" in listing


@pytest.mark.django_db
def test_a_third_party_limit_in_a_year_not_entered_is_marked(department, handler, monkeypatch):
    monkeypatch.setattr("openinfo.services.requests._today", lambda: dt.date(2026, 12, 15))  # the officials' today
    req = submit_on(dt.date(2026, 12, 14), department)
    services.request_accept(req=req, actor=handler, confirmed_on=dt.date(2026, 12, 14))
    services.request_consult(req=req, actor=handler, started=dt.date(2026, 12, 15))
    req.refresh_from_db()
    assert req.due_date is None
    assert f"对方期限 2027-01-06（暂定：{PROVISIONAL_2027}）" in req.due_explanation
