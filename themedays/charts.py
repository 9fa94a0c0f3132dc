"""Server-rendered SVG charts. Each is an image with a title and a description; the page puts the
same numbers in a data table next to it, so nothing depends on seeing the chart."""
from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

INK = "#1a1a1a"
BAR = "#a4161a"      # 7.9:1 on white
BAR_LOW = "#5c5c5c"  # months below the goal: another colour AND a text mark, not colour alone
GRID = "#767676"     # 4.5:1, so the goal line is visible to low-vision users


def _svg(chart_id: str, title: str, desc: str, width: int, height: int, body: list[str]) -> SafeString:
    head = (f'<svg class="td-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="100%" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">'
            f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(desc)}</desc>')
    return mark_safe(head + "".join(body) + "</svg>")


def column_chart(*, chart_id: str, title: str, labels: list[str], values: list[int], goal: int | None = None,
                 below_goal: set[int] | None = None, unit: str = "次") -> SafeString:
    """Vertical bars (e.g. activities per month) with an optional dashed goal line."""
    width, height, left, right, top, bottom = 720, 300, 40, 10, 30, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = max(values + [goal or 0, 1])
    scale = plot_h / top_value
    slot = plot_w / max(len(values), 1)
    bar_w = slot * 0.6
    below_goal = below_goal or set()
    body = [f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="{INK}"/>']
    for i, (label, value) in enumerate(zip(labels, values)):
        x = left + i * slot + (slot - bar_w) / 2
        h = value * scale
        y = top + plot_h - h
        low = i in below_goal
        body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{BAR_LOW if low else BAR}"/>')
        body.append(f'<text x="{x + bar_w / 2:.1f}" y="{y - 6:.1f}" text-anchor="middle" font-size="13" fill="{INK}">{value}</text>')
        body.append(f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 18}" text-anchor="middle" font-size="13" fill="{INK}">{escape(label)}</text>')
        if low:
            body.append(f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 36}" text-anchor="middle" font-size="11" fill="{INK}">未达标</text>')
    if goal:
        gy = top + plot_h - goal * scale
        body.append(f'<line x1="{left}" y1="{gy:.1f}" x2="{width - right}" y2="{gy:.1f}" stroke="{GRID}" '
                    f'stroke-width="2" stroke-dasharray="6 4"/>')
        body.append(f'<text x="{left + 4}" y="{gy - 6:.1f}" font-size="12" fill="{INK}">目标：每月 {goal} {unit}</text>')
    parts = [f"{label}{value}{unit}" for label, value in zip(labels, values)]
    desc = "，".join(parts) + (f"。目标为每月 {goal} {unit}。" if goal else "。")
    if below_goal:
        desc += "未达标：" + "、".join(labels[i] for i in sorted(below_goal)) + "。"
    return _svg(chart_id, title, desc, width, height, body)


def bar_chart(*, chart_id: str, title: str, labels: list[str], values: list[int | float],
              suffixes: list[str] | None = None) -> SafeString:
    """Horizontal bars (e.g. a survey question's options), label on the left, value on the right."""
    row, label_w, value_w, width = 34, 230, 160, 720
    height = row * max(len(values), 1) + 16
    plot_w = width - label_w - value_w
    top_value = max(list(values) + [1])
    suffixes = suffixes or [""] * len(values)
    body = []
    for i, (label, value, suffix) in enumerate(zip(labels, values, suffixes)):
        y = 8 + i * row
        w = plot_w * value / top_value
        short = label if len(label) <= 14 else label[:13] + "…"
        body.append(f'<text x="{label_w - 8}" y="{y + 21}" text-anchor="end" font-size="14" fill="{INK}">{escape(short)}</text>')
        body.append(f'<rect x="{label_w}" y="{y + 5}" width="{w:.1f}" height="{row - 12}" fill="{BAR}"/>')
        body.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 21}" font-size="14" fill="{INK}">{escape(f"{value}{suffix}")}</text>')
    desc = "，".join(f"{label}：{value}{suffix}" for label, value, suffix in zip(labels, values, suffixes)) + "。"
    return _svg(chart_id, title, desc, width, height, body)
