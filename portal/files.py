"""Uploaded files follow the publication of the content they belong to.

Every public upload field declares `upload_to=PublicUpload("<folder>", owner="<field to the content>")`.
That one declaration gives the file
- an unguessable stored name, `<folder>/<year>/<random token>/<original name>`: nobody can list or
  guess the files of a draft (the original name stays for the download);
- its access rule: `/media/<name>` (portal.views.files.serve_media) answers only while the owning
  content `is_public` (已发布; a 专栏 or 二维码 that is shown), or to the official who may preview it.
  Drafts, withdrawn and deleted content answer 404, at once, because the rule is read on every
  request and nothing caches the answer.

Files of fields without PublicUpload (read-aloud audio, replies to applicants) are never served here.
"""
from __future__ import annotations

import mimetypes
import os
import re
import secrets
from dataclasses import dataclass
from functools import lru_cache

from django.apps import apps
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.deconstruct import deconstructible

# Shown in the browser (pictures, video, subtitles, PDF viewer); everything else is downloaded.
INLINE_TYPES = ("image/", "video/", "text/vtt", "application/pdf")
TOKEN_BYTES = 12  # 96 random bits per file
# Characters no file name on disk or in a download may carry; everything else of the original stays.
UNSAFE_NAME_CHARACTERS = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


class MediaStorage(FileSystemStorage):
    """MEDIA_ROOT, keeping the original name as typed (Django's default drops （）、《》, spaces …).

    The name is safe without that: it sits in a random folder, is quoted in every URL and header,
    and is never executed or listed.
    """

    def get_valid_name(self, name: str) -> str:
        name = UNSAFE_NAME_CHARACTERS.sub("", str(name)).strip()
        if name in {"", ".", ".."}:
            raise SuspiciousFileOperation(f"无法使用的文件名：{name!r}")
        return name


def is_token_name(name: str, folder: str) -> bool:
    """Whether a stored name already has the `<folder>/<year>/<token>/<file>` shape."""
    parts = name[len(folder) + 1:].split("/") if name.startswith(folder + "/") else []
    return len(parts) == 3 and parts[0].isascii() and parts[0].isdigit() and len(parts[1]) == 2 * TOKEN_BYTES


@deconstructible
class PublicUpload:
    """upload_to for files of published content; `owner` is the attribute path to that content ("" = the row)."""

    def __init__(self, folder: str, owner: str = ""):
        self.folder = folder.strip("/")
        self.owner = owner

    def __call__(self, instance, filename: str) -> str:
        return self.name_for(os.path.basename(filename))

    def name_for(self, filename: str) -> str:
        return f"{self.folder}/{timezone.now():%Y}/{secrets.token_hex(TOKEN_BYTES)}/{filename}"

    def __eq__(self, other) -> bool:
        return isinstance(other, PublicUpload) and (self.folder, self.owner) == (other.folder, other.owner)

    def __hash__(self) -> int:
        return hash((self.folder, self.owner))


@dataclass(frozen=True)
class PublicField:
    model: type[models.Model]
    name: str
    upload: PublicUpload

    def owner_of(self, row: models.Model):
        for attribute in filter(None, self.upload.owner.split("__")):
            row = getattr(row, attribute)
        return row


@lru_cache(maxsize=1)
def public_fields() -> tuple[PublicField, ...]:
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField) and isinstance(field.upload_to, PublicUpload):
                found.append(PublicField(model, field.name, field.upload_to))
    return tuple(found)


def _may_see(owner, user) -> bool:
    if owner.is_public:
        return True
    # The official who may preview the unpublished page (portal.selectors.public_or_preview) sees its files too.
    # Imported here: portal.models imports this module for PublicUpload.
    from portal.models import Publishable
    from portal.publishing import can_edit

    previewable = isinstance(owner, Publishable) or getattr(owner, "previewable", False)  # e.g. 正文图片
    return user is not None and user.is_authenticated and previewable and can_edit(user, owner)


def visible_file(name: str, user=None) -> FieldFile | None:
    """The stored file called `name` if its content is public now (or `user` may preview it), else None."""
    for public in public_fields():
        if not name.startswith(public.upload.folder + "/"):
            continue
        rows = public.model._default_manager.filter(**{public.name: name})
        if public.upload.owner:
            rows = rows.select_related(public.upload.owner)
        for row in rows[:2]:
            if _may_see(public.owner_of(row), user):
                return getattr(row, public.name)
    return None


def download_name(field_file: FieldFile) -> str:
    """The name the visitor's browser saves: the original upload's name (the token folder dropped)."""
    return os.path.basename(field_file.name)


def content_type(name: str) -> str:
    if name.lower().endswith(".vtt"):
        return "text/vtt; charset=utf-8"
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def shown_inline(kind: str) -> bool:
    return kind.startswith(INLINE_TYPES)
