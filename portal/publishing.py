"""The publishing workflow shared by every app: 草稿 → 待审核 → 已发布 → 已撤回.

Services are keyword-only and atomic; each writes its ChangeLog row in the same transaction.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from portal import audit, textcheck
from portal.models import Publishable, PublishStatus

ACTIONS = {
    PublishStatus.PENDING: "提交审核",
    PublishStatus.PUBLISHED: "发布",
    PublishStatus.WITHDRAWN: "撤回",
    PublishStatus.DRAFT: "退回草稿",
}

# Which states each state may move to.
ALLOWED = {
    PublishStatus.DRAFT: {PublishStatus.PENDING, PublishStatus.PUBLISHED},
    PublishStatus.PENDING: {PublishStatus.PUBLISHED, PublishStatus.DRAFT},
    PublishStatus.PUBLISHED: {PublishStatus.WITHDRAWN},
    PublishStatus.WITHDRAWN: {PublishStatus.DRAFT, PublishStatus.PENDING, PublishStatus.PUBLISHED},
}


def can_edit(user, obj: Publishable) -> bool:
    if not user.is_authenticated or not user.is_staff:
        return False
    return user.sees_all_departments or (user.department_id is not None and obj.department_id == user.department_id)


@transaction.atomic
def transition(*, obj: Publishable, to: str, actor, note: str = "", checker=None) -> Publishable:
    """Move obj to the state `to`, checking the role and the department, and log it.

    Publishing raises textcheck.PublicationBlocked (a ValidationError) while the text holds personal
    data or a banned word; `checker` lets a bulk action load the word list once.
    """
    to = PublishStatus(to)
    if not can_edit(actor, obj):
        raise PermissionDenied("您无权操作其他机构的内容。")
    if to in (PublishStatus.PUBLISHED, PublishStatus.WITHDRAWN) and not actor.can_publish:
        raise PermissionDenied("只有审核员及以上角色可以发布或撤回。")
    current = PublishStatus(obj.status)
    if to == current:
        return obj
    if to not in ALLOWED[current]:
        raise ValidationError(f"不能从“{current.label}”变为“{to.label}”。")
    if to == PublishStatus.PUBLISHED:
        textcheck.ensure_publishable(obj, checker=checker)
    before = audit.snapshot(obj)
    obj.status = to
    if to == PublishStatus.PUBLISHED:
        obj.reviewer = actor
        obj.published_at = obj.published_at or timezone.now()
    obj.save()
    audit.record(obj=obj, action=ACTIONS[to], actor=actor, changes=audit.diff(before, audit.snapshot(obj)), note=note)
    return obj
