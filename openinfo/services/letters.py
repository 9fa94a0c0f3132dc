"""Writes for 政务信箱 letters: submit, accept, reply, reject, rate, publish."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from openinfo import deadlines
from openinfo.models import Letter
from openinfo.models.common import hash_query_code, new_query_code, next_tracking_number
from portal import audit, textcheck
from portal.notify import email_after_commit
from portal.models import Department

LETTER_PREFIX = "XX"
# Working days a department has to answer, per kind; override with settings.OPENINFO_LETTER_REPLY_DAYS.
DEFAULT_REPLY_DAYS = {"consult": 5, "suggest": 15, "help": 10, "complaint": 15}


def reply_days(kind: str) -> int:
    configured = getattr(settings, "OPENINFO_LETTER_REPLY_DAYS", {}) or {}
    return int(configured.get(kind, DEFAULT_REPLY_DAYS.get(kind, 15)))


def _choice(enum, value: str, what: str) -> str:
    """Accept the code ("consult") or the label people use ("咨询")."""
    for code, label in enum.choices:
        if value in (code, label):
            return code
    raise ValidationError(f"{what}“{value}”无效。")


def letter_deadline(kind: str, start: dt.date, calendar: deadlines.WorkCalendar | None = None) -> deadlines.Deadline:
    """The reply date of a letter of `kind` written on `start`, 暂定 while it relies on a year not entered."""
    return deadlines.working_day_deadline(start, reply_days(kind), calendar or deadlines.load_calendar())


def _check_department(actor, letter: Letter) -> None:
    if actor is not None and not (actor.sees_all_departments or actor.department_id == letter.department_id):
        raise PermissionDenied("您无权办理其他机构的来信。")


@transaction.atomic
def letter_submit(
    *, kind: str, department, subject: str, content: str, name: str, phone: str, email: str = "",
    channel: str = "elder", consent_publish: bool = False,
) -> Letter:
    """Register a letter; the returned object carries the raw query code once as `query_code_plain`."""
    if not isinstance(department, Department):
        department = Department.objects.get(pk=department)
    subject, content, name, phone = (v.strip() for v in (subject, content, name, phone))
    if not (subject and content and name and phone):
        raise ValidationError("标题、内容、姓名和联系电话均为必填。")
    code = new_query_code()
    now = timezone.now()
    kind = _choice(Letter.Kind, kind, "类型")
    due = letter_deadline(kind, timezone.localdate(now))
    letter = Letter.objects.create(
        tracking_number=next_tracking_number(LETTER_PREFIX, timezone.localdate(now).year),
        query_code_hash=hash_query_code(code),
        kind=kind,
        department=department,
        subject=subject[:120],
        content=content,
        name=name[:40],
        phone=phone[:30],
        email=(email or "").strip(),
        channel=_choice(Letter.Channel, channel, "渠道"),
        consent_publish=bool(consent_publish),
        due_date=due.date,
        due_provisional=due.provisional,
    )
    audit.record(obj=letter, action="来信", note=f"渠道：{letter.get_channel_display()}")
    email_after_commit(
        letter.email,
        f"您的来信已收到（{letter.tracking_number}）",
        f"{letter.name}：\n\n您写给{department.name}的来信“{letter.subject}”已收到，办件编号 {letter.tracking_number}。"
        f"\n请凭办件编号和提交时显示的查询码在网站“政务信箱”查询办理进度。\n",
        key=f"letter-received:{letter.pk}",
    )
    letter.query_code_plain = code
    return letter


@transaction.atomic
def letter_accept(*, letter: Letter, actor, handler=None) -> Letter:
    _check_department(actor, letter)
    if letter.status != Letter.Status.SUBMITTED:
        raise ValidationError("只有待受理的来信可以受理。")
    before = audit.snapshot(letter)
    letter.status = Letter.Status.ACCEPTED
    letter.accepted_on = timezone.localdate()
    letter.handler = handler or actor
    letter.save()
    audit.record(obj=letter, action="受理", actor=actor, changes=audit.diff(before, audit.snapshot(letter)))
    return letter


@transaction.atomic
def letter_reply(*, letter: Letter, actor, reply: str, reply_department=None, publish: bool = False) -> Letter:
    _check_department(actor, letter)
    if letter.status not in (Letter.Status.SUBMITTED, Letter.Status.ACCEPTED):
        raise ValidationError("该来信已办结。")
    if not reply.strip():
        raise ValidationError("请填写答复内容。")
    before = audit.snapshot(letter)
    letter.accepted_on = letter.accepted_on or timezone.localdate()
    letter.status = Letter.Status.REPLIED
    letter.reply = reply.strip()
    letter.replied_at = timezone.now()
    letter.reply_department = reply_department or letter.department
    letter.handler = letter.handler or actor
    letter.published = bool(publish and letter.consent_publish)
    if letter.published:
        textcheck.ensure_publishable(letter)
    letter.save()
    audit.record(obj=letter, action="答复", actor=actor, changes=audit.diff(before, audit.snapshot(letter)))
    email_after_commit(
        letter.email,
        f"您的来信已答复（{letter.tracking_number}）",
        f"{letter.name}：\n\n您的来信“{letter.subject}”已由{letter.reply_department.name}答复。"
        "请凭办件编号和查询码在网站“政务信箱”查看答复并评价。\n",
    )
    return letter


@transaction.atomic
def letter_reject(*, letter: Letter, actor, reason: str) -> Letter:
    _check_department(actor, letter)
    if letter.status not in (Letter.Status.SUBMITTED, Letter.Status.ACCEPTED):
        raise ValidationError("该来信已办结。")
    if not reason.strip():
        raise ValidationError("请填写不予受理的理由。")
    before = audit.snapshot(letter)
    letter.status = Letter.Status.REJECTED
    letter.reject_reason = reason.strip()
    letter.replied_at = timezone.now()
    letter.save()
    audit.record(obj=letter, action="不予受理", actor=actor, changes=audit.diff(before, audit.snapshot(letter)))
    return letter


@transaction.atomic
def letter_rate(*, letter: Letter, rating: str, comment: str = "") -> Letter:
    """The writer rates the reply once (好差评); a second rating is refused."""
    if letter.status != Letter.Status.REPLIED:
        raise ValidationError("来信答复后才能评价。")
    if letter.rating:
        raise ValidationError("您已评价过该答复。")
    letter.rating = _choice(Letter.Rating, rating, "评价")
    letter.rating_comment = (comment or "").strip()[:1000]
    letter.rated_at = timezone.now()
    letter.save(update_fields=["rating", "rating_comment", "rated_at"])
    audit.record(obj=letter, action="评价", changes={"rating": ["", letter.get_rating_display()]})
    return letter


@transaction.atomic
def letter_set_published(*, letter: Letter, actor, published: bool) -> Letter:
    _check_department(actor, letter)
    if published and not letter.consent_publish:
        raise ValidationError("来信人未同意公开，不能公开。")
    if published and letter.status != Letter.Status.REPLIED:
        raise ValidationError("答复后才能公开。")
    if published and not letter.published:
        textcheck.ensure_publishable(letter)
    if letter.published != published:
        letter.published = published
        letter.save(update_fields=["published"])
        audit.record(obj=letter, action="公开" if published else "取消公开", actor=actor)
    return letter
