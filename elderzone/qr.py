"""QR codes of the 一键直达 addresses (qrcode + Pillow), made on request and cached per address."""
from __future__ import annotations

import io

import qrcode
from django.core.cache import cache
from portal.text import content_hash
from qrcode.constants import ERROR_CORRECT_M


def qr_png(url: str, *, box_size: int = 12) -> bytes:
    """A black-on-white PNG with the standard 4-module quiet zone, so every phone camera reads it."""
    key = f"elderzone:qr:{box_size}:{content_hash(url)}"
    data = cache.get(key)
    if data is None:
        code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=4)
        code.add_data(url)
        code.make(fit=True)
        image = code.make_image(fill_color="black", back_color="white").get_image()
        buffer = io.BytesIO()
        image.convert("L").save(buffer, format="PNG", optimize=True)
        data = buffer.getvalue()
        cache.set(key, data, 24 * 3600)
    return data
