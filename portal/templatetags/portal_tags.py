"""Template helpers of the portal: links that exist only when their route does, QR codes, meta."""
from __future__ import annotations

import functools
import io

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from portal import optional

register = template.Library()


@register.simple_tag
def optional_url(name: str, *args) -> str:
    """{% optional_url "elderzone:home" as elder_url %}{% if elder_url %}…{% endif %}

    Other apps are built alongside the portal: a link is only drawn when its route reverses.
    """
    return optional.url(name, *args)


@register.simple_tag
def routed(path: str) -> str:
    """The path when a view answers it (the contract URLs of DESIGN.md), else ""."""
    return optional.routed(path)


@functools.lru_cache(maxsize=512)
def _qr_svg(text: str, label: str) -> str:
    import qrcode
    import qrcode.image.svg

    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    image = code.make_image(image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    svg = svg[svg.index("<svg"):]  # drop the XML declaration: this is inlined into HTML
    # qrcode names its path id="qr-path"; several codes on one page would repeat that id (invalid HTML).
    svg = svg.replace(' id="qr-path"', "")
    # An image with a name for screen readers; the size comes from CSS.
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" class="qr" ', 1)


@register.simple_tag(takes_context=True)
def qr_code(context, target: str = "", label: str = "") -> str:
    """An inline SVG QR code of an absolute URL (a path is made absolute with the current host)."""
    request = context.get("request")
    if not target and request is not None:
        target = request.path
    if target.startswith("/") and request is not None:
        target = request.build_absolute_uri(target)
    if not target:
        return ""
    return mark_safe(_qr_svg(target, label or "用手机扫码继续浏览本页"))


@register.filter
def absolute(path: str, request) -> str:
    return request.build_absolute_uri(path) if request is not None and path else path


@register.filter
def get_item(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def link_of(obj) -> str:
    """obj.get_absolute_url(), or "" when the owning app has not (yet) routed its detail page."""
    from django.urls import NoReverseMatch

    try:
        return obj.get_absolute_url()
    except (NoReverseMatch, AttributeError):
        return ""
