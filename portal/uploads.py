"""Upload checks shared by every app: attachments by type and size, images verified by Pillow.

Errors are Chinese ValidationErrors so that admin and public forms show them next to the field.
"""
from __future__ import annotations

import io
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, UnidentifiedImageError

ATTACHMENT_EXTENSIONS = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".ofd", ".txt", ".zip", ".jpg", ".jpeg", ".png"}
IMAGE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


def _size_label(limit: int) -> str:
    return f"{limit // (1024 * 1024)}MB"


def validate_attachment(upload) -> None:
    ext = os.path.splitext(upload.name)[1].lower()
    if ext not in ATTACHMENT_EXTENSIONS:
        allowed = "、".join(sorted(e.lstrip(".") for e in ATTACHMENT_EXTENSIONS))
        raise ValidationError(f"不支持的附件类型“{ext or '无扩展名'}”，仅支持：{allowed}。")
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(f"附件过大：不能超过 {_size_label(settings.ATTACHMENT_MAX_BYTES)}。")


def validate_image(upload) -> None:
    """A real image of an allowed format, not too big in bytes or pixels (decompression bombs)."""
    if upload.size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(f"图片过大：不能超过 {_size_label(settings.IMAGE_MAX_BYTES)}。")
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            width, height = image.size
            if width * height > settings.IMAGE_MAX_PIXELS:
                raise ValidationError("图片像素过多（可能是恶意构造的图片），请缩小后再上传。")
            if image.format not in IMAGE_FORMATS:
                raise ValidationError("只能上传 JPG、PNG、GIF 或 WebP 图片。")
            image.verify()
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        raise ValidationError("图片像素过多（可能是恶意构造的图片），请缩小后再上传。") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError("文件不是有效的图片，请重新选择。") from None
    finally:
        upload.seek(position)


def make_thumbnail(field_file, *, size=(480, 480)) -> ContentFile:
    """A JPEG thumbnail re-encoded by Pillow (which also drops anything hidden in the original)."""
    field_file.open("rb")
    with Image.open(field_file) as image:
        image = image.convert("RGB")
        image.thumbnail(size)
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=85)
    field_file.close()
    return ContentFile(buffer.getvalue())
