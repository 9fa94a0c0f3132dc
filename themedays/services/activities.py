"""Activity changes that are more than an edit: cancelling, and keeping the stage in step with time."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from portal import audit
from themedays.models import Activity, RegistrationStatus, Stage

from .common import require_own_department


@transaction.atomic
def activity_cancel(*, activity: Activity, reason: str, actor, now=None) -> Activity:
    """已取消 with a reason shown publicly; everyone signed up is told."""
    require_own_department(actor, activity.department_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写取消原因，原因将向公众公开。")
    now = now or timezone.now()
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.cancelled_at:
        raise ValidationError("该活动已取消。")
    if now >= activity.end_at:
        raise ValidationError("活动已经举办，不能取消。")
    before = audit.snapshot(activity)
    activity.cancelled_at = now
    activity.cancel_reason = reason
    activity.save()
    audit.record(obj=activity, action="取消活动", actor=actor, changes=audit.diff(before, audit.snapshot(activity)),
                 note=reason)
    from themedays.notify import queue

    for reg in activity.registrations.exclude(status=RegistrationStatus.CANCELLED).select_related("activity"):
        queue(reg, "activity_cancelled", once=False)
    return activity


@transaction.atomic
def activity_restore(*, activity: Activity, actor, now=None) -> Activity:
    """Undo a cancellation made by mistake (before the activity's time)."""
    require_own_department(actor, activity.department_id)
    now = now or timezone.now()
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if not activity.cancelled_at:
        raise ValidationError("该活动未取消。")
    if now >= activity.start_at:
        raise ValidationError("活动时间已过，不能恢复。")
    before = audit.snapshot(activity)
    activity.cancelled_at = None
    activity.cancel_reason = ""
    activity.save()
    audit.record(obj=activity, action="恢复活动", actor=actor, changes=audit.diff(before, audit.snapshot(activity)))
    return activity


def refresh_stages(*, now=None) -> int:
    """Store the time-derived stage (报名中 → 即将举办 → 已举办 …) on rows where it moved on."""
    now = now or timezone.now()
    changed = 0
    candidates = Activity.objects.exclude(stage__in=[Stage.HELD, Stage.CANCELLED]).only(
        "pk", "stage", "start_at", "end_at", "cancelled_at", "registration_required", "registration_opens_at",
        "registration_closes_at", "title",
    )
    for activity in candidates.iterator():
        stage = activity.stage_at(now)
        if stage != activity.stage:
            with transaction.atomic():
                updated = Activity.objects.filter(pk=activity.pk, stage=activity.stage).update(stage=stage)
                if updated:
                    audit.record(obj=activity, action="状态更新", changes={"stage": [activity.stage, stage.value]},
                                 note="按活动时间自动更新")
                    changed += 1
    return changed
