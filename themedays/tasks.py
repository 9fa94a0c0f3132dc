"""Background work of the 主题日 programme (Celery; in-process in the embedded mode)."""
from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from themedays.models import Registration, RegistrationStatus


@shared_task
def notify_registration_sms(registration_id: int, kind: str) -> str:
    from themedays.notify import send_sms

    reg = Registration.objects.select_related("activity").filter(pk=registration_id).first()
    if reg is None:
        return "missing"
    send_sms(reg, kind)
    return kind


@shared_task
def send_reminders(now_iso: str | None = None) -> int:
    """The day before: every confirmed registrant of tomorrow's activities, once each."""
    from themedays.notify import queue

    now = dt.datetime.fromisoformat(now_iso) if now_iso else timezone.now()
    tomorrow = timezone.localtime(now).date() + dt.timedelta(days=1)
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(tomorrow, dt.time.min, tzinfo=tz)
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED, reminded_at__isnull=True, activity__cancelled_at__isnull=True,
        activity__status="published", activity__start_at__gte=start,
        activity__start_at__lt=start + dt.timedelta(days=1),
    ).select_related("activity")
    sent = 0
    for reg in due:
        # Claim the row and queue the messages together, so two workers (or a re-run) never send the
        # reminder twice and a gateway outage delays it instead of losing it.
        with transaction.atomic():
            if Registration.objects.filter(pk=reg.pk, reminded_at__isnull=True).update(reminded_at=now):
                queue(reg, "reminder")
                sent += 1
    return sent


@shared_task
def refresh_stages() -> int:
    from themedays.services.activities import refresh_stages as run

    return run()


@shared_task
def refresh_statistics(year: int | None = None) -> int:
    from themedays.services.stats import refresh_monthly_stats

    years = [year] if year else None
    return refresh_monthly_stats(years=years)
