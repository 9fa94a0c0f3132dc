"""The 互看互比 figures, read from the nightly MonthlyStat rows."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from themedays.models import MonthlyStat, ThemeDayPlan
from themedays.rules import months_below_goal

MONTHS = list(range(1, 13))
# A plan's level → the department levels compared with each other (互看互比 within one level).
DEPARTMENT_LEVELS = {"province": ["province"], "city": ["city"], "district": ["county", "township"]}


@dataclass
class DepartmentRow:
    department: object
    months: list[int] = field(default_factory=lambda: [0] * 12)
    held: int = 0
    scheduled: int = 0
    reports: int = 0
    attendance: int = 0
    suggestions_collected: int = 0
    suggestions_adopted: int = 0
    rank: int = 0


@dataclass
class YearStats:
    year: int
    rows: list[DepartmentRow]
    month_totals: list[int]
    month_reports: list[int]
    goal: int
    first_month: int
    last_month: int  # the last month that is over (0 when none yet)
    missed: list[int]
    computed_at: dt.datetime | None
    totals: dict

    @property
    def has_data(self) -> bool:
        return bool(self.rows)


def stat_years() -> list[int]:
    return sorted(set(MonthlyStat.objects.values_list("year", flat=True)) |
                  set(ThemeDayPlan.objects.public().values_list("year", flat=True)), reverse=True)


def year_stats(*, year: int, today: dt.date, level: str | None = None) -> YearStats:
    plans = ThemeDayPlan.objects.public().filter(year=year)
    if level:
        plans = plans.filter(level=level)
    plan = sorted(plans, key=lambda p: {"province": 0, "city": 1}.get(p.level, 2))[:1]
    goal = plan[0].goal_per_month if plan else 2
    first_month = plan[0].start_month if plan else 1
    by_dept: dict[int, DepartmentRow] = {}
    month_totals, month_reports = [0] * 12, [0] * 12
    computed_at = None
    stats = MonthlyStat.objects.filter(year=year).select_related("department")
    if level in DEPARTMENT_LEVELS:
        stats = stats.filter(department__level__in=DEPARTMENT_LEVELS[level])
    for stat in stats:
        row = by_dept.setdefault(stat.department_id, DepartmentRow(department=stat.department))
        row.months[stat.month - 1] += stat.activities_held
        row.held += stat.activities_held
        row.scheduled += stat.activities_scheduled
        row.reports += stat.reports_published
        row.attendance += stat.attendance
        row.suggestions_collected += stat.suggestions_collected
        row.suggestions_adopted += stat.suggestions_adopted
        month_totals[stat.month - 1] += stat.activities_held
        month_reports[stat.month - 1] += stat.reports_published
        computed_at = max(computed_at, stat.computed_at) if computed_at else stat.computed_at
    rows = sorted(by_dept.values(), key=lambda r: (-r.held, -r.reports, -r.attendance, r.department.sort_order))
    previous, rank = None, 0
    for position, row in enumerate(rows, start=1):
        key = (row.held, row.reports, row.attendance)
        if key != previous:
            rank, previous = position, key
        row.rank = rank
    if year < today.year:
        last_month = 12
    elif year == today.year:
        last_month = today.month - 1
    else:
        last_month = 0
    counts = {m: month_totals[m - 1] for m in MONTHS}
    missed = months_below_goal(counts, goal=goal, first_month=first_month, last_month=last_month)
    totals = {
        "held": sum(r.held for r in rows), "scheduled": sum(r.scheduled for r in rows),
        "reports": sum(r.reports for r in rows), "attendance": sum(r.attendance for r in rows),
        "departments": sum(1 for r in rows if r.held), "suggestions_collected": sum(r.suggestions_collected for r in rows),
        "suggestions_adopted": sum(r.suggestions_adopted for r in rows),
    }
    return YearStats(year=year, rows=rows, month_totals=month_totals, month_reports=month_reports, goal=goal,
                     first_month=first_month, last_month=last_month, missed=missed, computed_at=computed_at,
                     totals=totals)
