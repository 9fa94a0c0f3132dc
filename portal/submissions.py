"""Idempotent public forms: a retried POST gets the first receipt, never a second row.

Each public form carries a hidden random `submission_key`, made when the form is rendered
(SubmissionKeyMixin). The view creates its row through `submit_once`, which stores the receipt
(tracking number, the once-only 查询码 …) under that key in the same transaction as the row. When
the browser sends the same POST again — the answer was lost to a killed worker, a dropped
connection, a double click — `earlier_receipt` finds it and the view shows that receipt again,
before any validation (the CAPTCHA answer of the first POST is already used up).

Only an HMAC of the key is stored, and the receipt is sealed with a pad derived from the key and
SECRET_KEY: without the key (held only by the browser that submitted) the table reveals no 查询码,
and the receipt is shown again for that same submission only. Rows are dropped after KEEP_HOURS.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
from datetime import timedelta
from typing import Callable

from django import forms
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

KEY_FIELD = "submission_key"
KEEP_HOURS = 48  # a retry comes within minutes; two days cover a browser restored the next day
_KEY_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,64}")


class SubmissionKeyMixin(forms.Form):
    """Adds the hidden `submission_key`; put it in the template as {{ form.submission_key }}."""

    submission_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial[KEY_FIELD] = secrets.token_urlsafe(24)


def _key(request) -> str | None:
    # A POST without a well-formed key (an old page, a script) is simply not deduplicated.
    key = request.POST.get(KEY_FIELD, "")
    return key if _KEY_SHAPE.fullmatch(key) else None


def _mac(purpose: str, form: str, key: str) -> bytes:
    message = f"portal.submissions:{purpose}:{form}:{key}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()


def _digest(form: str, key: str) -> str:
    return _mac("lookup", form, key).hex()


def _pad(form: str, key: str, length: int) -> bytes:
    # HMAC-SHA256 in counter mode: a keystream unique to this key (each key seals one receipt).
    blocks = b"".join(_mac(f"pad{i}", form, key) for i in range(-(-length // 32)))
    return blocks[:length]


def _seal(form: str, key: str, receipt: dict) -> str:
    data = json.dumps(receipt, ensure_ascii=False, sort_keys=True).encode()
    return base64.b64encode(bytes(a ^ b for a, b in zip(data, _pad(form, key, len(data))))).decode()


def _unseal(form: str, key: str, sealed: str) -> dict:
    data = base64.b64decode(sealed)
    return json.loads(bytes(a ^ b for a, b in zip(data, _pad(form, key, len(data)))).decode())


def earlier_receipt(request, form: str) -> dict | None:
    """The receipt of the submission this POST repeats, or None for a first submission."""
    from portal.ops.models import FormSubmission

    key = _key(request)
    if key is None:
        return None
    row = FormSubmission.objects.filter(key_hash=_digest(form, key)).only("receipt").first()
    return _unseal(form, key, row.receipt) if row is not None and row.receipt else None


def submit_once(request, form: str, create: Callable[[], dict]) -> dict:
    """Run `create` (which saves the row and returns its receipt, JSON values) once per submission key.

    The key is claimed first, in the same transaction as the row: two copies of one POST arriving
    together serialise on the claim, and the second gets the first one's receipt.
    """
    from portal.ops.models import FormSubmission

    key = _key(request)
    if key is None:
        return create()
    try:
        with transaction.atomic():
            claim = FormSubmission.objects.create(key_hash=_digest(form, key), form=form)
            receipt = create()
            claim.receipt = _seal(form, key, receipt)
            claim.save(update_fields=["receipt"])
    except IntegrityError:
        earlier = earlier_receipt(request, form)
        if earlier is None:  # not our claim that collided: a real integrity problem of `create`
            raise
        return earlier
    return receipt


def purge_old(*, hours: int = KEEP_HOURS) -> int:
    from portal.ops.models import FormSubmission

    deleted, _ = FormSubmission.objects.filter(created_at__lt=timezone.now() - timedelta(hours=hours)).delete()
    return deleted
