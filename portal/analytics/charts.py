"""Charts as server-rendered SVG: no script, readable by screen readers (title + desc), and each
chart is shown next to a table of the same numbers in the dashboard.
"""
from __future__ import annotations

from xml.sax.saxutils import escape

BAR = "#a4161a"  # 政务红, ≥ 3:1 against white for non-text graphics
INK = "#1a1a1a"
AXIS = "#767676"
GRID = "#e0e0e0"
FONT = 'font-family="Noto Sans CJK SC, Microsoft YaHei, sans-serif"'


def _nice_max(value: int) -> int:
    """A round axis maximum ≥ value (5, 10, 20, 50, 100 …): its fifths are whole numbers."""
    if value <= 5:
        return 5
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def _open(chart_id: str, width: int, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'preserveAspectRatio="xMinYMin meet">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]


def _short(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(items: list[tuple[str, int]], *, chart_id: str, title: str, unit: str = "次") -> str:
    """Horizontal bars, one per (label, value); for sections, pages, departments."""
    width, label_w, row_h, top = 720, 200, 30, 10
    plot_w = width - label_w - 80
    height = top * 2 + row_h * max(len(items), 1)
    peak = _nice_max(max((v for _, v in items), default=0))
    desc = "；".join(f"{label} {value}{unit}" for label, value in items) or "暂无数据"
    parts = _open(chart_id, width, height, title, desc)
    if not items:
        parts.append(f'<text x="10" y="{top + 20}" fill="{INK}" font-size="14" {FONT}>暂无数据</text>')
    for i, (label, value) in enumerate(items):
        y = top + i * row_h
        bar_w = round(plot_w * value / peak, 1) if peak else 0
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 19}" text-anchor="end" fill="{INK}" font-size="14" {FONT}>'
            f"{escape(_short(label, 14))}</text>"
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + 5}" width="{bar_w}" height="{row_h - 10}" fill="{BAR}">'
            f"<title>{escape(label)}：{value}{escape(unit)}</title></rect>"
        )
        parts.append(
            f'<text x="{label_w + bar_w + 6}" y="{y + 19}" fill="{INK}" font-size="13" {FONT}>{value}</text>'
        )
    parts.append(f'<line x1="{label_w}" y1="{top}" x2="{label_w}" y2="{height - top}" stroke="{AXIS}"/>')
    parts.append("</svg>")
    return "".join(parts)


def column_chart(points: list[tuple[str, int]], *, chart_id: str, title: str, unit: str = "次") -> str:
    """Vertical columns over time (visits per day); every few labels shown so they never overlap."""
    width, height, left, bottom, top = 760, 280, 56, 40, 16
    plot_w, plot_h = width - left - 12, height - top - bottom
    peak = _nice_max(max((v for _, v in points), default=0))
    desc = "；".join(f"{label} {value}{unit}" for label, value in points) or "暂无数据"
    parts = _open(chart_id, width, height, title, desc)
    for step in range(6):  # horizontal grid with the axis values
        value = peak * step // 5
        y = top + plot_h - plot_h * step / 5
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 12}" y2="{y:.1f}" stroke="{GRID}"/>')
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{INK}" font-size="12" {FONT}>{value}</text>'
        )
    if points:
        slot = plot_w / len(points)
        every = max(1, round(len(points) / 10))
        for i, (label, value) in enumerate(points):
            bar_h = plot_h * value / peak if peak else 0
            x = left + i * slot
            parts.append(
                f'<rect x="{x + slot * 0.15:.1f}" y="{top + plot_h - bar_h:.1f}" width="{slot * 0.7:.1f}" '
                f'height="{bar_h:.1f}" fill="{BAR}"><title>{escape(label)}：{value}{escape(unit)}</title></rect>'
            )
            if i % every == 0:
                parts.append(
                    f'<text x="{x + slot / 2:.1f}" y="{height - bottom + 18}" text-anchor="middle" fill="{INK}" '
                    f"font-size=\"12\" {FONT}>{escape(label)}</text>"
                )
    else:
        parts.append(f'<text x="{left + 10}" y="{top + 30}" fill="{INK}" font-size="14" {FONT}>暂无数据</text>')
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 12}" y2="{top + plot_h}" stroke="{AXIS}"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


