"""The 依申请公开 state machine: every step, its deadline effect and its log."""
import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from openinfo import deadlines as D
from openinfo import services
from openinfo.models import Outcome, RequestStatus
from openinfo.selectors import request_lookup
from openinfo.services.calendar import refresh_open_deadlines
from portal.audit import history_for
from portal.models import Role
from tests.factories import official

from .conftest import applicant, submit_on

pytestmark = pytest.mark.django_db
S = RequestStatus


def cal():
    return D.load_calendar()


def test_online_request_waits_for_confirmation_then_counts_from_it(department, handler):
    req = submit_on(dt.date(2025, 9, 25), department)
    assert req.tracking_number.startswith("YSQ-") and len(req.query_code_plain) == 10
    assert req.status == S.SUBMITTED and req.due_date is None
    assert request_lookup(tracking_number=req.tracking_number, query_code=req.query_code_plain) == req
    services.request_accept(req=req, actor=handler, confirmed_on=dt.date(2025, 9, 26))
    req.refresh_from_db()
    assert req.received_on == dt.date(2025, 9, 26) and req.status == S.ACCEPTED
    assert req.due_date == dt.date(2025, 10, 30)
    assert "09-28、10-11 调休上班计入" in req.due_explanation
    assert [e.action for e in req.events.all()] == ["提交申请", "受理"]
    assert history_for(req).filter(action="受理", actor=handler).exists()


def test_tracking_numbers_are_sequential_and_codes_random(department):
    a = services.request_submit(department=department, **applicant(1))
    b = services.request_submit(department=department, **applicant(2))
    assert int(b.tracking_number[-6:]) == int(a.tracking_number[-6:]) + 1
    assert a.query_code_plain != b.query_code_plain
    assert a.query_code_plain not in a.query_code_hash


def test_correction_restarts_the_clock_from_the_corrected_application(make_request, handler):
    req = make_request(dt.date(2025, 9, 26))
    services.request_ask_correction(req=req, actor=handler, items="请写明文号", notice_on=dt.date(2025, 9, 29))
    req.refresh_from_db()
    assert req.status == S.CORRECTION and req.due_date is None
    assert req.correction_deadline == D.add_working_days(dt.date(2025, 9, 29), 15, cal())
    with pytest.raises(ValidationError, match="一次性"):
        services.request_receive_correction(req=req, actor=handler, corrected_on=dt.date(2025, 10, 13))
        services.request_ask_correction(req=req, actor=handler, items="再补", notice_on=dt.date(2025, 10, 14))
    req.refresh_from_db()
    assert req.clock_start == dt.date(2025, 10, 13)
    assert req.due_date == D.add_working_days(dt.date(2025, 10, 13), 20, cal()) == dt.date(2025, 11, 10)
    assert req.due_explanation.startswith("收到补正日 2025-10-13")
    assert req.received_on == dt.date(2025, 9, 26)  # the 年报 still counts the first receipt


def test_late_correction_notice_needs_a_reason_and_is_flagged(make_request, handler):
    req = make_request(dt.date(2025, 3, 3))
    with pytest.raises(ValidationError, match="逾期告知理由"):
        services.request_ask_correction(req=req, actor=handler, items="请写明文号", notice_on=dt.date(2025, 3, 14))
    services.request_ask_correction(req=req, actor=handler, items="请写明文号", notice_on=dt.date(2025, 3, 14),
                                    late_reason="承办人病假")
    req.refresh_from_db()
    assert req.correction_late and req.correction_late_reason == "承办人病假"
    assert req.events.get(action="补正告知").note == "超过收到申请后7个工作日才告知补正，理由：承办人病假"


def test_extension_once_with_reason_and_approver(make_request, handler):
    req = make_request(dt.date(2025, 9, 26))
    with pytest.raises(ValidationError, match="负责人"):
        services.request_extend(req=req, actor=handler, reason="档案多", approver="")
    services.request_extend(req=req, actor=handler, reason="档案多", approver="王主任", approved_on=dt.date(2025, 10, 20))
    req.refresh_from_db()
    assert req.due_date == D.add_working_days(dt.date(2025, 9, 26), 40, cal())
    assert "经批准延期 20 个工作日" in req.due_explanation
    with pytest.raises(ValidationError, match="只能延长一次"):
        services.request_extend(req=req, actor=handler, reason="再延", approver="王主任")


def test_extension_after_the_deadline_is_refused(make_request, handler):
    req = make_request(dt.date(2025, 9, 26))
    with pytest.raises(ValidationError, match="届满前批准"):
        services.request_extend(req=req, actor=handler, reason="x", approver="王主任", approved_on=dt.date(2025, 11, 3))


def test_third_party_pause_is_not_counted(make_request, handler):
    req = make_request(dt.date(2025, 3, 3))
    pause = services.request_consult(req=req, actor=handler, started=dt.date(2025, 3, 5))
    assert pause.limit_date == D.add_working_days(dt.date(2025, 3, 5), 15, cal())
    req.refresh_from_db()
    assert req.due_date is None and "暂停计时" in req.due_explanation
    with pytest.raises(ValidationError, match="暂停"):
        services.request_reply(req=req, actor=handler, outcome=Outcome.PUBLIC, reply_text="x",
                               replied_on=dt.date(2025, 3, 20))
    services.request_resume(req=req, actor=handler, ended=dt.date(2025, 3, 12))
    req.refresh_from_db()
    assert req.due_date == D.add_working_days(dt.date(2025, 3, 3), 25, cal())


def test_fee_notice_pauses_until_paid_and_unpaid_is_abandoned(make_request, handler):
    req = make_request(dt.date(2025, 3, 3))
    with pytest.raises(ValidationError, match="不收费"):
        services.request_fee_notice(req=req, actor=handler, method="pages", units=30, notice_on=dt.date(2025, 3, 5))
    pause = services.request_fee_notice(req=req, actor=handler, method="pages", units=150, notice_on=dt.date(2025, 3, 5))
    assert pause.fee_amount == 1700
    assert pause.limit_date == D.add_working_days(dt.date(2025, 3, 5), 20, cal())
    with pytest.raises(ValidationError, match="尚未届满"):
        services.request_abandon(req=req, actor=handler, on=pause.limit_date)
    services.request_abandon(req=req, actor=handler, on=pause.limit_date + dt.timedelta(days=1))
    req.refresh_from_db()
    assert req.status == S.ABANDONED and req.outcome == Outcome.OTHER_FEE


def test_unanswered_correction_is_abandoned_after_its_deadline(make_request, handler):
    req = make_request(dt.date(2025, 3, 3))
    services.request_ask_correction(req=req, actor=handler, items="请写明文号", notice_on=dt.date(2025, 3, 4),
                                    deadline=dt.date(2025, 3, 18))
    with pytest.raises(ValidationError):
        services.request_abandon(req=req, actor=handler, on=dt.date(2025, 3, 18))
    services.request_abandon(req=req, actor=handler, on=dt.date(2025, 3, 19))
    req.refresh_from_db()
    assert req.outcome == Outcome.OTHER_CORRECTION and req.concluded_on == dt.date(2025, 3, 19)


def test_reply_withdraw_and_notification(department, handler, django_capture_on_commit_callbacks):
    req = submit_on(dt.date(2025, 3, 3), department, email="a@example.cn")
    services.request_accept(req=req, actor=handler, confirmed_on=dt.date(2025, 3, 3))
    with pytest.raises(ValidationError, match="早于"):
        services.request_reply(req=req, actor=handler, outcome=Outcome.PUBLIC, reply_text="x",
                               replied_on=dt.date(2025, 3, 1))
    with django_capture_on_commit_callbacks(execute=True):
        services.request_reply(req=req, actor=handler, outcome=Outcome.DENY_PROCESS, reply_text="属于过程性信息",
                               replied_on=dt.date(2025, 3, 20))
    req.refresh_from_db()
    assert req.status == S.REPLIED and req.concluded_on == dt.date(2025, 3, 20)
    assert any("已答复" in m.subject and req.tracking_number in m.subject for m in mail.outbox)
    assert all(req.id_number not in m.body for m in mail.outbox)
    with pytest.raises(ValidationError):
        services.request_withdraw(req=req, actor=handler)


def test_other_departments_may_not_handle_the_case(make_request, other_department):
    req = make_request()
    stranger = official(Role.REVIEWER, other_department)
    with pytest.raises(PermissionDenied):
        services.request_reply(req=req, actor=stranger, outcome=Outcome.PUBLIC, reply_text="x")


def test_staff_registration_uses_article_31_receipt_dates(department, handler):
    in_person = services.request_register(actor=handler, department=department, channel="in_person",
                                          submitted_on=dt.date(2025, 9, 26), **applicant(3))
    assert in_person.status == S.ACCEPTED and in_person.received_on == dt.date(2025, 9, 26)
    assert len(in_person.query_code_plain) == 10
    letter = services.request_register(actor=handler, department=department, channel="registered",
                                       submitted_on=dt.date(2025, 9, 22), signed_on=dt.date(2025, 9, 24),
                                       **applicant(4))
    assert letter.received_on == dt.date(2025, 9, 24)
    plain = services.request_register(actor=handler, department=department, channel="ordinary",
                                      submitted_on=dt.date(2025, 9, 22), **applicant(5))
    assert plain.status == S.SUBMITTED and plain.received_on is None  # waits for 双方确认
    assert services.receipt_date("fax", submitted_on=dt.date(2025, 1, 2), confirmed_on=dt.date(2025, 1, 3)) == \
        dt.date(2025, 1, 3)


def test_a_year_not_entered_gives_a_provisional_date_until_it_is(department, handler):
    from openinfo.models import WorkCalendarDay

    WorkCalendarDay.objects.filter(date__year=2026).delete()
    req = submit_on(dt.date(2025, 12, 19), department)
    services.request_accept(req=req, actor=handler, confirmed_on=dt.date(2025, 12, 20))
    req.refresh_from_db()
    # Statutory 2026 only: 1 January off, 2 January worked, no make-up Sunday 4 January.
    assert req.due_date == dt.date(2026, 1, 19)
    assert req.due_provisional == "2026 年放假安排公布前按法定节假日暂算"
    assert "（暂定：2026 年放假安排公布前按法定节假日暂算）" in req.due_explanation
    assert "答复期限 2026-01-19（暂定" in req.events.get(action="受理").public_text
    # The office enters 2026 → open cases get their final date, and the applicant is told.
    WorkCalendarDay.objects.bulk_create([WorkCalendarDay(date=d, kind=k, name=n)
                                         for d, k, n in D.chinese_calendar_rows() if d.year == 2026])
    refresh_open_deadlines()
    req.refresh_from_db()
    assert req.due_date == D.add_working_days(dt.date(2025, 12, 20), 20, cal()) and req.due_provisional == ""
    assert req.events.get(action="期限重算").public_text == "放假安排已录入，答复期限重新计算为 2026-01-19。"


def test_documents_are_drafted_from_templates(make_request, handler):
    req = make_request(dt.date(2025, 9, 26))
    services.request_ask_correction(req=req, actor=handler, items="请写明文件名称", notice_on=dt.date(2025, 9, 29))
    notice = services.document_draft(req=req, kind="correction", actor=handler)
    assert "请写明文件名称" in notice.body and req.tracking_number in notice.body and "{{" not in notice.body
    assert "2025年9月26日" in notice.body
    reply = services.document_draft(req=req, kind="reply", actor=handler, outcome=Outcome.DENY_PROCESS)
    assert "第十六条第二款" in reply.body and req.name in reply.body
    req.refresh_from_db()
    assert req.outcome == ""  # drafting does not decide the case
    data = services.document_docx(reply)
    assert data[:2] == b"PK" and len(data) > 5000
