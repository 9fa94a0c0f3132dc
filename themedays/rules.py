"""Pure rules of the programme: no database, no clock. Callers pass `now`; tests feed it dates."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from themedays.models.choices import Stage

MOBILE = re.compile(r"^1[3-9]\d{9}$")


def activity_stage(*, now: dt.datetime, start_at: dt.datetime, end_at: dt.datetime, cancelled: bool,
                   registration_required: bool, opens_at: dt.datetime | None,
                   closes_at: dt.datetime | None) -> Stage:
    """What the public sees: 已取消 wins; then time decides (报名中 only inside the window)."""
    if cancelled:
        return Stage.CANCELLED
    if now >= end_at:
        return Stage.HELD
    if now >= start_at:
        return Stage.ONGOING
    if not registration_required:
        return Stage.UPCOMING
    closes = closes_at or start_at
    if now >= closes:
        return Stage.UPCOMING
    if opens_at is not None and now < opens_at:
        return Stage.PREPARING
    return Stage.REGISTERING


def normalize_phone(raw: str) -> str:
    """Digits only, without a +86/0086 prefix; '138 0000-0000' and '+8613800000000' match."""
    digits = re.sub(r"\D", "", raw or "")
    for prefix in ("0086", "86"):
        if len(digits) == 11 + len(prefix) and digits.startswith(prefix):
            digits = digits[len(prefix):]
    return digits


def is_mobile(phone: str) -> bool:
    return bool(MOBILE.match(phone or ""))


def mask_phone(phone: str) -> str:
    """138****0000: enough for a registrant to recognise their number, useless to anyone else."""
    phone = phone or ""
    if len(phone) < 7:
        return "*" * len(phone)
    return f"{phone[:3]}****{phone[-4:]}"


@dataclass(frozen=True)
class Party:
    key: int
    size: int


def promotable(waiting: list[Party], free: int) -> list[int]:
    """Which waiting parties (in sign-up order) get the places that have come free.

    Earlier parties go first; a party too big for what is left is passed over for now (it keeps
    its place in the queue) so that a free place is not left empty behind it.
    """
    chosen = []
    for party in waiting:
        if party.size <= free:
            chosen.append(party.key)
            free -= party.size
        if free <= 0:
            break
    return chosen


def months_below_goal(counts: dict[int, int], *, goal: int, first_month: int, last_month: int) -> list[int]:
    """Months (first..last, inclusive) whose activity count is below the monthly goal."""
    return [m for m in range(first_month, last_month + 1) if counts.get(m, 0) < goal]
