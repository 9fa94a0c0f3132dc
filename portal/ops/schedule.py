from celery.schedules import crontab

BEAT_SCHEDULE = {
    "ops-purge-resolved-failures": {
        "task": "portal.ops.tasks.purge_resolved_failures",
        "schedule": crontab(hour=4, minute=30, day_of_week="sunday"),
    },
    "ops-clear-expired-sessions": {
        "task": "portal.ops.tasks.clear_expired_sessions",
        "schedule": crontab(hour=4, minute=10),
    },
}
