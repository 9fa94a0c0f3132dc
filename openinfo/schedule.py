"""Periodic jobs of openinfo (merged into CELERY_BEAT_SCHEDULE by portal.settings)."""
from celery.schedules import crontab

BEAT_SCHEDULE = {
    "openinfo-department-digest": {
        "task": "openinfo.tasks.send_department_digests",
        # 07:30 Beijing time, before the working day starts.
        "schedule": crontab(hour=7, minute=30),
    },
}
