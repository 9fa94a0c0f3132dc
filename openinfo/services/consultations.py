"""Comments on consultations: stored for moderation, never shown before a moderator approves."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from openinfo.models import Consultation, ConsultationComment
from portal import audit, textcheck


@transaction.atomic
def comment_submit(*, consultation: Consultation, content: str, name: str = "",
                   contact: str = "") -> ConsultationComment:
    if not consultation.is_open:
        raise ValidationError("征集期已结束，不再接收意见。")
    comment = ConsultationComment.objects.create(
        consultation=consultation, content=content.strip(), name=(name or "").strip()[:40],
        contact=(contact or "").strip()[:100],
    )
    audit.record(obj=comment, action="提交意见")
    return comment


@transaction.atomic
def comment_moderate(*, comment: ConsultationComment, status: str, actor, checker=None) -> ConsultationComment:
    """公开 or 不予公开 a comment; publishing it is refused while it holds personal data or a banned word."""
    department_id = comment.consultation.department_id
    if not (actor.sees_all_departments or actor.department_id == department_id):
        raise PermissionDenied("您无权审核其他机构的意见。")
    status = ConsultationComment.Status(status)
    if comment.status == status:
        return comment
    if status == ConsultationComment.Status.APPROVED:
        textcheck.ensure_publishable(comment, checker=checker)
    before = audit.snapshot(comment)
    comment.status = status
    comment.save(update_fields=["status"])
    audit.record(obj=comment, action="审核意见", actor=actor, changes=audit.diff(before, audit.snapshot(comment)))
    return comment
