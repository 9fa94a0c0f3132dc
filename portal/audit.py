"""Recording who changed what. Services call these inside their transaction."""
from __future__ import annotations

import datetime as dt
import decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models

from portal.models import ChangeLog

# Large or noisy fields whose before/after would only bloat the log; the change is still noted.
_SUMMARISED = (models.TextField,)


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime, decimal.Decimal)):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if hasattr(value, "name") and not isinstance(value, str):  # FieldFile
        return value.name or ""
    return value


def snapshot(obj: models.Model) -> dict:
    """The editable, concrete field values of a row, as JSON-friendly values."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key or not field.editable:
            continue
        value = getattr(obj, field.attname)
        data[field.name] = _plain(value)
    return data


def diff(before: dict, after: dict) -> dict:
    changes = {}
    for name, new in after.items():
        old = before.get(name)
        if old != new:
            changes[name] = [old, new]
    return changes


def record(*, obj: models.Model, action: str, actor=None, changes: dict | None = None, note: str = "") -> ChangeLog:
    fields = {f.name: f for f in obj._meta.concrete_fields}
    shown = {}
    for name, (old, new) in (changes or {}).items():
        if isinstance(fields.get(name), _SUMMARISED) and (len(str(old or "")) > 200 or len(str(new or "")) > 200):
            shown[name] = [f"（{len(str(old or ''))} 字）", f"（{len(str(new or ''))} 字）"]
        else:
            shown[name] = [old, new]
    return ChangeLog.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        changes=shown,
        note=note,
    )


def history_for(obj: models.Model):
    return ChangeLog.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=str(obj.pk)
    ).select_related("actor")
