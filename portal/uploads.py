"""Upload checks shared by every upload field of every app: a file is judged by its bytes, not its name.

The extension says which format the file must be; the content must then really be that format
(PDF header, an image Pillow can open and verify, an OOXML package without macros, an OLE
compound file, an MP4/WebM/Ogg container, a WebVTT text). A web page (HTML, SVG, script) is never
accepted under any name, because a browser that sniffs would run it on our origin.

Sizes come from the one setting UPLOAD_MAX_MB (per kind); deploy/nginx.conf is checked against it
by tests/security/test_uploads.py. Errors are Chinese ValidationErrors so that admin and public
forms show them next to the field.
"""
from __future__ import annotations

import io
import os
import re
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, UnidentifiedImageError

ATTACHMENT_EXTENSIONS = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".pptx", ".wps", ".ofd", ".txt", ".zip",
                         ".jpg", ".jpeg", ".png"}
IMAGE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
IMAGE_EXTENSION_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".gif": "GIF", ".webp": "WEBP"}
VIDEO_EXTENSIONS = {".mp4", ".webm", ".ogv", ".m4v"}

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
EBML_MAGIC = b"\x1a\x45\xdf\xa3"
# The storage name of a VBA project inside an OLE file (UTF-16LE directory entry).
OLE_VBA_MARKER = "_VBA_PROJECT".encode("utf-16-le")
# The part every OOXML file of that extension must contain.
OOXML_MAIN_PART = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}
# What a browser would treat as a page or a script if it sniffed the content.
MARKUP_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<script|<svg|<\?xml|<iframe|<!--)", re.I)
SNIFF_BYTES = 1024


def upload_limit(kind: str) -> int:
    """The largest upload of this kind in bytes (UPLOAD_MAX_MB: attachment, image, video, captions)."""
    return settings.UPLOAD_MAX_MB[kind] * 1024 * 1024


def _check_size(upload, kind: str, label: str, hint: str = "") -> None:
    if upload.size > upload_limit(kind):
        raise ValidationError(f"{label}过大：不能超过 {settings.UPLOAD_MAX_MB[kind]}MB{hint}。")


def _extension(upload) -> str:
    return os.path.splitext(upload.name or "")[1].lower()


def _read(upload, size: int | None = None) -> bytes:
    """Bytes from the start of the upload, leaving its position where it was."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        data = upload.read() if size is None else upload.read(size)
    finally:
        upload.seek(position)
    return data or b""


def _reject_markup(head: bytes) -> None:
    if MARKUP_START.match(head.lstrip(b"\xef\xbb\xbf")):
        raise ValidationError("文件内容是网页或脚本（HTML/SVG），不是所选格式的文件，不能上传。")


def _check_pdf(upload) -> None:
    if not _read(upload, 5) == b"%PDF-":
        raise ValidationError("文件不是有效的 PDF 文档（缺少 PDF 文件头），请重新导出后上传。")


def _check_ole(upload, ext: str) -> None:
    if not _read(upload, 8) == OLE_MAGIC:
        raise ValidationError(f"文件不是有效的 {ext.lstrip('.').upper()} 文档（文件结构不符），请重新保存后上传。")
    if OLE_VBA_MARKER in _read(upload):
        raise ValidationError("文档含有宏（VBA），不能上传；请另存为不含宏的文档。")


def _open_zip(upload, what: str) -> zipfile.ZipFile:
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    try:
        archive = zipfile.ZipFile(io.BytesIO(upload.read()))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ValidationError(f"文件不是有效的{what}（文件结构损坏或格式不符），请重新保存后上传。") from None
    finally:
        upload.seek(position)
    return archive


def _check_ooxml(upload, ext: str) -> None:
    what = f" {ext.lstrip('.').upper()} 文档"
    with _open_zip(upload, what) as archive:
        names = archive.namelist()
        if "[Content_Types].xml" not in names or not any(n.startswith(OOXML_MAIN_PART[ext]) for n in names):
            raise ValidationError(f"文件不是有效的{what}（缺少文档结构），请重新保存后上传。")
        content_types = archive.read("[Content_Types].xml").decode("utf-8", "replace").lower()
        if (any(n.lower().endswith("vbaproject.bin") for n in names)
                or "macroenabled" in content_types or "vbaproject" in content_types):
            raise ValidationError("文档含有宏，不能上传；请另存为不含宏的 .docx/.xlsx/.pptx 文件。")


def _check_ofd(upload) -> None:
    with _open_zip(upload, " OFD 文档") as archive:
        if "OFD.xml" not in archive.namelist():
            raise ValidationError("文件不是有效的 OFD 文档（缺少 OFD.xml），请重新导出后上传。")


def _check_zip(upload) -> None:
    with _open_zip(upload, "压缩包"):
        pass


def _check_text(upload) -> None:
    data = _read(upload)
    if b"\0" in data:
        raise ValidationError("文件不是纯文本（含有二进制内容）。")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            data.decode(encoding)
            return
        except UnicodeDecodeError:
            continue
    raise ValidationError("纯文本文件须为 UTF-8 或 GB18030 编码。")


def _check_image_bytes(upload, ext: str | None = None) -> None:
    """A real image of an allowed format (matching the extension), not too big in pixels (bombs)."""
    if ext == ".svg" or MARKUP_START.match(_read(upload, SNIFF_BYTES).lstrip(b"\xef\xbb\xbf")):
        raise ValidationError("不接受 SVG 或网页格式的图片，请上传 JPG、PNG、GIF 或 WebP 图片。")
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            width, height = image.size
            if width * height > settings.IMAGE_MAX_PIXELS:
                raise ValidationError("图片像素过多（可能是恶意构造的图片），请缩小后再上传。")
            if image.format not in IMAGE_FORMATS:
                raise ValidationError("只能上传 JPG、PNG、GIF 或 WebP 图片。")
            expected = IMAGE_EXTENSION_FORMATS.get(ext or "")
            if ext and expected != image.format:
                raise ValidationError(f"图片内容是 {image.format} 格式，与扩展名“{ext}”不符，请改正扩展名后上传。")
            image.verify()
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        raise ValidationError("图片像素过多（可能是恶意构造的图片），请缩小后再上传。") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError("文件不是有效的图片，请重新选择。") from None
    finally:
        upload.seek(position)


CONTENT_CHECKS = {
    ".pdf": _check_pdf,
    ".doc": lambda u: _check_ole(u, ".doc"), ".xls": lambda u: _check_ole(u, ".xls"),
    ".wps": lambda u: _check_ole(u, ".wps"),
    ".docx": lambda u: _check_ooxml(u, ".docx"), ".xlsx": lambda u: _check_ooxml(u, ".xlsx"),
    ".pptx": lambda u: _check_ooxml(u, ".pptx"),
    ".ofd": _check_ofd, ".zip": _check_zip, ".txt": _check_text,
    ".jpg": lambda u: _check_image_bytes(u, ".jpg"), ".jpeg": lambda u: _check_image_bytes(u, ".jpeg"),
    ".png": lambda u: _check_image_bytes(u, ".png"),
}


def validate_attachment(upload) -> None:
    ext = _extension(upload)
    if ext not in ATTACHMENT_EXTENSIONS:
        allowed = "、".join(sorted(e.lstrip(".") for e in ATTACHMENT_EXTENSIONS))
        raise ValidationError(f"不支持的附件类型“{ext or '无扩展名'}”，仅支持：{allowed}。")
    _check_size(upload, "attachment", "附件")
    _reject_markup(_read(upload, SNIFF_BYTES))
    CONTENT_CHECKS[ext](upload)


def validate_image(upload) -> None:
    """A real image of an allowed format, not too big in bytes or pixels (decompression bombs)."""
    _check_size(upload, "image", "图片")
    ext = _extension(upload)
    _check_image_bytes(upload, ext if ext in IMAGE_EXTENSION_FORMATS or ext == ".svg" else None)


def _video_container(head: bytes) -> str | None:
    if head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(EBML_MAGIC):
        return "webm"
    if head.startswith(b"OggS"):
        return "ogg"
    return None


VIDEO_CONTAINERS = {".mp4": "mp4", ".m4v": "mp4", ".webm": "webm", ".ogv": "ogg"}


def validate_video(upload) -> None:
    ext = _extension(upload)
    if ext not in VIDEO_EXTENSIONS:
        raise ValidationError(f"不支持的视频格式“{ext or '无扩展名'}”，仅支持 MP4、WebM、OGV。")
    _check_size(upload, "video", "视频", "，较大的视频请填写视频链接")
    if _video_container(_read(upload, 16)) != VIDEO_CONTAINERS[ext]:
        raise ValidationError(f"文件不是有效的 {ext.lstrip('.').upper()} 视频（容器格式不符），请重新导出后上传。")


def validate_captions(upload) -> None:
    if _extension(upload) != ".vtt":
        raise ValidationError("字幕须为 WebVTT 格式（.vtt）。")
    _check_size(upload, "captions", "字幕文件")
    try:
        text = _read(upload).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("字幕文件须为 UTF-8 编码的 WebVTT 文本。") from None
    if not text.startswith("WEBVTT"):
        raise ValidationError("字幕文件不是 WebVTT 格式（第一行须为 WEBVTT）。")


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
