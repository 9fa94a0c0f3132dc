"""Working-day arithmetic for the 条例's deadlines.

Pure functions over a `WorkCalendar` (no database, no clock) so tests can feed them any dates; the
two thin loaders at the end read the WorkCalendarDay table. Rules (条例 Art. 30–33):
- the day of receipt is not counted; the reply is due on the 20th working day after it;
- an approved extension adds 20 working days, once;
- a 补正 restarts the count from the day the corrected application is received;
- working days inside a pause (第三方征求意见, 收费通知 until paid) are not counted.
A year with no calendar data raises CalendarMissing: a guessed date could be wrong by a week.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable

REPLY_DAYS = 20
EXTENSION_DAYS = 20
CORRECTION_NOTICE_DAYS = 7
THIRD_PARTY_DAYS = 15
FEE_PAYMENT_DAYS = 20
ONE_DAY = dt.timedelta(days=1)

# Short forms used when explaining a run of holidays ("国庆中秋 10-01 至 10-08 不计").
SHORT_NAMES = {"国庆节": "国庆", "中秋节": "中秋", "清明节": "清明", "劳动节": "五一", "端午节": "端午"}


class CalendarMissing(Exception):
    """The holiday schedule of `year` has not been entered; no deadline can be computed."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(f"{year} 年的节假日与调休安排尚未录入工作日历，无法计算期限。请在后台“工作日历”中录入。")


@dataclass(frozen=True)
class WorkCalendar:
    holidays: dict = field(default_factory=dict)  # date -> name
    workdays: dict = field(default_factory=dict)  # date -> name (make-up Saturday/Sunday)
    known_years: frozenset = frozenset()

    def is_working_day(self, day: dt.date) -> bool:
        if day.year not in self.known_years:
            raise CalendarMissing(day.year)
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5


@dataclass(frozen=True)
class Pause:
    """Time not counted: working days d with started < d <= ended (ended None = still paused)."""

    started: dt.date
    ended: dt.date | None
    reason: str = ""


def add_working_days(start: dt.date, n: int, calendar: WorkCalendar) -> dt.date:
    """The n-th working day after `start` (start itself is not counted); n = 0 returns start."""
    day, left = start, n
    while left > 0:
        day += ONE_DAY
        if calendar.is_working_day(day):
            left -= 1
    return day


def working_days_between(start: dt.date, end: dt.date, calendar: WorkCalendar) -> int:
    """Working days d with start < d <= end (0 if end <= start): how much of a period has elapsed."""
    count, day = 0, start
    while day < end:
        day += ONE_DAY
        if calendar.is_working_day(day):
            count += 1
    return count


def paused_working_days(pauses: Iterable[Pause], calendar: WorkCalendar) -> int:
    total = 0
    for pause in pauses:
        if pause.ended is None:
            raise ValueError("计时暂停中，期限待恢复计时后确定。")
        total += working_days_between(pause.started, pause.ended, calendar)
    return total


def due_date(
    received_on: dt.date, calendar: WorkCalendar, *, extended: bool = False, pauses: Iterable[Pause] = ()
) -> dt.date:
    """The reply deadline: 20 (+20) working days after receipt, pushed back by the paused working days."""
    days = REPLY_DAYS + (EXTENSION_DAYS if extended else 0) + paused_working_days(pauses, calendar)
    return add_working_days(received_on, days, calendar)


def working_days_left(today: dt.date, due: dt.date, calendar: WorkCalendar) -> int:
    """Working days from today to the deadline: 0 on the due day, negative once overdue."""
    if due >= today:
        return working_days_between(today, due, calendar)
    return -working_days_between(due, today, calendar)


def fmt(day: dt.date, *, with_year: bool = False) -> str:
    return day.strftime("%Y-%m-%d" if with_year else "%m-%d")


def _holiday_runs(start: dt.date, end: dt.date, calendar: WorkCalendar) -> list[tuple[dt.date, dt.date, str]]:
    """Runs of consecutive non-working days in (start, end] that contain a statutory holiday."""
    runs, day, current = [], start, None
    while day < end:
        day += ONE_DAY
        if not calendar.is_working_day(day):
            current = [day, day, []] if current is None else [current[0], day, current[2]]
            name = calendar.holidays.get(day)
            if name and name not in current[2]:
                current[2].append(name)
        elif current is not None:
            if current[2]:
                runs.append(current)
            current = None
    if current is not None and current[2]:
        runs.append(current)
    return [(a, b, "".join(SHORT_NAMES.get(n, n) for n in names)) for a, b, names in runs]


def explain(
    received_on: dt.date, calendar: WorkCalendar, *, extended: bool = False, pauses: Iterable[Pause] = (),
    label: str = "收到日",
) -> str:
    """A sentence a citizen can check by hand, e.g.
    收到日 2025-09-26，法定 20 个工作日，09-28、10-11 调休上班计入，国庆中秋 10-01 至 10-08 不计 → 2025-10-30"""
    pauses = list(pauses)
    result = due_date(received_on, calendar, extended=extended, pauses=pauses)
    parts = [f"{label} {fmt(received_on, with_year=True)}", f"法定 {REPLY_DAYS} 个工作日"]
    if extended:
        parts.append(f"经批准延期 {EXTENSION_DAYS} 个工作日")
    for pause in pauses:
        n = working_days_between(pause.started, pause.ended, calendar)
        parts.append(f"{pause.reason or '暂停计时'} {fmt(pause.started)} 至 {fmt(pause.ended)} 共 {n} 个工作日不计")
    makeups = sorted(d for d in calendar.workdays if received_on < d <= result)
    if makeups:
        parts.append("、".join(fmt(d) for d in makeups) + " 调休上班计入")
    for first, last, name in _holiday_runs(received_on, result, calendar):
        span = fmt(first) if first == last else f"{fmt(first)} 至 {fmt(last)}"
        parts.append(f"{name} {span} 不计")
    return "，".join(parts) + f" → {fmt(result, with_year=True)}"


def build_calendar(rows: Iterable[tuple[dt.date, str, str]], known_years: Iterable[int]) -> WorkCalendar:
    """rows: (date, "holiday" | "workday", name)."""
    holidays, workdays = {}, {}
    for day, kind, name in rows:
        (holidays if kind == "holiday" else workdays)[day] = name
    return WorkCalendar(holidays=holidays, workdays=workdays, known_years=frozenset(known_years))


# chinese_calendar's English holiday names → the names the table and the explanations use.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节", "Mid-autumn Festival": "中秋节", "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def chinese_calendar_rows() -> list[tuple[dt.date, str, str]]:
    """Every holiday and make-up workday chinese_calendar knows (2004–2026), as table rows."""
    import chinese_calendar

    rows = [(d, "holiday", HOLIDAY_NAMES.get(str(n), str(n))) for d, n in chinese_calendar.holidays.items()]
    rows += [(d, "workday", HOLIDAY_NAMES.get(str(n), str(n))) for d, n in chinese_calendar.workdays.items()]
    return sorted(rows)


# ---- database-backed entry points ---------------------------------------------------------------

def load_calendar(first_year: int | None = None, last_year: int | None = None) -> WorkCalendar:
    """The WorkCalendarDay table as a WorkCalendar (a year is known once it has at least one row)."""
    from openinfo.models import WorkCalendarDay

    qs = WorkCalendarDay.objects.all()
    if first_year is not None:
        qs = qs.filter(date__year__gte=first_year)
    if last_year is not None:
        qs = qs.filter(date__year__lte=last_year)
    rows = list(qs.values_list("date", "kind", "name"))
    return build_calendar(rows, {r[0].year for r in rows})


def reply_due_date(received_on: dt.date, *, extended: bool = False) -> dt.date:
    """The statutory reply date for an application received on `received_on` (raises CalendarMissing)."""
    calendar = load_calendar(received_on.year, received_on.year + 1)
    return due_date(received_on, calendar, extended=extended)


def missing_years(years: Iterable[int]) -> list[int]:
    """Which of `years` have no calendar data — the admin warns about these."""
    from openinfo.models import WorkCalendarDay

    years = sorted(set(years))
    known = {d.year for d in WorkCalendarDay.objects.filter(date__year__in=years).dates("date", "year")}
    return [y for y in years if y not in known]
