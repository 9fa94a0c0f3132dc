"""Index updates, run by Celery after the database commit (in-process in the embedded mode)."""
from __future__ import annotations

from celery import shared_task
from django.apps import apps
from haystack import connections
from haystack.exceptions import NotHandled


def _index_for(model):
    try:
        return connections["default"].get_unified_index().get_index(model)
    except NotHandled:
        return None


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def update_object_index(model_label: str, pk) -> str:
    """Bring one row's index entry in step with the database: add it if public, else remove it."""
    model = apps.get_model(model_label)
    index = _index_for(model)
    if index is None:
        return "not indexed"
    backend = connections["default"].get_backend()
    obj = index.index_queryset().filter(pk=pk).first()
    if obj is not None:
        index.update_object(obj, using="default")
        return "updated"
    backend.remove(f"{model._meta.app_label}.{model._meta.model_name}.{pk}")
    return "removed"
