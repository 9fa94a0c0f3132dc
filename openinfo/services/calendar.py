"""The work calendar: entering a year from the State Council's notice, keeping stored deadlines in step,
reminding the 公开办 while a year is missing."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from openinfo import deadlines
from openinfo.holiday_notice import ParsedNotice
from openinfo.models import CLOSED_STATUSES, InfoRequest, WorkCalendarDay
from portal import audit
from portal.models.user import Role

from .letters import letter_deadline


def refresh_open_deadlines() -> int:
    """After the calendar changed: recompute every open request's and letter's due date. A request whose
    date or 暂定 note changed gets a public timeline entry, so the applicant sees the final date."""
    from openinfo.models import Letter

    from .requests import log, refresh_deadline

    calendar = deadlines.load_calendar()
    count = 0
    for req in InfoRequest.objects.exclude(status__in=CLOSED_STATUSES).prefetch_related("pauses"):
        before = (req.due_date, req.due_provisional)
        refresh_deadline(req, calendar)
        if req.due_date and before[1] and before != (req.due_date, req.due_provisional):
            log(req, "期限重算", public_text=f"放假安排已录入，答复期限重新计算为 {req.due_text}。")
        count += 1
    for letter in Letter.objects.filter(status__in=[Letter.Status.SUBMITTED, Letter.Status.ACCEPTED]):
        due = letter_deadline(letter.kind, timezone.localtime(letter.submitted_at).date(), calendar)
        if (due.date, due.provisional) != (letter.due_date, letter.due_provisional):
            Letter.objects.filter(pk=letter.pk).update(due_date=due.date, due_provisional=due.provisional)
        count += 1
    return count


@transaction.atomic
def enter_notice(notice: ParsedNotice, *, actor) -> int:
    """Replace the notice's year in the table (and the days of a neighbouring year it names, such as a
    元旦 that starts on 30 December) by what the notice says; open cases are recomputed after commit."""
    rows = notice.rows()
    dates = [d for d, _kind, _name in rows]
    WorkCalendarDay.objects.filter(Q(date__year=notice.year) | Q(date__in=dates)).delete()
    created = WorkCalendarDay.objects.bulk_create(WorkCalendarDay(date=d, kind=k, name=n) for d, k, n in rows)
    audit.record(obj=created[0], action="录入放假安排", actor=actor,
                 note=f"{notice.year} 年：放假 {len(notice.holidays)} 天，调休上班 {len(notice.workdays)} 天")
    transaction.on_commit(refresh_open_deadlines)
    return len(created)


def reminder_years(today: dt.date | None = None) -> list[int]:
    """The years the 公开办 must enter now (see deadlines.reminder_years)."""
    today = today or timezone.localdate()
    entered = WorkCalendarDay.objects.filter(date__year__in=[today.year, today.year + 1]).dates("date", "year")
    return deadlines.reminder_years(today, {d.year for d in entered})


def office_emails() -> list[str]:
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    return list(users.filter(Q(role=Role.OFFICE) | Q(is_superuser=True)).order_by("pk").values_list("email", flat=True))


def send_calendar_reminder(today: dt.date | None = None) -> int:
    """E-mail every 公开办 account while a year is missing; returns how many were written to."""
    years = reminder_years(today)
    if not years:
        return 0
    from portal.notify import email_after_commit

    today = today or timezone.localdate()
    text = "、".join(map(str, years))
    emails = office_emails()
    for email in emails:
        email_after_commit(  # once a day per address, however often the beat job runs
            email, f"请录入 {text} 年放假安排（工作日历）",
            f"工作日历尚未录入 {text} 年的节假日与调休安排。在录入之前，涉及这些年份的答复期限按法定节假日暂算，"
            "并向申请人标注“暂定”。\n\n国务院办公厅公布《关于该年部分节假日安排的通知》后，请登录后台"
            "“工作日历—粘贴放假通知”，粘贴通知全文，核对预览后保存；办理中的申请和来信将自动重算期限。\n",
            key=f"calendar-reminder:{today}:{email}",
        )
    return len(emails)
