"""Sign-up, cancellation and the waitlist, safe under concurrent requests.

Every change takes the activity row's lock first (select_for_update on PostgreSQL; on SQLite,
which has no row locks, a write that takes the database write lock), so two people cannot both
get the last place and a freed place goes to exactly one waiting party.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from portal import audit
from themedays.models import Activity, Audience, Registration, RegistrationStatus, Stage
from themedays.rules import Party, is_mobile, normalize_phone, promotable

NUMBER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read out over the phone


@dataclass(frozen=True)
class Applicant:
    name: str
    phone: str
    identity: str
    party_size: int = 1
    email: str = ""


def new_number() -> str:
    while True:
        number = "ZT" + "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(8))
        if not Registration.objects.filter(number=number).exists():
            return number


def _lock_activity(activity_id: int) -> Activity:
    rows = Activity.objects.filter(pk=activity_id)
    if connection.features.has_select_for_update:
        activity = rows.select_for_update().get()
        rows.update(registration_version=F("registration_version") + 1)
        return activity
    # SQLite ignores select_for_update. Writing first takes the database write lock now, so a
    # concurrent sign-up waits here (busy timeout) rather than counting places about to be taken.
    if not rows.update(registration_version=F("registration_version") + 1):
        raise Activity.DoesNotExist
    return rows.get()


def seats_taken(activity: Activity) -> int:
    total = activity.registrations.filter(status=RegistrationStatus.CONFIRMED).aggregate(n=Sum("party_size"))["n"]
    return total or 0


def _record(reg: Registration, action: str, before_status: str | None, actor=None, note: str = "") -> None:
    # Only the status goes into the history: names and phones stay out of the log.
    audit.record(obj=reg, action=action, actor=actor, changes={"status": [before_status, reg.status]}, note=note)


def _notify(reg: Registration, kind: str) -> None:
    from themedays.notify import queue

    queue(reg, kind)


def _validate(activity: Activity, applicant: Applicant, now) -> Applicant:
    if not activity.is_public or not activity.registration_required:
        raise ValidationError("该活动不接受网上报名。", code="closed")
    stage = activity.stage_at(now)
    if stage != Stage.REGISTERING:
        message = {
            Stage.PREPARING: "报名尚未开始，请于报名开始后再来。",
            Stage.CANCELLED: "该活动已取消，不再接受报名。",
        }.get(stage, "报名已截止。")
        raise ValidationError(message, code="closed")
    phone = normalize_phone(applicant.phone)
    if not is_mobile(phone):
        raise ValidationError("请填写正确的 11 位手机号码。", code="phone")
    name = " ".join((applicant.name or "").split())
    if not name or len(name) > 40:
        raise ValidationError("请填写姓名（不超过 40 个字）。", code="name")
    if applicant.identity not in Audience.values:
        raise ValidationError("请选择身份。", code="identity")
    if not 1 <= applicant.party_size <= activity.max_party_size:
        raise ValidationError(f"每次报名 1–{activity.max_party_size} 人。", code="party_size")
    return Applicant(name=name, phone=phone, identity=applicant.identity, party_size=applicant.party_size,
                     email=(applicant.email or "").strip())


@transaction.atomic
def registration_create(*, activity_id: int, applicant: Applicant, now=None) -> Registration:
    """Confirmed if the party fits, else on the waitlist (if the activity has one), else refused."""
    now = now or timezone.now()
    try:
        activity = _lock_activity(activity_id)
    except Activity.DoesNotExist:
        raise ValidationError("活动不存在。", code="missing") from None
    applicant = _validate(activity, applicant, now)
    live = activity.registrations.exclude(status=RegistrationStatus.CANCELLED)
    if live.filter(phone=applicant.phone).exists():
        raise ValidationError("该手机号已报名本活动。如需查询或取消，请使用确认号。", code="duplicate")
    if activity.capacity is None or seats_taken(activity) + applicant.party_size <= activity.capacity:
        status = RegistrationStatus.CONFIRMED
    elif activity.waitlist_enabled:
        status = RegistrationStatus.WAITLISTED
    else:
        raise ValidationError("名额已满，感谢关注。", code="full")
    try:
        with transaction.atomic():
            reg = Registration.objects.create(
                activity=activity, number=new_number(), name=applicant.name, phone=applicant.phone,
                email=applicant.email, identity=applicant.identity, party_size=applicant.party_size, status=status,
            )
    except IntegrityError:  # the partial unique index: same phone, same activity
        raise ValidationError("该手机号已报名本活动。如需查询或取消，请使用确认号。", code="duplicate") from None
    _record(reg, "网上报名", None)
    _notify(reg, status)
    return reg


def waitlist_position(reg: Registration) -> int | None:
    if reg.status != RegistrationStatus.WAITLISTED:
        return None
    earlier = Q(created_at__lt=reg.created_at) | Q(created_at=reg.created_at, pk__lte=reg.pk)
    return reg.activity.registrations.filter(earlier, status=RegistrationStatus.WAITLISTED).count()


def registration_find(*, number: str, phone: str) -> Registration | None:
    """The registration with this confirmation number and phone, or None (never says which was wrong)."""
    number = (number or "").strip().upper().replace(" ", "")
    phone = normalize_phone(phone)
    if not number or not phone:
        return None
    return Registration.objects.select_related("activity").filter(number=number, phone=phone).first()


def registration_cancel(*, registration_id: int, now=None, actor=None) -> Registration:
    """The registrant (or the department) cancels; the places freed go to the waitlist at once."""
    now = now or timezone.now()
    # Found before the transaction: on SQLite a read inside it, before the lock, would deadlock
    # with another sign-up waiting for the same lock.
    activity_id = Registration.objects.filter(pk=registration_id).values_list("activity_id", flat=True).first()
    if activity_id is None:
        raise ValidationError("报名记录不存在。", code="missing")
    with transaction.atomic():
        activity = _lock_activity(activity_id)
        reg = Registration.objects.get(pk=registration_id)
        if reg.status == RegistrationStatus.CANCELLED:
            raise ValidationError("该报名已取消。", code="cancelled")
        if now >= activity.start_at and actor is None:
            raise ValidationError("活动已开始，无法在线取消。", code="started")
        before = reg.status
        reg.status = RegistrationStatus.CANCELLED
        reg.cancelled_at = now
        reg.save(update_fields=["status", "cancelled_at"])
        _record(reg, "取消报名", before, actor=actor)
        if before == RegistrationStatus.CONFIRMED:
            _fill_from_waitlist(activity, now)
    return reg


def _fill_from_waitlist(activity: Activity, now) -> list[Registration]:
    if activity.capacity is None:
        free = 10**9
    else:
        free = activity.capacity - seats_taken(activity)
    if free <= 0 or now >= activity.start_at:
        return []
    waiting = list(activity.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by("created_at", "pk"))
    chosen = set(promotable([Party(r.pk, r.party_size) for r in waiting], free))
    promoted = []
    for reg in waiting:
        if reg.pk in chosen:
            reg.status = RegistrationStatus.CONFIRMED
            reg.promoted_at = now
            reg.save(update_fields=["status", "promoted_at"])
            _record(reg, "候补转正", RegistrationStatus.WAITLISTED)
            _notify(reg, "promoted")
            promoted.append(reg)
    return promoted


@transaction.atomic
def registration_fill_waitlist(*, activity_id: int, now=None) -> list[Registration]:
    """After the department raises the capacity: give the new places to those waiting."""
    activity = _lock_activity(activity_id)
    return _fill_from_waitlist(activity, now or timezone.now())
