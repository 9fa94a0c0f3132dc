"""Working-day arithmetic for the 条例's deadlines.

Pure functions over a `WorkCalendar` (no database, no clock) so tests can feed them any dates; the
two thin loaders at the end read the WorkCalendarDay table. Rules (条例 Art. 30–33):
- the day of receipt is not counted; the reply is due on the 20th working day after it;
- an approved extension adds 20 working days, once;
- a 补正 restarts the count from the day the corrected application is received;
- working days inside a pause (第三方征求意见, 收费通知 until paid) are not counted.
A year whose 放假安排 has not been entered is counted with the statutory holidays of the 全国年节及纪念日放假办法
(2024 revision), weekends off and no 调休: a deadline always exists, and every date that relied on such a
year is marked 暂定 (`provisional_note`) until the office enters the State Council's notice.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable

REPLY_DAYS = 20
EXTENSION_DAYS = 20
CORRECTION_NOTICE_DAYS = 7
THIRD_PARTY_DAYS = 15
FEE_PAYMENT_DAYS = 20
ONE_DAY = dt.timedelta(days=1)

# Short forms used when explaining a run of holidays ("国庆中秋 10-01 至 10-08 不计").
SHORT_NAMES = {"国庆节": "国庆", "中秋节": "中秋", "清明节": "清明", "劳动节": "五一", "端午节": "端午"}


@lru_cache(maxsize=256)
def statutory_holidays(year: int) -> dict:
    """The 全国年节及纪念日放假办法 (revised 2024, in force 2025) for `year`: date -> name.

    元旦 1 Jan; 春节 除夕 + 正月初一–初三; 清明 (the solar term); 劳动节 1–2 May; 端午 五月初五; 中秋 八月十五;
    国庆 1–3 Oct. Lunar dates and the 清明 term come from the `holidays` package's China calendar (1950–2100),
    asked without its guessed "observed" days; outside its range only the fixed-date holidays remain.
    """
    import holidays

    names = {"元旦": "元旦", "农历除夕": "春节", "春节": "春节", "清明节": "清明节", "劳动节": "劳动节",
             "端午节": "端午节", "中秋节": "中秋节", "国庆节": "国庆节"}
    days = {dt.date(year, 1, 1): "元旦", dt.date(year, 5, 1): "劳动节", dt.date(year, 5, 2): "劳动节",
            dt.date(year, 10, 1): "国庆节", dt.date(year, 10, 2): "国庆节", dt.date(year, 10, 3): "国庆节"}
    # Its table for a past year also holds that year's announced rest days ("休息日（由…调休）"): only the
    # statutory names are kept, a notice's 调休 is never guessed.
    for day, name in holidays.China(years=year, observed=False, language="zh_CN").items():
        if name in names:
            days.setdefault(day, names[name])
    return days


@dataclass(frozen=True)
class WorkCalendar:
    """Entered years (`known_years`) follow the table exactly; any other year follows `statutory`."""

    holidays: dict = field(default_factory=dict)  # date -> name
    workdays: dict = field(default_factory=dict)  # date -> name (make-up Saturday/Sunday)
    known_years: frozenset = frozenset()
    statutory: Callable[[int], dict] = statutory_holidays

    def holiday_name(self, day: dt.date) -> str | None:
        if day.year in self.known_years:
            return self.holidays.get(day)
        return self.statutory(day.year).get(day)

    def is_working_day(self, day: dt.date) -> bool:
        if day.year in self.known_years and day in self.workdays:
            return True
        if self.holiday_name(day):
            return False
        return day.weekday() < 5

    def provisional_years(self, start: dt.date, end: dt.date) -> list[int]:
        """The years of [start, end] counted without an entered 放假安排."""
        return [y for y in range(start.year, end.year + 1) if y not in self.known_years]


def provisional_note(start: dt.date, end: dt.date, calendar: WorkCalendar) -> str:
    """"2027 年放假安排公布前按法定节假日暂算" when a date counted from `start` to `end` relied on a year
    not entered yet; "" when the date is final."""
    years = calendar.provisional_years(start, end)
    return f"{'、'.join(map(str, years))} 年放假安排公布前按法定节假日暂算" if years else ""


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
            # A pasted notice names a joint holiday "国庆节、中秋节"; chinese_calendar names each day.
            for name in (calendar.holiday_name(day) or "").split("、"):
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
    makeups = sorted(d for d in calendar.workdays if received_on < d <= result and d.year in calendar.known_years)
    if makeups:
        parts.append("、".join(fmt(d) for d in makeups) + " 调休上班计入")
    for first, last, name in _holiday_runs(received_on, result, calendar):
        span = fmt(first) if first == last else f"{fmt(first)} 至 {fmt(last)}"
        parts.append(f"{name} {span} 不计")
    note = provisional_note(received_on, result, calendar)
    return "，".join(parts) + f" → {fmt(result, with_year=True)}" + (f"（暂定：{note}）" if note else "")


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


@dataclass(frozen=True)
class Deadline:
    """A computed due date and, while it relies on a year not entered yet, why it is 暂定."""

    date: dt.date
    provisional: str = ""

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}" + (f"（暂定：{self.provisional}）" if self.provisional else "")


def working_day_deadline(start: dt.date, n: int, calendar: WorkCalendar) -> Deadline:
    """The n-th working day after `start` with its 暂定 note: letters, pauses and notices use this."""
    day = add_working_days(start, n, calendar)
    return Deadline(day, provisional_note(start, day, calendar))


REMINDER_FROM = (11, 1)  # the State Council's notice for next year usually appears in November


def reminder_years(today: dt.date, known_years: Iterable[int]) -> list[int]:
    """The years the 公开办 is reminded to enter on `today` ([] = no reminder): this year whenever it is
    missing, and next year from 1 November on."""
    known = set(known_years)
    due = [today.year] + ([today.year + 1] if (today.month, today.day) >= REMINDER_FROM else [])
    return [y for y in due if y not in known]


# ---- database-backed entry points ---------------------------------------------------------------

def load_calendar() -> WorkCalendar:
    """The whole WorkCalendarDay table (a few hundred rows) as a WorkCalendar; a year is entered once it has
    at least one row. Always all of it: a year left out would silently be counted as not entered."""
    from openinfo.models import WorkCalendarDay

    rows = list(WorkCalendarDay.objects.values_list("date", "kind", "name"))
    return build_calendar(rows, {r[0].year for r in rows})


def reply_due_date(received_on: dt.date, *, extended: bool = False) -> dt.date:
    """The statutory reply date for an application received on `received_on`; exists for any date (see
    `reply_deadline` for whether it is 暂定)."""
    return reply_deadline(received_on, extended=extended).date


def reply_deadline(received_on: dt.date, *, extended: bool = False) -> Deadline:
    calendar = load_calendar()
    day = due_date(received_on, calendar, extended=extended)
    return Deadline(day, provisional_note(received_on, day, calendar))
