"""Bringing index entries in step with database rows, one place for every path that does it.

Saves and deletes are collected per transaction and sent as one Celery task after the commit.
If the task cannot be sent (broker down) or fails in the worker, the rows land in
PendingIndexUpdate; a periodic job and `manage.py search_reconcile` apply them later. While a
rebuild runs, updates also go there, so the new index gets them after its swap.
"""
from __future__ import annotations

import logging
from collections import defaultdict

from django.apps import apps
from django.db import DatabaseError, transaction
from haystack import connections
from haystack.exceptions import NotHandled
from haystack.utils import get_identifier

logger = logging.getLogger(__name__)

Item = tuple[str, str]  # (model label "policies.PolicyDocument", pk as text)


def backend():
    return connections["default"].get_backend()


def engine():
    from portal.search.engines import current

    return current()


def index_for(model):
    try:
        return connections["default"].get_unified_index().get_index(model)
    except NotHandled:
        return None


def is_indexed(model) -> bool:
    return index_for(model) is not None


def queue_updates(items: list[Item]) -> None:
    """Send the items to the index task now (call after commit)."""
    items = sorted({(label, str(pk)) for label, pk in items})
    if not items:
        return
    from portal.search.tasks import update_index_items

    try:
        update_index_items.apply_async(
            args=[items], retry=True,
            retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5},
        )
    except Exception as exc:  # broker unreachable: keep them for the periodic job
        logger.warning("索引更新任务无法发送，记入待同步：%s", exc)
        record_pending(items, f"任务发送失败：{exc}"[:200])


def record_pending(items: list[Item], reason: str) -> None:
    from portal.search.models import PendingIndexUpdate

    try:
        for label, pk in items:
            row, created = PendingIndexUpdate.objects.get_or_create(
                model_label=label, object_pk=str(pk), defaults={"reason": reason[:200]},
            )
            if not created:
                PendingIndexUpdate.objects.filter(pk=row.pk).update(reason=reason[:200], attempts=row.attempts + 1)
    except DatabaseError:
        logger.exception("无法记录待同步索引条目 %s", items[:5])


def clear_pending(items: list[Item]) -> None:
    from portal.search.models import PendingIndexUpdate

    by_label = defaultdict(list)
    for label, pk in items:
        by_label[label].append(str(pk))
    for label, pks in by_label.items():
        PendingIndexUpdate.objects.filter(model_label=label, object_pk__in=pks).delete()


def apply_updates(items: list[Item]) -> dict[str, int]:
    """Index the public ones among items, remove the others. Returns counts."""
    done = {"updated": 0, "removed": 0}
    if not items:
        return done
    search = engine()
    if search.rebuild_running():
        # The rebuild reads the database before these changes; it applies them after its swap.
        record_pending(items, "重建索引期间的更新")
    if not search.ready():
        # Missing, or built by an older version of the search code (fields differ): writing into
        # it would fail on every save; rebuild it aside (it includes these rows).
        search.rebuild()
        clear_pending(items)
        return done
    by_model = defaultdict(set)
    for label, pk in items:
        by_model[label].add(str(pk))
    for label, pks in by_model.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        index = index_for(model)
        if index is None:
            continue
        rows = list(index.index_queryset().filter(pk__in=list(pks)))
        found = {str(obj.pk) for obj in rows}
        if rows:
            search.update(index, rows)
            done["updated"] += len(rows)
        gone = pks - found
        if gone:
            search.remove_many(f"{model._meta.app_label}.{model._meta.model_name}.{pk}" for pk in gone)
            done["removed"] += len(gone)
    if not search.rebuild_running():
        clear_pending(items)
    return done


def drain_pending(limit: int = 5000) -> dict[str, int]:
    """Apply the recorded updates (oldest first)."""
    from portal.search.models import PendingIndexUpdate

    rows = list(PendingIndexUpdate.objects.order_by("created_at", "id")[:limit])
    items = [(row.model_label, row.object_pk) for row in rows]
    if not items:
        return {"updated": 0, "removed": 0}
    try:
        result = apply_updates(items)
    except Exception as exc:
        PendingIndexUpdate.objects.filter(pk__in=[r.pk for r in rows]).update(reason=f"重试失败：{exc}"[:200])
        raise
    PendingIndexUpdate.objects.filter(pk__in=[r.pk for r in rows]).delete()
    return result


# --- collecting a transaction's changes ------------------------------------------------------------
def _flush(connection) -> None:
    items = getattr(connection, "_search_pending_items", None)
    connection._search_pending_items = None
    if items:
        queue_updates(list(items))


def on_row_changed(model, pk, using: str | None = None) -> None:
    """Called from post_save/post_delete: queue the row for after the commit (batched)."""
    if pk is None or not is_indexed(model):
        return
    connection = transaction.get_connection(using)
    item = (model._meta.label, str(pk))
    items = getattr(connection, "_search_pending_items", None)
    if items is not None and connection.in_atomic_block and any(
        getattr(callback, "_search_flush", False) for _, callback, _ in connection.run_on_commit
    ):
        items.add(item)  # this transaction's flush is already waiting for the commit
        return
    connection._search_pending_items = {item}

    def flush():
        _flush(connection)

    flush._search_flush = True
    # Outside a transaction on_commit runs at once; inside, after the outermost commit (and is
    # dropped, with the collected rows, on rollback).
    transaction.on_commit(flush, using=using)


def identifier(obj) -> str:
    return get_identifier(obj)
