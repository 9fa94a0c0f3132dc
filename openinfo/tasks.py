"""Celery tasks of openinfo: the daily department digest and the work calendar reminder (notices go
through portal.notify)."""
from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail


@shared_task
def send_notice(to: str, subject: str, body: str) -> None:
    """Messages queued before the outbox (a broker that kept them over the upgrade, 失败的后台任务 to
    re-run); new notices go through portal.notify.email_after_commit."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


@shared_task
def send_department_digests() -> int:
    """Every morning: each department gets the requests and letters due soon or overdue."""
    from openinfo.services.digest import send_digests

    return send_digests()


@shared_task
def remind_work_calendar() -> int:
    """Every morning from 1 November: e-mail the 公开办 while next year's 放假安排 is not entered."""
    from openinfo.services.calendar import send_calendar_reminder

    return send_calendar_reminder()
