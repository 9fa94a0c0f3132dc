"""Periodic search jobs (merged into CELERY_BEAT_SCHEDULE by portal.settings)."""
from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Updates that could not reach the index (broker or worker down) are applied within minutes.
    "search-drain-pending-updates": {
        "task": "portal.search.tasks.drain_pending_updates",
        "schedule": crontab(minute="*/5"),
    },
    # A damaged index (truncated segment) is rebuilt within minutes; search uses the database meanwhile.
    "search-repair-damaged-index": {
        "task": "portal.search.tasks.repair_damaged_index",
        "schedule": crontab(minute="*/5"),
    },
    # 热词 candidates recounted (distinct visitors); 公开办 approves them in admin.
    "search-refresh-hot-words": {
        "task": "portal.search.tasks.refresh_hot_words",
        "schedule": crontab(minute="*/10"),
    },
    # Every night: find and fix every difference between the database and the index.
    "search-reconcile-nightly": {
        "task": "portal.search.tasks.reconcile_index",
        "schedule": crontab(hour=2, minute=30),
    },
    # After the dictionary or synonyms changed, cut the index again with the new words.
    "search-rebuild-if-dictionary-changed": {
        "task": "portal.search.tasks.rebuild_index_if_dictionary_changed",
        "schedule": crontab(hour=3, minute=15),
    },
}
