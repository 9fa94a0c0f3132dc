"""Celery tasks of the portal app (found by app.autodiscover_tasks())."""
from celery import shared_task


@shared_task(ignore_result=True)
def flush_page_views() -> int:
    from portal.analytics.flush import flush

    return flush()


@shared_task
def send_email(to: list[str], subject: str, body: str) -> None:
    """Queued by portal.notify.email_after_commit; the outbox retries a mail server outage with backoff."""
    from django.conf import settings
    from django.core.mail import send_mail

    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
