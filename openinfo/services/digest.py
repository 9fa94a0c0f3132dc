"""The morning digest: each department's officials get its overdue and due-soon cases by e-mail.

Only tracking numbers, subjects and dates — no applicant's personal data leaves the system this way.
"""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from openinfo.selectors import queue_buckets
from openinfo.selectors.queue import letter_buckets
from portal.models import Department
from portal.notify import department_staff_emails, email_after_commit


def department_digest(department, today: dt.date) -> str:
    """The digest text of one department, or "" when nothing needs attention."""
    requests = queue_buckets(department, today)
    letters = letter_buckets(department, today)
    lines = []
    sections = [
        ("已超期的政府信息公开申请", requests["overdue"]), ("3个工作日内到期的申请", requests["soon"]),
        ("补正或缴费期限已过的申请", requests["expired"]),
    ]
    for title, rows in sections:
        if rows:
            lines.append(f"【{title}】{len(rows)} 件")
            lines += [f"  {req.tracking_number}  答复期限 {req.due_text or '—'}  承办人 {req.handler or '未指定'}"
                      for req, _left in rows]
    for title, rows in (("已超期的来信", letters["overdue"]), ("即将到期的来信", letters["soon"])):
        if rows:
            lines.append(f"【{title}】{len(rows)} 件")
            lines += [f"  {letter.tracking_number}  {letter.subject[:30]}  答复期限 {letter.due_text}" for letter in rows]
    if not lines:
        return ""
    return f"{department.name}：\n\n截至 {today:%Y-%m-%d}，以下事项需要关注：\n\n" + "\n".join(lines) + \
        "\n\n请登录后台“待办队列”办理。\n"


def send_digests(today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    sent = 0
    for department in Department.objects.all():
        body = department_digest(department, today)
        if not body:
            continue
        recipients = department_staff_emails(department)
        if recipients:
            # One digest per department and day, even when the beat task is delivered again.
            email_after_commit(recipients, f"【待办提醒】{department.name} 依申请公开与政务信箱 {today:%m月%d日}", body,
                                key=f"department-digest:{department.pk}:{today.isoformat()}")
            sent += 1
    return sent
