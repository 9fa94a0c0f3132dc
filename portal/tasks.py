"""Celery tasks of the portal app (found by app.autodiscover_tasks())."""
from celery import shared_task


@shared_task(ignore_result=True)
def flush_page_views() -> int:
    from portal.analytics.flush import flush

    return flush()
