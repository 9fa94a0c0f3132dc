"""What the 数据分析 dashboard and the monthly Excel report show (selectors: reads only).

Visits come from PageViewDaily. Searches, requests/letters and theme-day activities belong to other
apps; each section is computed when that app provides the data and is None otherwise, so the
dashboard shows what exists and says what does not.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import Sum
from django.utils import timezone

from portal.analytics import external
from portal.models import PageViewDaily
from portal.params import InvalidParameter, parse_int


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    key: str  # "2026-03"

    @property
    def label(self) -> str:
        return f"{self.start.year}年{self.start.month}月"

    @property
    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=n) for n in range((self.end - self.start).days + 1)]


def month_period(value: str | None = None, *, today: dt.date | None = None) -> Period:
    """The month "YYYY-MM" (a bad or missing value means the current month)."""
    today = today or timezone.localdate()
    head, _, tail = (value or "").partition("-")
    try:
        year, month = parse_int(head, minimum=2000, maximum=2100), parse_int(tail, minimum=1, maximum=12)
    except InvalidParameter:
        year, month = today.year, today.month
    last = calendar.monthrange(year, month)[1]
    return Period(dt.date(year, month, 1), dt.date(year, month, last), f"{year:04d}-{month:02d}")


def recent_months(count: int = 12, *, today: dt.date | None = None) -> list[Period]:
    today = today or timezone.localdate()
    found, year, month = [], today.year, today.month
    for _ in range(count):
        found.append(month_period(f"{year}-{month}", today=today))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return found


def _views(period: Period):
    return PageViewDaily.objects.filter(day__gte=period.start, day__lte=period.end)


def visits_by_day(period: Period) -> list[tuple[dt.date, int]]:
    rows = dict(_views(period).values("day").annotate(n=Sum("views")).values_list("day", "n"))
    return [(day, rows.get(day, 0)) for day in period.days]


def visits_by_section(period: Period) -> list[tuple[str, int]]:
    rows = _views(period).values("section").annotate(n=Sum("views")).order_by("-n", "section")
    return [(row["section"], row["n"]) for row in rows]


def top_pages(period: Period, limit: int = 20) -> list[dict]:
    rows = (
        _views(period).values("path", "section").annotate(n=Sum("views")).order_by("-n", "path")[:limit]
    )
    titles = dict(
        _views(period).filter(path__in=[r["path"] for r in rows]).exclude(title="").values_list("path", "title")
    )
    return [{"path": r["path"], "section": r["section"], "title": titles.get(r["path"], ""), "views": r["n"]} for r in rows]


def dashboard(period: Period) -> dict:
    by_day = visits_by_day(period)
    return {
        "period": period,
        "total": sum(n for _, n in by_day),
        "by_day": by_day,
        "by_section": visits_by_section(period),
        "top_pages": top_pages(period),
        "searches": external.search_terms(period.start, period.end),
        "openinfo": external.openinfo_by_department(period.start, period.end),
        "themedays": external.themeday_counts(period.start, period.end),
    }
