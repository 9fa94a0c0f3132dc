"""申报 → 公开办 review (入选 / 未入选 + note) → bulk scheduling into activities, with history."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from portal.audit import history_for
from themedays.models import Activity, Proposal, ProposalStatus
from tests.themedays.helpers import login
from themedays.services.proposals import (ScheduleItem, proposal_return, proposal_review, proposal_submit,
                                          proposals_schedule)

pytestmark = pytest.mark.django_db


def make_proposal(plan, department, topic="生态文明建设", month=7, **extra) -> Proposal:
    return Proposal.objects.create(plan=plan, department=department, topic=topic, month=month,
                                   form="field_study", summary="走进大通湖生态修复现场。", contact_name="张科长",
                                   contact_phone="0731-88888888", **extra)


def test_department_submits_and_office_selects_with_history(plan, editor, office):
    proposal = make_proposal(plan, editor.department)
    proposal_submit(proposal=proposal, actor=editor)
    proposal_review(proposal=proposal, decision=ProposalStatus.SELECTED, note="主题聚焦群众关切。", actor=office)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SELECTED
    assert proposal.reviewed_by == office and proposal.review_note == "主题聚焦群众关切。"
    actions = [entry.action for entry in history_for(proposal)]
    assert actions == ["审核：入选", "申报"]
    assert history_for(proposal)[0].changes["status"] == ["submitted", "selected"]


def test_rejection_needs_a_note(plan, editor, office):
    proposal = make_proposal(plan, editor.department, status=ProposalStatus.SUBMITTED)
    with pytest.raises(ValidationError, match="请填写审核意见"):
        proposal_review(proposal=proposal, decision=ProposalStatus.REJECTED, note=" ", actor=office)
    proposal_review(proposal=proposal, decision=ProposalStatus.REJECTED, note="与其他主题重复。", actor=office)
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.REJECTED


def test_only_office_reviews_and_departments_submit_their_own(plan, editor, reviewer, office, other_department):
    proposal = make_proposal(plan, editor.department, status=ProposalStatus.SUBMITTED)
    with pytest.raises(PermissionDenied):
        proposal_review(proposal=proposal, decision=ProposalStatus.SELECTED, actor=reviewer)
    foreign = make_proposal(plan, other_department, topic="养老服务")
    with pytest.raises(PermissionDenied):
        proposal_submit(proposal=foreign, actor=editor)


def test_returned_proposal_goes_back_to_draft(plan, editor, office):
    proposal = make_proposal(plan, editor.department)
    proposal_submit(proposal=proposal, actor=editor)
    proposal_return(proposal=proposal, note="请补充活动简介。", actor=office)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT and proposal.review_note == "请补充活动简介。"
    proposal_submit(proposal=proposal, actor=editor)


def test_submission_closes_after_the_deadline(plan, editor):
    plan.proposal_deadline = timezone.localdate() - dt.timedelta(days=1)
    plan.save()
    with pytest.raises(ValidationError, match="申报已于"):
        proposal_submit(proposal=make_proposal(plan, editor.department), actor=editor)


def test_bulk_scheduling_creates_draft_activities_once(plan, editor, office, other_department):
    chosen = [make_proposal(plan, editor.department, status=ProposalStatus.SELECTED),
              make_proposal(plan, other_department, topic="养老服务政策问卷", month=8, status=ProposalStatus.SELECTED)]
    tz = timezone.get_current_timezone()
    items = [ScheduleItem(proposal=p, start_at=dt.datetime(2023, p.month, 10, 9, tzinfo=tz),
                          end_at=dt.datetime(2023, p.month, 10, 11, tzinfo=tz), place="会议室") for p in chosen]
    activities = proposals_schedule(items=items, actor=office)
    assert [a.title for a in activities] == ["生态文明建设", "养老服务政策问卷"]
    assert all(a.status == "draft" and a.plan == plan for a in activities)
    assert [a.plan_serial for a in activities] == [1, 2]
    assert Proposal.objects.get(pk=chosen[0].pk).activity == activities[0]
    with pytest.raises(ValidationError, match="已排期"):
        proposals_schedule(items=items[:1], actor=office)
    assert Activity.objects.count() == 2


def test_rejected_proposal_cannot_be_scheduled(plan, editor, office):
    proposal = make_proposal(plan, editor.department, status=ProposalStatus.REJECTED)
    now = timezone.now()
    with pytest.raises(ValidationError, match="未入选"):
        proposals_schedule(items=[ScheduleItem(proposal=proposal, start_at=now, end_at=now + dt.timedelta(hours=1),
                                               place="会议室")], actor=office)


# --- the admin review queue -------------------------------------------------------------------------

def test_review_queue_page_applies_decisions(client, plan, editor, office):
    keep = make_proposal(plan, editor.department, topic="保留", status=ProposalStatus.SUBMITTED)
    choose = make_proposal(plan, editor.department, topic="入选主题", status=ProposalStatus.SUBMITTED)
    reject = make_proposal(plan, editor.department, topic="未入选主题", status=ProposalStatus.SUBMITTED)
    login(client, office)
    url = reverse("admin:themedays_proposal_review")
    page = client.get(url)
    assert page.status_code == 200 and "入选主题" in page.content.decode()
    response = client.post(url, {f"decision_{choose.pk}": "selected", f"decision_{reject.pk}": "rejected",
                                 f"note_{reject.pk}": "与已有主题重复"})
    assert response.status_code == 302
    statuses = dict(Proposal.objects.values_list("topic", "status"))
    assert statuses == {"保留": "submitted", "入选主题": "selected", "未入选主题": "rejected"}
    assert keep.pk


def test_review_queue_is_office_only(client, editor):
    login(client, editor)
    assert client.get(reverse("admin:themedays_proposal_review")).status_code == 403


def test_schedule_page_creates_activities(client, plan, editor, office):
    proposal = make_proposal(plan, editor.department, status=ProposalStatus.SELECTED)
    login(client, office)
    url = reverse("admin:themedays_proposal_schedule")
    assert "生态文明建设" in client.get(url).content.decode()
    response = client.post(url, {f"include_{proposal.pk}": "1", f"date_{proposal.pk}": "2023-07-11",
                                 f"start_{proposal.pk}": "08:00", f"end_{proposal.pk}": "12:00",
                                 f"place_{proposal.pk}": "益阳市大通湖区"})
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert timezone.localtime(activity.start_at).strftime("%Y-%m-%d %H:%M") == "2023-07-11 08:00"
    assert activity.place == "益阳市大通湖区"


def test_editor_cannot_edit_a_submitted_proposal(client, plan, editor):
    proposal = make_proposal(plan, editor.department, status=ProposalStatus.SUBMITTED)
    login(client, editor)
    url = reverse("admin:themedays_proposal_change", args=[proposal.pk])
    client.post(url, {"plan": plan.pk, "department": editor.department.pk, "serial": 1, "topic": "改了",
                      "month": 7, "form": "field_study", "summary": "x", "contact_name": "a", "contact_phone": "1"})
    assert Proposal.objects.get(pk=proposal.pk).topic == "生态文明建设"
