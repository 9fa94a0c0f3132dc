"""Celery tasks of openinfo: e-mail to applicants and writers, the daily department digest."""
from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail


@shared_task
def send_notice(to: str, subject: str, body: str) -> None:
    # Run through the outbox (notify_after_commit), which retries a mail server outage with backoff.
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


@shared_task
def send_department_digests() -> int:
    """Every morning: each department gets the requests and letters due soon or overdue."""
    from openinfo.services.digest import send_digests

    return send_digests()


def notify_after_commit(to: str, subject: str, body: str, *, key: str | None = None) -> None:
    """Record an e-mail in the outbox of the surrounding transaction; it is sent once that commits
    (never for a rolled-back change) and retried until the mail server takes it."""
    if not to:
        return
    from portal.ops import outbox

    outbox.enqueue(send_notice, to, subject, body, key=key)
