"""What every public form of the 专栏 carries besides CSRF: a honeypot field, a minimum time
between showing the form and submitting it, and a per-IP rate limit kept in Django's cache."""
from __future__ import annotations

import hashlib
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache

from portal.security.request_ip import client_ip

SALT = "themedays.form-started"
MAX_AGE = 24 * 3600


def min_submit_seconds() -> float:
    return float(getattr(settings, "THEMEDAYS_MIN_SUBMIT_SECONDS", 3))


class GuardedForm(forms.Form):
    # Hidden from people (off-screen, out of the tab order, hidden from screen readers); bots fill it.
    website = forms.CharField(label="网址（请勿填写）", required=False, max_length=200,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))
    started = forms.CharField(widget=forms.HiddenInput, required=False)
    min_seconds: float | None = None  # None: THEMEDAYS_MIN_SUBMIT_SECONDS

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")  # labels sit above their fields; no trailing colon
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = signing.dumps(time.time(), salt=SALT)

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError("提交未通过校验，请刷新页面后重试。", code="honeypot")
        try:
            started = float(signing.loads(data.get("started") or "", salt=SALT, max_age=MAX_AGE))
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError("页面已过期，请刷新页面后重新填写。", code="expired") from None
        least = min_submit_seconds() if self.min_seconds is None else self.min_seconds
        if time.time() - started < least:
            raise forms.ValidationError("提交过快，请稍等几秒后再提交。", code="too_fast")
        return data

    def refresh_started(self) -> None:
        """A re-shown form gets a fresh token (an expired page works again); what was typed stays."""
        data = self.data.copy()
        data["started"] = signing.dumps(time.time(), salt=SALT)
        self.data = data


def rate_limited(request, scope: str, *, limit: int, window: int) -> bool:
    """Count this request; True when the address went over `limit` in the last `window` seconds."""
    # The proxy-aware address (X-Real-IP only from our own nginx); hashed: no raw IPs in the cache.
    digest = hashlib.sha256((client_ip(request) or "unknown").encode()).hexdigest()[:32]
    prefix = getattr(settings, "THEMEDAYS_RATE_LIMIT_PREFIX", "themedays:rl")
    key = f"{prefix}:{scope}:{digest}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit


RATE_LIMIT_MESSAGE = "提交过于频繁，请稍后再试。"
