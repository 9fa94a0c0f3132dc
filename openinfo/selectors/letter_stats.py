"""Monthly letter statistics and the server-rendered SVG bar chart of them."""
from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from openinfo.models import Letter


def _months(today: dt.date, n: int) -> list[dt.date]:
    months, year, month = [], today.year, today.month
    for _ in range(n):
        months.append(dt.date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(months))


def monthly_statistics(months: int = 12, today: dt.date | None = None) -> list[dict]:
    """Per month of the last `months`: letters received, replied, replied on time, by kind."""
    today = today or timezone.localdate()
    span = _months(today, months)
    tz = timezone.get_current_timezone()
    received = dict(
        Letter.objects.filter(submitted_at__date__gte=span[0]).annotate(m=TruncMonth("submitted_at", tzinfo=tz))
        .values_list("m").annotate(n=Count("id")).order_by()
    )
    replied = dict(
        Letter.objects.filter(replied_at__date__gte=span[0], status=Letter.Status.REPLIED)
        .annotate(m=TruncMonth("replied_at", tzinfo=tz)).values_list("m").annotate(n=Count("id")).order_by()
    )
    on_time = {}
    for letter in Letter.objects.filter(replied_at__date__gte=span[0], status=Letter.Status.REPLIED).only(
            "replied_at", "due_date"):
        key = timezone.localtime(letter.replied_at).date().replace(day=1)
        if letter.due_date is None or timezone.localtime(letter.replied_at).date() <= letter.due_date:
            on_time[key] = on_time.get(key, 0) + 1

    def get(table, month):
        for key, value in table.items():
            key = key.date() if isinstance(key, dt.datetime) else key
            if key == month:
                return value
        return 0

    rows = []
    for month in span:
        r, a = get(received, month), get(replied, month)
        rows.append({"month": month, "label": f"{month.year}年{month.month}月", "received": r, "replied": a,
                     "on_time": on_time.get(month, 0)})
    return rows


def monthly_chart(rows: list[dict], width: int = 720, height: int = 260) -> dict:
    """Geometry for a grouped bar chart (received / replied per month) drawn in the template as SVG."""
    peak = max([1] + [max(r["received"], r["replied"]) for r in rows])
    top = (peak + 3) // 4 * 4  # four equal integer steps on the axis
    left, bottom, plot_h = 40, 40, height - 60
    slot = (width - left - 10) / max(1, len(rows))
    bar = max(4.0, slot / 3)
    bars, ticks = [], []
    for i, r in enumerate(rows):
        x = left + i * slot + slot / 6
        for j, (key, colour) in enumerate((("received", "#0b4f9c"), ("replied", "#a4161a"))):
            h = r[key] / top * plot_h
            bars.append({"x": round(x + j * bar, 1), "y": round(height - bottom - h, 1), "w": round(bar - 2, 1),
                         "h": round(h, 1), "fill": colour, "value": r[key], "label": r["label"],
                         "series": "收到" if key == "received" else "答复"})
        ticks.append({"x": round(x + bar, 1), "text": f"{r['month'].month}月", "y": height - bottom + 18})
    grid = []
    for k in range(0, 5):
        value = top * k // 4
        grid.append({"y": round(height - bottom - plot_h * k / 4, 1), "value": value})
    return {"width": width, "height": height, "bars": bars, "ticks": ticks, "grid": grid, "left": left,
            "right": width - 10, "baseline": height - bottom}
