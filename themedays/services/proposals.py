"""申报 → 审核 (入选 / 未入选) → 排期 (Activity)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from portal import audit
from themedays.models import Activity, Proposal, ProposalStatus, ThemeDayPlan

from .common import require_office, require_own_department


def _save_with_history(obj, before: dict, *, action: str, actor, note: str = "") -> None:
    obj.save()
    audit.record(obj=obj, action=action, actor=actor, changes=audit.diff(before, audit.snapshot(obj)), note=note)


@transaction.atomic
def proposal_submit(*, proposal: Proposal, actor) -> Proposal:
    """The department's 信息员 sends a draft to 公开办."""
    require_own_department(actor, proposal.department_id)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.DRAFT:
        raise ValidationError(f"只有草稿可以申报，当前状态为“{proposal.get_status_display()}”。")
    deadline = proposal.plan.proposal_deadline
    if deadline and timezone.localdate() > deadline:
        raise ValidationError(f"申报已于 {deadline:%Y年%m月%d日} 截止。")
    before = audit.snapshot(proposal)
    proposal.status = ProposalStatus.SUBMITTED
    proposal.submitted_by = actor
    proposal.submitted_at = timezone.now()
    _save_with_history(proposal, before, action="申报", actor=actor)
    return proposal


@transaction.atomic
def proposal_review(*, proposal: Proposal, decision: str, note: str = "", actor) -> Proposal:
    """公开办 decides. 未入选 needs a note so the department knows why; a scheduled one stays 入选."""
    require_office(actor)
    decision = ProposalStatus(decision)
    if decision not in (ProposalStatus.SELECTED, ProposalStatus.REJECTED):
        raise ValidationError("审核结果只能是“入选”或“未入选”。")
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status == ProposalStatus.DRAFT:
        raise ValidationError("该主题尚未申报，不能审核。")
    if proposal.activity_id:
        raise ValidationError("该主题已排期为活动，不能再改变审核结果。")
    note = (note or "").strip()
    if decision == ProposalStatus.REJECTED and not note:
        raise ValidationError("未入选时请填写审核意见，说明原因。")
    before = audit.snapshot(proposal)
    proposal.status = decision
    proposal.review_note = note
    proposal.reviewed_by = actor
    proposal.reviewed_at = timezone.now()
    _save_with_history(proposal, before, action=f"审核：{decision.label}", actor=actor, note=note)
    return proposal


@transaction.atomic
def proposal_return(*, proposal: Proposal, note: str, actor) -> Proposal:
    """Send a submitted proposal back to the department as a draft, to be corrected and re-submitted."""
    require_office(actor)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ValidationError("只能退回待审核的申报。")
    before = audit.snapshot(proposal)
    proposal.status = ProposalStatus.DRAFT
    proposal.review_note = (note or "").strip()
    _save_with_history(proposal, before, action="退回修改", actor=actor, note=proposal.review_note)
    return proposal


@dataclass(frozen=True)
class ScheduleItem:
    proposal: Proposal
    start_at: dt.datetime
    end_at: dt.datetime
    place: str


def default_slot(proposal: Proposal, *, index: int = 0) -> tuple[dt.datetime, dt.datetime]:
    """A first suggestion for the scheduling form: a weekday morning in the proposed month."""
    year = proposal.plan.year
    day = dt.date(year, proposal.month, 10) + dt.timedelta(days=(index % 3) * 7)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(day, dt.time(9, 30), tzinfo=tz)
    return start, start + dt.timedelta(hours=2)


@transaction.atomic
def proposals_schedule(*, items: list[ScheduleItem], actor) -> list[Activity]:
    """Turn chosen proposals into draft activities (bulk scheduling); each proposal once only."""
    require_office(actor)
    errors, created = [], []
    for item in items:
        proposal = Proposal.objects.select_for_update().select_related("plan").get(pk=item.proposal.pk)
        label = f"“{proposal.topic}”"
        if proposal.status != ProposalStatus.SELECTED:
            errors.append(f"{label}未入选，不能排期。")
            continue
        if proposal.activity_id:
            errors.append(f"{label}已排期。")
            continue
        if item.end_at <= item.start_at:
            errors.append(f"{label}的结束时间应晚于开始时间。")
            continue
        if not (item.place or "").strip():
            errors.append(f"{label}请填写活动地点。")
            continue
        created.append((proposal, item))
    if errors:
        raise ValidationError(errors)
    activities = []
    plans = {p for p, _ in created}
    next_serial = _next_serials({p.plan_id for p in plans})
    for proposal, item in sorted(created, key=lambda pair: pair[1].start_at):
        serial = next_serial[proposal.plan_id]
        next_serial[proposal.plan_id] += 1
        activity = Activity.objects.create(
            plan=proposal.plan, plan_serial=serial, department=proposal.department, title=proposal.topic,
            form=proposal.form, summary=proposal.summary[:500], body=f"<p>{proposal.summary}</p>",
            start_at=item.start_at, end_at=item.end_at, place=item.place.strip(), author=actor,
        )
        audit.record(obj=activity, action="由申报排期", actor=actor, changes=audit.diff({}, audit.snapshot(activity)))
        before = audit.snapshot(proposal)
        proposal.activity = activity
        _save_with_history(proposal, before, action="排期", actor=actor,
                           note=f"{item.start_at:%Y-%m-%d %H:%M} {item.place}")
        activities.append(activity)
    return activities


def _next_serials(plan_ids: set[int]) -> dict[int, int]:
    found = dict(ThemeDayPlan.objects.filter(pk__in=plan_ids).annotate(top=Max("activities__plan_serial"))
                 .values_list("pk", "top"))
    return {pk: (found.get(pk) or 0) + 1 for pk in plan_ids}
