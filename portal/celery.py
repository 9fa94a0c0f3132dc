import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def load_jieba_before_forking(**kwargs):
    """Load jieba's dictionary once in the worker's main process (as gunicorn's when_ready does):
    the pool's children inherit it, so the first index task after a start does not spend ~1 s
    loading it while a citizen waits for a publication to become searchable."""
    import django

    django.setup()
    from django.db import connections

    from portal.search.segment import tokenizer

    try:
        tokenizer()
    finally:
        connections.close_all()  # nothing the children inherit may be a shared socket
