from django import template

from policies.qr import qr_svg

register = template.Library()


@register.simple_tag
def qr_code(url: str, label: str):
    """The inline SVG QR code of a URL, labelled for screen readers."""
    return qr_svg(url, label) if url else ""


@register.filter
def figure_value(value) -> str:
    """612.40 → 612.4, 1286.00 → 1,286: numbers as a person writes them."""
    from policies.charts import format_value

    return format_value(value) if value not in (None, "") else ""
