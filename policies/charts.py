"""数说 charts drawn on the server as SVG: no script, readable without colour, printed as seen.

The chart is one picture for sighted readers; the same numbers go into a data table under it,
which is what screen readers and the read-aloud use (the SVG carries a short description only).
"""
from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 760
LABEL_WIDTH = 200
VALUE_WIDTH = 140
ROW = 44
BAR = 26
TOP = 12
BAR_COLOUR = "#a4161a"   # 政务红, 7.9:1 on white
TEXT_COLOUR = "#1a1a1a"


def format_value(value: Decimal | float | int) -> str:
    value = Decimal(str(value))
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text


def _clip(label: str, limit: int = 12) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart_svg(*, title: str, unit: str, rows: list[tuple[str, Decimal]], uid: str) -> SafeString:
    """Horizontal bars, one per (label, value); negative values extend left of the zero line."""
    if not rows:
        return mark_safe("")
    values = [Decimal(str(v)) for _, v in rows]
    high, low = max(max(values), Decimal(0)), min(min(values), Decimal(0))
    span = (high - low) or Decimal(1)
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    zero_x = LABEL_WIDTH + float((-low) / span) * plot
    height = TOP * 2 + ROW * len(rows)
    suffix = escape(unit)
    summary = "；".join(f"{escape(label)} {format_value(v)}{suffix}" for (label, _), v in zip(rows, values))
    out = [
        f'<svg class="figure-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{uid}-title {uid}-desc" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{uid}-title">{escape(title)}</title>',
        f'<desc id="{uid}-desc">{summary}。详见下方数据表。</desc>',
        f'<line x1="{zero_x:.1f}" y1="{TOP - 4}" x2="{zero_x:.1f}" y2="{height - TOP + 4}" stroke="#555" stroke-width="1"/>',
    ]
    for i, ((label, _), value) in enumerate(zip(rows, values)):
        y = TOP + i * ROW + (ROW - BAR) / 2
        length = float(abs(value) / span) * plot
        x = zero_x if value >= 0 else zero_x - length
        text_y = y + BAR / 2 + 6
        out.append(f'<text x="{LABEL_WIDTH - 10}" y="{text_y:.1f}" text-anchor="end" font-size="16" fill="{TEXT_COLOUR}">{escape(_clip(label))}</text>')
        out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(length, 1.5):.1f}" height="{BAR}" fill="{BAR_COLOUR}" rx="2"/>')
        value_x = (zero_x + length + 8) if value >= 0 else zero_x + 8
        out.append(f'<text x="{value_x:.1f}" y="{text_y:.1f}" font-size="16" fill="{TEXT_COLOUR}">{format_value(value)}{suffix}</text>')
    out.append("</svg>")
    return mark_safe("".join(out))
