"""QR codes of online service entries, so a citizen reading on a computer can continue on a phone."""
from __future__ import annotations

import io
from functools import lru_cache

import qrcode
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BORDER = 4  # the quiet zone scanners need around the code


def _matrix(data: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=BORDER)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


@lru_cache(maxsize=512)
def qr_svg(data: str, label: str) -> SafeString:
    """Inline SVG with its own white background (readable in dark and high-contrast colour schemes)."""
    matrix = _matrix(data)
    size = len(matrix)
    parts = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                parts.append(f"M{start},{y}h{x - start}v1h{start - x}z")
            else:
                x += 1
    title = escape(label)
    return mark_safe(
        f'<svg class="qr-code" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'width="160" height="160" role="img" aria-label="{title}" shape-rendering="crispEdges">'
        f"<title>{title}</title>"
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path fill="#000" d="{"".join(parts)}"/></svg>'
    )


def qr_png(data: str, *, box_size: int = 8) -> bytes:
    """A PNG of the same code, for printing on a notice board."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=BORDER, box_size=box_size)
    code.add_data(data)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return buffer.getvalue()
