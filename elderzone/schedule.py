from celery.schedules import crontab

BEAT_SCHEDULE = {
    "elderzone-remove-unused-speech": {
        "task": "elderzone.tasks.remove_unused_speech",
        "schedule": crontab(hour=3, minute=40, day_of_week="sun"),
    },
}
