from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Jobs whose after-commit send failed (broker down) or that wait for a retry (portal/ops/outbox.py).
    "ops-drain-outbox": {
        "task": "portal.ops.outbox.drain",
        "schedule": crontab(minute="*"),
    },
    "ops-purge-outbox": {
        "task": "portal.ops.tasks.purge_outbox",
        "schedule": crontab(hour=4, minute=40),
    },
    "ops-purge-resolved-failures": {
        "task": "portal.ops.tasks.purge_resolved_failures",
        "schedule": crontab(hour=4, minute=30, day_of_week="sunday"),
    },
    "ops-clear-expired-sessions": {
        "task": "portal.ops.tasks.clear_expired_sessions",
        "schedule": crontab(hour=4, minute=10),
    },
}
