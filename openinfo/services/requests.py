"""The 依申请公开 state machine. Every step writes a RequestEvent (the case timeline) and a ChangeLog row
inside the same transaction, then refreshes the stored deadline.

已提交 → 已受理 → 待补正 → 已受理 (clock restarts) → 已答复 / 已撤回 / 视为放弃;
延期 once (+20 working days, 负责人 approval); pauses for 第三方/其他机关 (15 working days) and fees.
"""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from openinfo import date_rules, deadlines
from openinfo.models import Channel, InfoRequest, Outcome, RequestEvent, RequestPause, RequestStatus
from openinfo.models.common import hash_query_code, new_query_code, next_tracking_number
from openinfo.validators import validate_id_number
from portal import audit
from portal.notify import email_after_commit

REQUEST_PREFIX = "YSQ"
DEFAULT_CORRECTION_DAYS = 15  # a "reasonable 补正期限" the office may change per case
S = RequestStatus

APPLICANT_FIELDS = (
    "applicant_type", "name", "contact_person", "id_type", "id_number", "phone", "email", "address", "postcode",
    "description", "delivery", "medium",
)


def receipt_date(channel: str, *, submitted_on: dt.date, signed_on=None, confirmed_on=None) -> dt.date | None:
    """Art. 31: 当面 = the day submitted; 挂号信/快递 = the day signed for; 平信, 网上, 传真 = the day the
    agency and the applicant confirm. None while the deciding event has not happened yet."""
    if channel == Channel.IN_PERSON:
        return submitted_on
    if channel == Channel.REGISTERED_MAIL:
        return signed_on
    return confirmed_on


def _check(actor, req: InfoRequest) -> None:
    if actor is None:
        return
    if not getattr(actor, "is_staff", False) or not (
        actor.sees_all_departments or actor.department_id == req.department_id
    ):
        raise PermissionDenied("您无权办理其他机构的申请。")


def handles_case(user, req: InfoRequest) -> bool:
    """The officers handling the case: its department's, and whoever is its 承办人 (公开办 handling another
    department's case). Only they may see the applicant's full 证件号; everyone else sees it masked."""
    if not getattr(user, "is_staff", False):
        return False
    return bool(user.department_id and user.department_id == req.department_id) or req.handler_id == user.pk


@transaction.atomic
def request_reveal_id(*, req: InfoRequest, actor) -> str:
    """The full 证件号 for a handling officer; every view is written to the case's history."""
    if not handles_case(actor, req):
        raise PermissionDenied("只有承办该申请的机构或承办人可以查看完整证件号。")
    audit.record(obj=req, action="查看完整证件号", actor=actor)
    return req.id_number


def _today() -> dt.date:
    return timezone.localdate()


def last_step(req: InfoRequest) -> tuple[dt.date, str] | None:
    """The date and name of the latest step on the applicant's timeline."""
    event = req.events.filter(public=True).order_by("-on", "-at", "-id").first() if req.pk else None
    return (event.on, event.action) if event else None


def entered(req: InfoRequest, on: dt.date | None, what: str) -> dt.date:
    """The date an official gave for a step of the case (today when left empty), checked against the case."""
    return date_rules.check_entered(on or _today(), today=_today(), what=what, received_on=req.received_on,
                                    after=last_step(req))


def log(req: InfoRequest, action: str, *, actor=None, on: dt.date | None = None, public_text: str = "",
        note: str = "", public: bool = True, before: dict | None = None) -> RequestEvent:
    event = RequestEvent.objects.create(
        request=req, action=action, on=on or _today(), public_text=public_text, note=note, public=public,
        actor=actor if getattr(actor, "pk", None) else None,
    )
    changes = audit.diff(before, audit.snapshot(req)) if before is not None else None
    audit.record(obj=req, action=action, actor=actor, changes=changes, note=note or public_text)
    return event


def refresh_deadline(req: InfoRequest, calendar: deadlines.WorkCalendar | None = None, *, save: bool = True) -> None:
    """Recompute the stored due date and its explanation from the case and the calendar table."""
    if req.status in (S.REPLIED, S.WITHDRAWN, S.ABANDONED):
        return
    req.due_provisional = ""
    if req.status == S.SUBMITTED or not req.clock_start:
        req.due_date, req.due_explanation = None, "待确认收到申请，自收到之日起计算答复期限"
    elif req.status == S.CORRECTION:
        req.due_date = None
        req.due_explanation = f"待申请人补正，补正期限 {req.correction_deadline or '—'}；收到补正后重新计算 20 个工作日"
    else:
        calendar = calendar or deadlines.load_calendar()
        pauses = [p for p in req.pauses.all() if p.started >= req.clock_start]
        open_pause = next((p for p in pauses if p.ended is None), None)
        if open_pause:
            req.due_date = None
            limit = ""
            if open_pause.limit_date:
                note = deadlines.provisional_note(open_pause.started, open_pause.limit_date, calendar)
                limit = f"，对方期限 {open_pause.limit_date}" + (f"（暂定：{note}）" if note else "")
            req.due_explanation = f"{open_pause.get_kind_display()}，自 {open_pause.started} 起暂停计时{limit}"
        else:
            items = [deadlines.Pause(p.started, p.ended, p.get_kind_display()) for p in pauses]
            req.due_date = deadlines.due_date(req.clock_start, calendar, extended=req.extended, pauses=items)
            req.due_provisional = deadlines.provisional_note(req.clock_start, req.due_date, calendar)
            label = "收到补正日" if req.corrected_on and req.clock_start == req.corrected_on else "收到日"
            req.due_explanation = deadlines.explain(
                req.clock_start, calendar, extended=req.extended, pauses=items, label=label
            )[:400]
    if save:
        req.save(update_fields=["due_date", "due_explanation", "due_provisional"])


def _notify(req: InfoRequest, subject: str, text: str, *, key: str | None = None) -> None:
    email_after_commit(
        req.email, f"{subject}（{req.tracking_number}）",
        f"{req.name}：\n\n{text}\n\n请凭申请编号 {req.tracking_number} 和查询码在网站“依申请公开—查询”查看详情。\n"
        f"{req.department.name}\n",
        key=key,
    )


def _new(data: dict, *, department, channel: str) -> tuple[InfoRequest, str]:
    data = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items() if k in APPLICANT_FIELDS}
    data["id_number"] = validate_id_number(data.get("id_type", ""), data.get("id_number", ""))
    if not data.get("description"):
        raise ValidationError("请填写所需信息的名称、文号或其他特征性描述。")
    code = new_query_code()
    req = InfoRequest.objects.create(
        tracking_number=next_tracking_number(REQUEST_PREFIX, _today().year),
        query_code_hash=hash_query_code(code), department=department, channel=channel, **data,
    )
    return req, code


@transaction.atomic
def request_submit(*, department, **data) -> InfoRequest:
    """An online application (网上申请): the clock starts when the office confirms receipt (Art. 31).
    The returned object carries the raw query code once as `query_code_plain`."""
    req, code = _new(data, department=department, channel=Channel.ONLINE)
    refresh_deadline(req)
    log(req, "提交申请", public_text="您已通过网站提交申请，待受理机关确认收到。")
    _notify(req, "政府信息公开申请已提交", f"您向{department.name}提交的政府信息公开申请已收到系统登记，编号 {req.tracking_number}。",
            key=f"request-submitted:{req.pk}")
    req.query_code_plain = code
    return req


@transaction.atomic
def request_register(*, actor, department, channel: str, submitted_on: dt.date, signed_on=None,
                     confirmed_on=None, **data) -> InfoRequest:
    """A paper, letter, fax or in-person application entered by staff; accepted at once when the
    Art. 31 receipt date is known."""
    if channel == Channel.ONLINE:
        raise ValidationError("网上申请由申请人在网站提交。")
    if actor is not None and not (actor.sees_all_departments or actor.department_id == department.pk):
        raise PermissionDenied("您只能登记本机构收到的申请。")
    date_rules.check_receipt(today=_today(), submitted_on=submitted_on, signed_on=signed_on,
                             confirmed_on=confirmed_on)
    req, code = _new(data, department=department, channel=channel)
    req.signed_on, req.confirmed_on, req.handler = signed_on, confirmed_on, actor
    req.save(update_fields=["signed_on", "confirmed_on", "handler"])
    log(req, "登记申请", actor=actor, on=submitted_on,
        public_text=f"受理机关登记了您的{Channel(channel).label}申请。")
    received = receipt_date(channel, submitted_on=submitted_on, signed_on=signed_on, confirmed_on=confirmed_on)
    if received:
        _accept(req, actor=actor, received_on=received)
    else:
        refresh_deadline(req)
    req.query_code_plain = code
    return req


def _accept(req: InfoRequest, *, actor, received_on: dt.date) -> None:
    before = audit.snapshot(req)
    req.status, req.received_on, req.clock_start = S.ACCEPTED, received_on, received_on
    req.handler = req.handler or (actor if getattr(actor, "pk", None) else None)
    req.save()
    refresh_deadline(req)
    log(req, "受理", actor=actor, on=received_on, before=before,
        public_text=f"申请已受理，收到申请日期为 {received_on}，答复期限 {req.due_text or '见说明'}。")


@transaction.atomic
def request_accept(*, req: InfoRequest, actor, confirmed_on: dt.date | None = None) -> InfoRequest:
    """Confirm receipt of an online/fax/平信 application; that day is the receipt date."""
    _check(actor, req)
    if req.status != S.SUBMITTED:
        raise ValidationError("只有“已提交”的申请可以受理。")
    confirmed_on = entered(req, confirmed_on, "确认收到日期")
    req.confirmed_on = confirmed_on
    received = receipt_date(req.channel, submitted_on=timezone.localdate(req.submitted_at),
                            signed_on=req.signed_on or confirmed_on, confirmed_on=confirmed_on)
    _accept(req, actor=actor, received_on=received)
    _notify(req, "政府信息公开申请已受理", f"您的申请已于 {received} 受理，答复期限为 {req.due_text or '（另行告知）'}。")
    return req


@transaction.atomic
def request_assign(*, req: InfoRequest, actor, handler) -> InfoRequest:
    _check(actor, req)
    before = audit.snapshot(req)
    req.handler = handler
    req.save(update_fields=["handler"])
    log(req, "指定承办人", actor=actor, public=False, note=str(handler), before=before)
    return req


@transaction.atomic
def request_ask_correction(*, req: InfoRequest, actor, items: str, notice_on: dt.date | None = None,
                           deadline: dt.date | None = None, late_reason: str = "") -> InfoRequest:
    """补正 (Art. 30): one notice, saying once everything to correct and a reasonable deadline. Later than 7
    working days after receipt it needs a stated reason, and the case is flagged."""
    _check(actor, req)
    if req.status != S.ACCEPTED:
        raise ValidationError("只有已受理、尚未答复的申请可以要求补正。")
    if req.correction_requested_on:
        raise ValidationError("补正应当一次性告知，本申请已发出过补正通知。")
    if not items.strip():
        raise ValidationError("请写明需要补正的事项。")
    notice_on = entered(req, notice_on, "补正告知日期")
    calendar = deadlines.load_calendar()
    deadline = deadline or deadlines.add_working_days(notice_on, DEFAULT_CORRECTION_DAYS, calendar)
    late = date_rules.correction_notice_late(req.received_on, notice_on, calendar)
    date_rules.check_correction_deadline(deadline, notice_on=notice_on)
    late_reason = date_rules.check_late_correction(late, late_reason)
    before = audit.snapshot(req)
    req.status, req.correction_items = S.CORRECTION, items.strip()
    req.correction_requested_on, req.correction_deadline = notice_on, deadline
    req.correction_late_reason = late_reason
    req.save()
    refresh_deadline(req)
    log(req, "补正告知", actor=actor, on=notice_on, before=before,
        note=f"超过收到申请后7个工作日才告知补正，理由：{late_reason}" if late else "",
        public_text=f"请在 {deadline} 前补正：{req.correction_items}")
    _notify(req, "政府信息公开申请需要补正", f"请在 {deadline} 前补正以下事项：\n{req.correction_items}")
    return req


@transaction.atomic
def request_receive_correction(*, req: InfoRequest, actor, corrected_on: dt.date | None = None) -> InfoRequest:
    """The corrected application arrived: the 20 working days start again from that day."""
    _check(actor, req)
    if req.status != S.CORRECTION:
        raise ValidationError("该申请不在待补正状态。")
    corrected_on = entered(req, corrected_on, "收到补正日期")
    before = audit.snapshot(req)
    req.status, req.corrected_on, req.clock_start = S.ACCEPTED, corrected_on, corrected_on
    req.save()
    refresh_deadline(req)
    log(req, "收到补正", actor=actor, on=corrected_on, before=before,
        public_text=f"已收到补正材料，答复期限自 {corrected_on} 起重新计算，为 {req.due_text or '见说明'}。")
    return req


@transaction.atomic
def request_extend(*, req: InfoRequest, actor, reason: str, approver: str,
                   approved_on: dt.date | None = None) -> InfoRequest:
    """延期 (Art. 33): at most once, with the 负责人's approval, +20 working days."""
    _check(actor, req)
    if req.status != S.ACCEPTED:
        raise ValidationError("只有办理中的申请可以延期。")
    if req.extended:
        raise ValidationError("答复期限只能延长一次。")
    if not reason.strip() or not approver.strip():
        raise ValidationError("延期须写明理由并由工作机构负责人批准。")
    approved_on = entered(req, approved_on, "延期批准日期")
    date_rules.check_extension(approved_on, original_due=req.due_date)
    before = audit.snapshot(req)
    req.extended, req.extension_reason, req.extension_approver = True, reason.strip(), approver.strip()
    req.extension_approved_on = approved_on
    req.save()
    refresh_deadline(req)
    log(req, "延期答复", actor=actor, on=approved_on, before=before,
        note=f"负责人 {req.extension_approver} 批准",
        public_text=f"答复期限延长 20 个工作日至 {req.due_text or '见说明'}。理由：{req.extension_reason}")
    _notify(req, "政府信息公开申请延期答复", f"经批准，答复期限延长至 {req.due_text}。理由：{req.extension_reason}")
    return req


@transaction.atomic
def request_withdraw(*, req: InfoRequest, actor, on: dt.date | None = None, note: str = "") -> InfoRequest:
    """The applicant withdrew (年报: 其他处理 — 其他)."""
    _check(actor, req)
    if not req.is_open:
        raise ValidationError("该申请已办结。")
    on = entered(req, on, "撤回日期")
    before = audit.snapshot(req)
    req.status, req.outcome, req.concluded_on = S.WITHDRAWN, Outcome.OTHER, on
    req.received_on = req.received_on or on
    req.save()
    log(req, "撤回申请", actor=actor, on=on, note=note, before=before, public_text="申请人已撤回申请。")
    return req


@transaction.atomic
def request_abandon(*, req: InfoRequest, actor, on: dt.date | None = None) -> InfoRequest:
    """视为放弃: 补正期限 passed without correction, or the fee unpaid within 20 working days."""
    _check(actor, req)
    on = entered(req, on, "视为放弃日期")
    fee = req.pauses.filter(kind=RequestPause.Kind.FEE, ended__isnull=True).first()
    if req.status == S.CORRECTION:
        if req.correction_deadline and on <= req.correction_deadline:
            raise ValidationError(f"补正期限 {req.correction_deadline} 尚未届满。")
        outcome, why = Outcome.OTHER_CORRECTION, "申请人逾期未补正，视为放弃申请。"
    elif fee is not None:
        if fee.limit_date and on <= fee.limit_date:
            raise ValidationError(f"缴费期限 {fee.limit_date} 尚未届满。")
        fee.ended = on
        fee.save(update_fields=["ended"])
        outcome, why = Outcome.OTHER_FEE, "申请人逾期未缴纳信息处理费，视为放弃申请。"
    else:
        raise ValidationError("只有逾期未补正或逾期未缴费的申请可以视为放弃。")
    before = audit.snapshot(req)
    req.status, req.outcome, req.concluded_on = S.ABANDONED, outcome, on
    req.save()
    log(req, "视为放弃", actor=actor, on=on, before=before, public_text=why)
    _notify(req, "政府信息公开申请视为放弃", why)
    return req


@transaction.atomic
def request_reply(*, req: InfoRequest, actor, outcome: str, reply_text: str,
                  replied_on: dt.date | None = None) -> InfoRequest:
    _check(actor, req)
    if req.status != S.ACCEPTED:
        raise ValidationError("只有已受理、不在补正中的申请可以答复。")
    if req.pauses.filter(ended__isnull=True).exists():
        raise ValidationError("仍在暂停计时（征求意见或待缴费），请先结束暂停。")
    outcome = Outcome(outcome)
    if outcome in (Outcome.OTHER_CORRECTION, Outcome.OTHER_FEE):
        raise ValidationError("逾期未补正、未缴费请使用“视为放弃”。")
    if not reply_text.strip():
        raise ValidationError("请填写答复内容。")
    replied_on = entered(req, replied_on, "答复日期")
    before = audit.snapshot(req)
    req.status, req.outcome, req.reply_text = S.REPLIED, outcome, reply_text.strip()
    req.replied_on = req.concluded_on = replied_on
    req.save()
    late = req.due_date and replied_on > req.due_date
    log(req, "答复", actor=actor, on=replied_on, before=before, note="超过答复期限" if late else "",
        public_text=f"已答复：{outcome.label}。")
    _notify(req, "政府信息公开申请已答复", f"您的申请已答复（{outcome.label}）。")
    return req
