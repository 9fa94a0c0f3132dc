"""Periodic jobs of policies (merged into CELERY_BEAT_SCHEDULE by portal.settings). Times are Asia/Shanghai."""
from celery.schedules import crontab

BEAT_SCHEDULE = {
    "policies-interpreter-reminders": {
        "task": "policies.tasks.send_interpreter_reminders",
        "schedule": crontab(day_of_week="mon", hour=9, minute=0),
    },
}
