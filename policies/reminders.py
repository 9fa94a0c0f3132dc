"""Weekly reminder to each department: its 有效 policies whose 解读人 is missing or unconfirmed for a year.

Chengdu's 解读人 rule asks that the contact stays reachable for as long as the policy is valid; the admin
list "解读人超期未更新" shows the same rows, this brings them to the people who must act. Only titles,
文号 and dates are sent: an interpreter's phone is public anyway, but nothing else is needed here.
"""
from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from policies.models.interpreter import STALE_AFTER_DAYS
from policies.selectors import stale_interpreter_policies
from portal.models import Department
from portal.notify import department_staff_emails, email_after_commit


def _reason(policy, today: dt.date) -> str:
    current = next((row for row in policy.interpreters.all() if row.end_date is None), None)
    if current is None:
        return "未设置解读人"
    return f"解读人 {current.name} 最近核实于 {current.confirmed_on:%Y-%m-%d}，已超期 " \
           f"{current.days_since_confirmed(today) - STALE_AFTER_DAYS} 天"


def department_reminder(department, today: dt.date) -> tuple[int, str]:
    """How many of the department's policies need attention, and the text that lists them."""
    policies = list(stale_interpreter_policies(today).filter(department=department)
                    .prefetch_related("interpreters").order_by("-issued_date", "pk"))
    if not policies:
        return 0, ""
    lines = [f"  {p.title}" + (f"（{p.doc_number}）" if p.doc_number else "") + f"：{_reason(p, today)}" for p in policies]
    return len(policies), (f"{department.name}：\n\n截至 {today:%Y-%m-%d}，以下 {len(policies)} 件有效政策文件的解读人需要更新或确认：\n\n"
            + "\n".join(lines)
            + "\n\n请登录后台，在“解读人超期未更新”列表"
              f"（{reverse('admin:policies_interpreterreview_changelist')}）逐件更新解读人，或确认信息仍然有效。\n")


def send_interpreter_reminders(today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    sent = 0
    for department in Department.objects.order_by("pk"):
        count, body = department_reminder(department, today)
        recipients = department_staff_emails(department) if count else []
        if recipients:
            # Through the outbox: a mail server outage delays the reminder instead of failing the run.
            email_after_commit(recipients, f"【解读人提醒】{department.name} 有 {count} 件政策文件的解读人待更新", body)
            sent += 1
    return sent
