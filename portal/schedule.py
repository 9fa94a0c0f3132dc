"""Periodic jobs of the portal (merged into CELERY_BEAT_SCHEDULE by portal.settings)."""
from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Page views wait in the cache until this folds them into the daily table.
    "portal-flush-page-views": {
        "task": "portal.tasks.flush_page_views",
        "schedule": crontab(minute="*/5"),
    },
}
