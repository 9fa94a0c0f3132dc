"""Celery tasks of policies (found by app.autodiscover_tasks())."""
from celery import shared_task


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_interpreter_reminders() -> int:
    """Every Monday morning: each department hears which 解读人 need updating."""
    from policies.reminders import send_interpreter_reminders as send

    return send()
