"""Periodic jobs (merged into CELERY_BEAT_SCHEDULE by portal.settings). Times are Asia/Shanghai."""
from celery.schedules import crontab

BEAT_SCHEDULE = {
    "themedays-reminders": {
        "task": "themedays.tasks.send_reminders",
        "schedule": crontab(hour=10, minute=0),  # the day before, in office hours
    },
    "themedays-stages": {
        "task": "themedays.tasks.refresh_stages",
        "schedule": crontab(minute="*/5"),
    },
    "themedays-statistics": {
        "task": "themedays.tasks.refresh_statistics",
        "schedule": crontab(hour=1, minute=30),
    },
}
