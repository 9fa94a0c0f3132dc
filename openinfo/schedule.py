"""Periodic jobs of openinfo (merged into CELERY_BEAT_SCHEDULE by portal.settings)."""
from celery.schedules import crontab

BEAT_SCHEDULE = {
    "openinfo-department-digest": {
        "task": "openinfo.tasks.send_department_digests",
        # 07:30 Beijing time, before the working day starts.
        "schedule": crontab(hour=7, minute=30),
    },
    "openinfo-work-calendar-reminder": {
        "task": "openinfo.tasks.remind_work_calendar",
        # Daily; the task itself decides (deadlines.reminder_years) whether a year is due, so the rule is
        # tested as a pure function rather than encoded in a crontab.
        "schedule": crontab(hour=8, minute=0),
    },
}
