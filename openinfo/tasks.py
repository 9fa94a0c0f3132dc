"""Celery tasks of openinfo: e-mail to applicants and writers, the daily department digest, the work
calendar reminder."""
from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notice(to: str, subject: str, body: str) -> None:
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


def notify_after_commit(to: str, subject: str, body: str) -> None:
    """Queue an e-mail once the surrounding transaction has committed (never for a rolled-back change)."""
    if not to:
        return
    from django.db import transaction

    transaction.on_commit(lambda: send_notice.delay(to, subject, body))
