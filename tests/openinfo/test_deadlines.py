"""Working-day deadlines, checked against chinese_calendar itself (an independent count)."""
import datetime as dt
import io

import chinese_calendar
import pytest

from openinfo import deadlines as D
from openinfo.models import WorkCalendarDay

CAL = D.build_calendar(D.chinese_calendar_rows(), range(2004, 2027))


def reference_add(start, n):
    """The n-th working day after start, by chinese_calendar.is_workday."""
    day = start
    while n:
        day += dt.timedelta(days=1)
        if chinese_calendar.is_workday(day):
            n -= 1
    return day


@pytest.mark.parametrize("start", [
    dt.date(2025, 9, 26),   # National Day + Mid-Autumn 2025, make-up Sundays 09-28 and Saturday 10-11
    dt.date(2025, 1, 20),   # Spring Festival 2025, make-up Sunday 01-26 and Saturday 02-08
    dt.date(2024, 2, 1),    # Spring Festival 2024, make-up Sunday 02-04 and Saturday 02-18
    dt.date(2023, 9, 20),   # 2023 National Day + Mid-Autumn, make-up Saturdays 10-07 and 10-08
    dt.date(2026, 2, 6),    # Spring Festival 2026
    dt.date(2024, 12, 20),  # across New Year
])
@pytest.mark.parametrize("n", [7, 15, 20, 40])
def test_add_working_days_agrees_with_chinese_calendar(start, n):
    assert D.add_working_days(start, n, CAL) == reference_add(start, n)


def test_the_rules_example_and_its_explanation():
    assert D.due_date(dt.date(2025, 9, 26), CAL) == dt.date(2025, 10, 30)
    assert D.explain(dt.date(2025, 9, 26), CAL) == (
        "收到日 2025-09-26，法定 20 个工作日，09-28、10-11 调休上班计入，国庆中秋 10-01 至 10-08 不计 → 2025-10-30")


def test_make_up_saturday_counts_and_spring_festival_does_not():
    # 2025-02-08 is a Saturday worked in exchange for the Spring Festival holiday.
    assert CAL.is_working_day(dt.date(2025, 2, 8))
    assert not CAL.is_working_day(dt.date(2025, 1, 29))
    text = D.explain(dt.date(2025, 1, 20), CAL)
    assert "01-26、02-08 调休上班计入" in text and "春节 01-28 至 02-04 不计" in text


def test_day_of_receipt_is_not_counted():
    # Monday 2025-03-03: the first working day counted is Tuesday.
    assert D.add_working_days(dt.date(2025, 3, 3), 1, CAL) == dt.date(2025, 3, 4)
    assert D.add_working_days(dt.date(2025, 3, 7), 1, CAL) == dt.date(2025, 3, 10)  # Friday → Monday


def test_extension_adds_twenty_working_days():
    base = D.due_date(dt.date(2025, 9, 26), CAL)
    extended = D.due_date(dt.date(2025, 9, 26), CAL, extended=True)
    assert extended == D.add_working_days(base, 20, CAL) == reference_add(dt.date(2025, 9, 26), 40)


def test_paused_working_days_push_the_deadline_back():
    pause = D.Pause(dt.date(2025, 3, 5), dt.date(2025, 3, 12), "第三方征求意见")  # Thu..Wed = 5 working days
    assert D.working_days_between(pause.started, pause.ended, CAL) == 5
    assert D.due_date(dt.date(2025, 3, 3), CAL, pauses=[pause]) == reference_add(dt.date(2025, 3, 3), 25)
    assert "第三方征求意见 03-05 至 03-12 共 5 个工作日不计" in D.explain(dt.date(2025, 3, 3), CAL, pauses=[pause])


def test_open_pause_has_no_date_yet():
    with pytest.raises(ValueError):
        D.due_date(dt.date(2025, 3, 3), CAL, pauses=[D.Pause(dt.date(2025, 3, 5), None)])


def test_a_year_without_data_counts_statutory_holidays_and_is_provisional():
    # 2027: 元旦 is Friday 1 January; no make-up days are guessed.
    due = D.add_working_days(dt.date(2026, 12, 15), 20, CAL)
    assert due == dt.date(2027, 1, 13)
    assert D.provisional_note(dt.date(2026, 12, 15), due, CAL) == "2027 年放假安排公布前按法定节假日暂算"
    assert D.provisional_note(dt.date(2025, 9, 26), dt.date(2025, 10, 30), CAL) == ""
    # 春节 2027: 除夕 Friday 5 February, 初一–初三 6–8 February → 5 and 8 February are not worked.
    assert D.due_date(dt.date(2027, 2, 1), CAL) == dt.date(2027, 3, 3)


def test_working_days_left_is_negative_when_overdue():
    assert D.working_days_left(dt.date(2025, 10, 30), dt.date(2025, 10, 30), CAL) == 0
    assert D.working_days_left(dt.date(2025, 10, 27), dt.date(2025, 10, 30), CAL) == 3
    assert D.working_days_left(dt.date(2025, 11, 3), dt.date(2025, 10, 30), CAL) == -2


@pytest.mark.django_db
def test_reply_due_date_uses_the_seeded_table():
    assert WorkCalendarDay.objects.filter(date__year=2004).exists()
    assert WorkCalendarDay.objects.filter(date__year=2026).exists()
    assert D.reply_due_date(dt.date(2025, 9, 26)) == dt.date(2025, 10, 30)
    assert D.reply_due_date(dt.date(2025, 9, 26), extended=True) == reference_add(dt.date(2025, 9, 26), 40)
    assert D.reply_due_date(dt.date(2024, 2, 1)) == reference_add(dt.date(2024, 2, 1), 20)


@pytest.mark.django_db
def test_reply_due_date_follows_edits_of_the_table():
    # The office declares an extra holiday (e.g. a local one): the date moves by one working day.
    WorkCalendarDay.objects.create(date=dt.date(2025, 10, 20), kind="holiday", name="测试假日")
    assert D.reply_due_date(dt.date(2025, 9, 26)) == dt.date(2025, 10, 31)
    assert D.reply_deadline(dt.date(2026, 12, 20)).provisional == "2027 年放假安排公布前按法定节假日暂算"


@pytest.mark.django_db
def test_sync_command_restores_missing_days_and_keeps_edits():
    from django.core.management import call_command

    WorkCalendarDay.objects.filter(date__year=2026).delete()
    WorkCalendarDay.objects.create(date=dt.date(2026, 10, 1), kind="holiday", name="本地名称")
    call_command("sync_work_calendar", stdout=io.StringIO())
    assert WorkCalendarDay.objects.get(date=dt.date(2026, 10, 1)).name == "本地名称"
    assert WorkCalendarDay.objects.filter(date__year=2026).count() == len(
        [r for r in D.chinese_calendar_rows() if r[0].year == 2026])
