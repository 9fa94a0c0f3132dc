"""Pieces shared by requests and letters: tracking numbers, query codes, the due date as people read it."""
from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import IntegrityError, models, transaction


class DueDateText:
    """For a model with `due_date` and `due_provisional`: "2027-01-13（暂定：2027 年放假安排公布前按法定节假日暂算）"
    or "" when there is no date yet; timelines, notices and e-mails print this."""

    @property
    def due_text(self) -> str:
        from openinfo.deadlines import Deadline

        return str(Deadline(self.due_date, self.due_provisional)) if self.due_date else ""


class TrackingCounter(models.Model):
    """One row per (prefix, year): the last serial handed out, so numbers never repeat. Tracking numbers use
    the prefix "YSQ"/"XX"; the 文号 of notices one prefix per document kind and department."""

    prefix = models.CharField("前缀", max_length=40)
    year = models.PositiveIntegerField("年份")
    last = models.PositiveIntegerField("已用流水号", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "编号计数器"
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="openinfo_counter_unique")]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"


def next_tracking_number(prefix: str, year: int) -> str:
    """e.g. YSQ-2026-000123."""
    return f"{prefix}-{year}-{next_serial(prefix, year):06d}"


def next_serial(prefix: str, year: int) -> int:
    """The next number of the (prefix, year) sequence. Row-locked on PostgreSQL (the lock is held until the
    caller's transaction commits, so a rolled-back caller gives its number back); SQLite serialises writers."""
    try:
        with transaction.atomic():
            TrackingCounter.objects.get_or_create(prefix=prefix, year=year)
    except IntegrityError:
        pass  # another request created the year's row at the same moment
    with transaction.atomic():
        counter = TrackingCounter.objects.select_for_update().get(prefix=prefix, year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
        return counter.last


# 10 decimal digits = 10^10 combinations; digits only, because elders type them on phones.
QUERY_CODE_DIGITS = 10


def new_query_code() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(QUERY_CODE_DIGITS))


def normalise_code(code: str) -> str:
    """People copy codes with spaces or full-width digits; keep only the digits."""
    table = {ord("０") + i: str(i) for i in range(10)}
    return "".join(ch for ch in (code or "").translate(table) if ch.isdigit())


def hash_query_code(code: str, salt: str | None = None) -> str:
    """HMAC-SHA256 keyed with SECRET_KEY and a per-row salt: a leaked table alone cannot be brute-forced,
    and a lookup costs microseconds (the per-IP rate limit, not the hash, stops online guessing)."""
    salt = salt or secrets.token_hex(8)
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{salt}:{normalise_code(code)}".encode(), hashlib.sha256
    ).hexdigest()
    return f"{salt}${digest}"


def check_query_code(code: str, stored: str) -> bool:
    salt, _, _digest = (stored or "").partition("$")
    expected = hash_query_code(code, salt or "x")
    return hmac.compare_digest(expected.encode(), (stored or "x$").encode())
