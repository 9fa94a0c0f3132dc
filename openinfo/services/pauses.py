"""Paused time (条例 Art. 32–33) and the 收费通知 (国办函〔2020〕109号)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from openinfo import deadlines, fees
from openinfo.models import InfoRequest, RequestPause, RequestStatus
from portal import audit

from .requests import _check, _notify, entered, log, refresh_deadline

Kind = RequestPause.Kind


def _limit(start: dt.date, days: int) -> dt.date:
    return deadlines.add_working_days(start, days, deadlines.load_calendar())


def _open(req: InfoRequest) -> None:
    if req.status != RequestStatus.ACCEPTED:
        raise ValidationError("只有已受理、尚未答复的申请可以暂停计时。")
    if req.pauses.filter(ended__isnull=True).exists():
        raise ValidationError("已有一项暂停计时尚未结束。")


@transaction.atomic
def request_consult(*, req: InfoRequest, actor, kind: str = Kind.THIRD_PARTY, started: dt.date | None = None,
                    note: str = "") -> RequestPause:
    """Ask a third party (Art. 32) or another agency (Art. 33); they have 15 working days, not counted."""
    _check(actor, req)
    _open(req)
    if kind not in (Kind.THIRD_PARTY, Kind.OTHER_AGENCY):
        raise ValidationError("征求意见类型无效。")
    started = entered(req, started, "发函日期")
    pause = RequestPause.objects.create(
        request=req, kind=kind, started=started, limit_date=_limit(started, deadlines.THIRD_PARTY_DAYS), note=note
    )
    refresh_deadline(req)
    log(req, pause.get_kind_display(), actor=actor, on=started, note=note,
        public_text=f"{pause.get_kind_display()}，所需时间不计入答复期限（对方答复期限 {pause.limit_date or '15个工作日'}）。")
    return pause


@transaction.atomic
def request_fee_notice(*, req: InfoRequest, actor, method: str, units: int,
                       notice_on: dt.date | None = None) -> RequestPause:
    """Send a 收费通知: the clock stops until paid; unpaid after 20 working days = 视为放弃."""
    _check(actor, req)
    _open(req)
    amount = fees.compute_fee(method, units)
    if amount <= 0:
        raise ValidationError("按该标准不收费（免费范围内），无需发出收费通知。")
    notice_on = entered(req, notice_on, "收费通知日期")
    pause = RequestPause.objects.create(
        request=req, kind=Kind.FEE, started=notice_on, limit_date=_limit(notice_on, deadlines.FEE_PAYMENT_DAYS),
        fee_method=method, fee_units=units, fee_amount=Decimal(amount),
        note=f"{fees.METHOD_LABELS[method]}，{'第' if method == fees.BY_APPLICATIONS else ''}{units}"
             f"{'件' if method == fees.BY_APPLICATIONS else '页'}，应缴 {amount} 元",
    )
    refresh_deadline(req)
    log(req, "收费通知", actor=actor, on=notice_on, note=pause.note,
        public_text=f"需缴纳信息处理费 {amount} 元，请在 {pause.limit_date or '20个工作日内'} 前缴纳；缴费前暂停计时，逾期未缴视为放弃申请。")
    _notify(req, "政府信息公开申请收费通知", f"需缴纳信息处理费 {amount} 元，缴费期限 {pause.limit_date}。逾期未缴纳视为放弃申请。")
    return pause


@transaction.atomic
def request_resume(*, req: InfoRequest, actor, ended: dt.date | None = None, note: str = "") -> RequestPause:
    """The third party answered / the fee was paid: the clock runs again from the next working day."""
    _check(actor, req)
    pause = req.pauses.filter(ended__isnull=True).first()
    if pause is None:
        raise ValidationError("没有进行中的暂停计时。")
    ended = entered(req, ended, "收到意见/缴费日期")
    before = audit.snapshot(req)
    pause.ended = ended
    if pause.kind == Kind.FEE:
        pause.paid_on = ended
    pause.note = "\n".join(x for x in (pause.note, note) if x)
    pause.save()
    refresh_deadline(req)
    action = "已缴费" if pause.kind == Kind.FEE else f"{pause.get_kind_display()}结束"
    log(req, action, actor=actor, on=ended, note=note, before=before,
        public_text=f"{action}，恢复计时，答复期限为 {req.due_text or '见说明'}。")
    return pause
