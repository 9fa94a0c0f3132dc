"""The back office: case view with its steps, registration, queue, documents, scoping, digest."""
import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from openinfo import services
from openinfo.models import InfoRequest, WorkCalendarDay
from openinfo.services.digest import send_digests
from portal.models import Role
from tests.factories import official

from .conftest import applicant, login, submit_on

pytestmark = pytest.mark.django_db


def test_case_view_shows_full_data_and_steps_move_the_case(client, make_request, handler):
    req = make_request(dt.date(2025, 9, 26))
    login(client, handler)
    url = reverse("admin:openinfo_inforequest_change", args=[req.pk])
    html = client.get(url).content.decode()
    assert req.masked_id in html and "09-28、10-11 调休上班计入" in html and "发出补正告知" in html
    listing = client.get(reverse("admin:openinfo_inforequest_changelist")).content.decode()
    assert req.masked_id in listing and req.id_number not in listing
    step = reverse("admin:openinfo_inforequest_step", args=[req.pk, "extend"])
    client.post(step, {"extend-reason": "需要调档", "extend-approver": "王主任", "extend-approved_on": "2025-10-20"})
    req.refresh_from_db()
    assert req.extended and req.due_date == dt.date(2025, 11, 27)
    again = client.post(step, {"extend-reason": "x", "extend-approver": "y", "extend-approved_on": "2025-10-21"},
                        follow=True)
    assert "不能延期答复" in again.content.decode()
    reply = reverse("admin:openinfo_inforequest_step", args=[req.pk, "reply"])
    client.post(reply, {"reply-outcome": "public", "reply-reply_text": "见附件", "reply-replied_on": "2025-11-03"})
    req.refresh_from_db()
    assert req.status == "replied" and req.outcome == "public"


def test_reply_letter_is_drafted_printed_and_downloaded(client, make_request, handler):
    req = make_request(dt.date(2025, 9, 26))
    login(client, handler)
    response = client.post(reverse("admin:openinfo_inforequest_draft", args=[req.pk]),
                           {"draft-kind": "reply", "draft-outcome": "none_held"})
    doc = req.documents.get()
    assert response["Location"] == reverse("admin:openinfo_requestdocument_change", args=[doc.pk])
    printed = client.get(reverse("admin:openinfo_requestdocument_print", args=[doc.pk])).content.decode()
    assert "政府信息公开申请答复书" in printed and "第三十六条第（四）项" in printed
    docx = client.get(reverse("admin:openinfo_requestdocument_docx", args=[doc.pk]))
    assert docx.content[:2] == b"PK" and "attachment" in docx["Content-Disposition"]


def test_other_departments_get_403(client, make_request, other_department):
    req = make_request()
    stranger = official(Role.REVIEWER, other_department)
    login(client, stranger)
    assert client.get(reverse("admin:openinfo_inforequest_change", args=[req.pk])).status_code == 403
    assert client.post(reverse("admin:openinfo_inforequest_step", args=[req.pk, "reply"]), {}).status_code == 403
    assert req.tracking_number not in client.get(reverse("admin:openinfo_inforequest_changelist")).content.decode()


def test_staff_register_a_paper_application(client, department, handler):
    login(client, handler)
    data = {**applicant(9), "department": department.pk, "channel": "in_person", "submitted_on": "2025-09-26"}
    data = {k: v for k, v in data.items() if v is not None}
    response = client.post(reverse("admin:openinfo_inforequest_add"), data, follow=True)
    req = InfoRequest.objects.get()
    assert req.channel == "in_person" and req.received_on == dt.date(2025, 9, 26) and req.status == "accepted"
    assert "只显示这一次" in response.content.decode()


def test_queue_groups_overdue_and_due_soon(client, department, handler):
    today = timezone.localdate()
    overdue = submit_on(today - dt.timedelta(days=45), department)
    services.request_accept(req=overdue, actor=handler, confirmed_on=today - dt.timedelta(days=40))
    login(client, handler)
    html = client.get(reverse("admin:openinfo_inforequest_queue")).content.decode()
    assert "已超期" in html and overdue.tracking_number in html and "按承办人" in html
    filtered = client.get(reverse("admin:openinfo_inforequest_changelist") + "?deadline=overdue").content.decode()
    assert overdue.tracking_number in filtered


def test_missing_next_year_calendar_warns_in_admin(client, office):
    year = timezone.localdate().year
    WorkCalendarDay.objects.filter(date__year=year + 1).delete()
    login(client, office)
    html = client.get(reverse("admin:openinfo_workcalendarday_changelist")).content.decode()
    assert f"尚未录入 {year + 1} 年的节假日与调休安排" in html


def test_daily_digest_is_scheduled_and_mails_each_department(department, handler, django_capture_on_commit_callbacks):
    assert settings.CELERY_BEAT_SCHEDULE["openinfo-department-digest"]["task"] == "openinfo.tasks.send_department_digests"
    handler.email = "finance@example.gov.cn"
    handler.save()
    today = timezone.localdate()
    req = submit_on(today - dt.timedelta(days=45), department)
    services.request_accept(req=req, actor=handler, confirmed_on=today - dt.timedelta(days=40))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests(today) == 1
        assert send_digests(today) == 1  # the beat task delivered again: still one digest
    [message] = [m for m in mail.outbox if "待办提醒" in m.subject]
    assert message.to == ["finance@example.gov.cn"] and req.tracking_number in message.body
    assert req.id_number not in message.body and req.phone not in message.body


def test_corrected_contact_details_are_not_copied_into_the_history(client, make_request, handler):
    from portal.audit import history_for

    req = make_request()
    login(client, handler)
    url = reverse("admin:openinfo_inforequest_change", args=[req.pk])
    data = {"phone": "13911112222", "email": "", "address": "新地址1号", "postcode": "410000",
            "handler": handler.pk, "files-TOTAL_FORMS": "0", "files-INITIAL_FORMS": "0"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    req.refresh_from_db()
    assert req.phone == "13911112222"
    entry = history_for(req).filter(action="修改").get()
    assert "phone" in entry.changes and "13911112222" not in str(entry.changes) and "新地址" not in str(entry.changes)
