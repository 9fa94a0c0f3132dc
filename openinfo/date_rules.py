"""Checks of the dates an official enters for a case (条例 Art. 30–33), as pure functions.

Today is passed in and the working days come from a `deadlines.WorkCalendar`, so tests feed any dates; the
services call these with the real today and the calendar table. Every refusal is a ValidationError whose
message the admin shows as it is.
"""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from openinfo import deadlines


def check_entered(on: dt.date, *, today: dt.date, what: str, received_on: dt.date | None = None,
                  after: tuple[dt.date, str] | None = None) -> dt.date:
    """A date typed for `what`: not in the future, not before the receipt of the application, and not before
    the step shown last on the case's timeline (`after` = its date and name), so the timeline reads in order."""
    if on > today:
        raise ValidationError(f"{what}（{on}）不能晚于今天（{today}）：只能登记已经发生的事项。")
    if received_on and on < received_on:
        raise ValidationError(f"{what}（{on}）不能早于收到申请日期（{received_on}）。")
    if after and on < after[0]:
        raise ValidationError(f"{what}（{on}）不能早于上一办理环节“{after[1]}”的日期（{after[0]}）。")
    return on


def check_receipt(*, today: dt.date, submitted_on: dt.date, signed_on: dt.date | None = None,
                  confirmed_on: dt.date | None = None) -> None:
    """A paper/letter/fax application registered by staff: the dates that decide its receipt (Art. 31)."""
    check_entered(submitted_on, today=today, what="提交/收件日期")
    if signed_on:
        check_entered(signed_on, today=today, what="签收日期")
    if confirmed_on:
        check_entered(confirmed_on, today=today, what="双方确认日期",
                      after=(max(submitted_on, signed_on or submitted_on), "收件"))


def check_extension(approved_on: dt.date, *, original_due: dt.date | None) -> None:
    """Art. 33: the extension is approved before the 20 working days run out (on the last day at the latest)."""
    if original_due and approved_on > original_due:
        raise ValidationError(
            f"延期须在原答复期限（{original_due}）届满前批准；批准日期 {approved_on} 已超过原期限，不能再延期。")


def correction_notice_late(received_on: dt.date, notice_on: dt.date, calendar: deadlines.WorkCalendar) -> bool:
    """Art. 30: the 补正 notice is due within 7 working days of receipt."""
    return deadlines.working_days_between(received_on, notice_on, calendar) > deadlines.CORRECTION_NOTICE_DAYS


def check_late_correction(late: bool, reason: str) -> str:
    """A late 补正 notice needs a stated reason (it is then flagged on the case and in the queue)."""
    reason = (reason or "").strip()
    if late and not reason:
        raise ValidationError(
            f"补正告知日期距收到申请已超过 {deadlines.CORRECTION_NOTICE_DAYS} 个工作日（《条例》第三十条），"
            "请在“逾期告知理由”中写明原因。")
    return reason if late else ""


def check_correction_deadline(deadline: dt.date, *, notice_on: dt.date) -> None:
    if deadline <= notice_on:
        raise ValidationError(f"补正期限（{deadline}）应晚于告知日期（{notice_on}）。")
