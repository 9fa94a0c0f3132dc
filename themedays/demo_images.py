"""Generated stand-ins for activity photos (Pillow): a backdrop with the 主题日 banner and a crowd."""
from __future__ import annotations

import io
import random
from functools import lru_cache

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

FONT_PATHS = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
]


@lru_cache(maxsize=4)
def _font(size: int):
    for path in FONT_PATHS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return None  # no CJK font: the picture is drawn without lettering


def activity_photo(title: str, *, seed: int, scene: int = 0) -> ContentFile:
    rng = random.Random(seed * 10 + scene)
    width, height = 960, 640
    image = Image.new("RGB", (width, height), (236, 232, 224))
    draw = ImageDraw.Draw(image)
    # Room: wall gradient and floor.
    for y in range(height):
        shade = int(225 - 40 * y / height)
        draw.line([(0, y), (width, y)], fill=(shade, shade - 6, shade - 14))
    draw.rectangle([0, int(height * 0.68), width, height], fill=(150, 120, 96))
    # Banner with the programme's name.
    draw.rectangle([80, 50, width - 80, 190], fill=(164, 22, 26))
    draw.rectangle([90, 60, width - 90, 180], outline=(255, 211, 92), width=3)
    big, small = _font(46), _font(26)
    if big:
        draw.text((width / 2, 100), "政务公开主题日", font=big, fill=(255, 255, 255), anchor="mm")
        draw.text((width / 2, 152), title[:26], font=small, fill=(255, 230, 160), anchor="mm")
    # A table at the front for 座谈 / 咨询台 scenes.
    if scene % 2 == 0:
        draw.rectangle([140, 380, width - 140, 430], fill=(120, 80, 50))
        draw.rectangle([140, 372, width - 140, 384], fill=(30, 90, 60))
    # People.
    for _ in range(rng.randint(9, 16)):
        x = rng.randint(60, width - 60)
        y = rng.randint(int(height * 0.55), int(height * 0.86))
        scale = 0.6 + (y - height * 0.55) / (height * 0.6)
        body = (rng.randint(20, 90), rng.randint(30, 90), rng.randint(60, 140))
        r = int(16 * scale)
        draw.ellipse([x - r, y - 3 * r, x + r, y - r], fill=(240, 205, 170))
        draw.ellipse([x - r, y - 3.2 * r, x + r, y - 2 * r], fill=(30, 30, 30))
        draw.rounded_rectangle([x - 1.6 * r, y - r, x + 1.6 * r, y + 3 * r], radius=int(r * 0.8), fill=body)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return ContentFile(buffer.getvalue(), name=f"activity-{seed}-{scene}.jpg")
