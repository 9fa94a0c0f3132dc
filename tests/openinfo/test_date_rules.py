"""Dates an official enters are checked against the case (issue 15, item 2)."""
import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from openinfo import date_rules, deadlines, services
from openinfo.models import InfoRequest

from .conftest import applicant, login

# ---- pure rules, any year -------------------------------------------------------------------------------

TODAY = dt.date(2028, 6, 15)
# A 2028 calendar given by hand: the rules never read the table or the clock.
CAL_2028 = deadlines.build_calendar([(dt.date(2028, 5, 1), "holiday", "劳动节"),
                                     (dt.date(2028, 5, 2), "holiday", "劳动节")], [2028])


def test_a_date_after_today_is_refused():
    with pytest.raises(ValidationError, match="不能晚于今天（2028-06-15）"):
        date_rules.check_entered(dt.date(2028, 6, 16), today=TODAY, what="延期批准日期")
    assert date_rules.check_entered(TODAY, today=TODAY, what="答复日期") == TODAY


def test_a_date_before_the_receipt_or_the_previous_step_is_refused():
    with pytest.raises(ValidationError, match="不能早于收到申请日期（2028-04-10）"):
        date_rules.check_entered(dt.date(2028, 4, 9), today=TODAY, what="补正告知日期", received_on=dt.date(2028, 4, 10))
    with pytest.raises(ValidationError, match="不能早于上一办理环节“延期答复”的日期（2028-05-20）"):
        date_rules.check_entered(dt.date(2028, 5, 19), today=TODAY, what="答复日期", received_on=dt.date(2028, 4, 10),
                                 after=(dt.date(2028, 5, 20), "延期答复"))


def test_an_extension_only_before_the_original_deadline():
    date_rules.check_extension(dt.date(2028, 5, 9), original_due=dt.date(2028, 5, 9))
    with pytest.raises(ValidationError, match="原答复期限（2028-05-09）届满前"):
        date_rules.check_extension(dt.date(2028, 5, 10), original_due=dt.date(2028, 5, 9))


def test_a_correction_notice_after_seven_working_days_needs_a_reason():
    received = dt.date(2028, 4, 26)  # Wednesday; 05-01 and 05-02 are holidays
    assert not date_rules.correction_notice_late(received, dt.date(2028, 5, 9), CAL_2028)  # 7th working day
    assert date_rules.correction_notice_late(received, dt.date(2028, 5, 10), CAL_2028)
    with pytest.raises(ValidationError, match="超过 7 个工作日"):
        date_rules.check_late_correction(True, "  ")
    assert date_rules.check_late_correction(True, " 档案调取 ") == "档案调取"
    assert date_rules.check_late_correction(False, "无关") == ""


def test_registration_dates_in_order():
    with pytest.raises(ValidationError, match="双方确认日期（2028-06-01）不能早于"):
        date_rules.check_receipt(today=TODAY, submitted_on=dt.date(2028, 6, 2), confirmed_on=dt.date(2028, 6, 1))
    with pytest.raises(ValidationError, match="提交/收件日期（2028-07-01）不能晚于今天"):
        date_rules.check_receipt(today=TODAY, submitted_on=dt.date(2028, 7, 1))


# ---- the services and the admin -------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_admin_refuses_impossible_dates_with_a_chinese_message(client, make_request, handler):
    from django.utils import timezone

    req = make_request(dt.date(2025, 9, 26))
    login(client, handler)
    change = reverse("admin:openinfo_inforequest_change", args=[req.pk])
    step = lambda name: reverse("admin:openinfo_inforequest_step", args=[req.pk, name])  # noqa: E731
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    page = client.post(step("extend"), {"extend-reason": "档案多", "extend-approver": "王主任",
                                        "extend-approved_on": future}, follow=True).content.decode()
    assert "不能晚于今天" in page
    page = client.post(step("correction"), {"correction-items": "请写明文号", "correction-notice_on": "2025-09-25"},
                       follow=True).content.decode()
    assert "补正告知日期（2025-09-25）不能早于收到申请日期（2025-09-26）" in page
    client.post(step("extend"), {"extend-reason": "档案多", "extend-approver": "王主任",
                                 "extend-approved_on": "2025-10-20"})
    page = client.post(step("reply"), {"reply-outcome": "public", "reply-reply_text": "见附件",
                                       "reply-replied_on": "2025-10-17"}, follow=True).content.decode()
    assert "不能早于上一办理环节“延期答复”的日期（2025-10-20）" in page
    req.refresh_from_db()
    assert req.status == "accepted" and req.extension_approved_on == dt.date(2025, 10, 20)
    assert client.get(change).status_code == 200
    # The applicant's timeline reads in order.
    days = list(req.events.filter(public=True).order_by("on", "at", "id").values_list("on", flat=True))
    assert days == sorted(days) and len(days) == 3


@pytest.mark.django_db
def test_a_late_correction_notice_is_flagged_in_the_case_and_the_queue(client, make_request, handler):
    req = make_request(dt.date(2025, 3, 3))
    login(client, handler)
    step = reverse("admin:openinfo_inforequest_step", args=[req.pk, "correction"])
    page = client.post(step, {"correction-items": "请写明文号", "correction-notice_on": "2025-03-14"},
                       follow=True).content.decode()
    assert "请在“逾期告知理由”中写明原因" in page
    client.post(step, {"correction-items": "请写明文号", "correction-notice_on": "2025-03-14",
                       "correction-late_reason": "承办人病假"})
    req.refresh_from_db()
    assert req.status == "correction"
    assert "补正告知逾期" in client.get(reverse("admin:openinfo_inforequest_change", args=[req.pk])).content.decode()
    assert "补正告知逾期" in client.get(reverse("admin:openinfo_inforequest_queue")).content.decode()


@pytest.mark.django_db
def test_registering_a_paper_application_received_next_month_is_refused(client, department, handler):
    from django.utils import timezone

    login(client, handler)
    next_month = (timezone.localdate() + dt.timedelta(days=31)).isoformat()
    data = {**applicant(5), "department": department.pk, "channel": "in_person", "submitted_on": next_month}
    page = client.post(reverse("admin:openinfo_inforequest_add"), data).content.decode()
    assert "不能晚于今天" in page and not InfoRequest.objects.exists()
    with pytest.raises(ValidationError, match="不能晚于今天"):
        services.request_register(actor=handler, department=department, channel="in_person",
                                  submitted_on=timezone.localdate() + dt.timedelta(days=31), **applicant(6))
