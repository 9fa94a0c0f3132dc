"""Housekeeping for the failed-task list."""
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

KEEP_RESOLVED_DAYS = 180


@shared_task
def purge_resolved_failures() -> int:
    """Drop failures dealt with long ago; open ones stay until someone handles them."""
    from portal.ops.models import FailedTask

    cutoff = timezone.now() - timedelta(days=KEEP_RESOLVED_DAYS)
    deleted, _ = FailedTask.objects.filter(resolved_at__lt=cutoff).delete()
    return deleted


@shared_task
def clear_expired_sessions() -> None:
    """Public forms keep receipts and tracking logins in sessions: expired ones are deleted nightly,
    so the session table neither grows without end nor keeps them longer than needed."""
    from django.core.management import call_command

    call_command("clearsessions")


@shared_task
def purge_outbox() -> int:
    """Done jobs after a month, form receipts after their retry window: neither grows without end."""
    from portal import submissions
    from portal.ops import outbox

    return outbox.purge_done() + submissions.purge_old()
