"""Index work run by Celery (in-process in the embedded mode). All on the `search` queue, which
production runs with concurrency 1; the writer lock makes a second writer wait, not fail.

No caller reads these tasks' results, so none is stored (ignore_result). Storing one makes every
send subscribe to the result backend first, and with Redis down that subscription retries for
~20 s inside the official's request before the update is recorded as pending
(tests/search/test_outage.py)."""
from __future__ import annotations

import logging

from celery import shared_task

from portal.search import indexing

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=5, acks_late=True, ignore_result=True)
def update_index_items(self, items) -> dict:
    """Bring the listed rows' index entries in step with the database."""
    items = [(label, str(pk)) for label, pk in items]
    try:
        return indexing.apply_updates(items)
    except Exception as exc:
        logger.warning("索引更新失败，稍后重试：%s", exc)
        indexing.record_pending(items, f"索引写入失败：{exc}"[:200])
        if self.request.called_directly or self.request.is_eager:
            return {"updated": 0, "removed": 0, "pending": len(items)}
        raise self.retry(exc=exc, countdown=min(300, 5 * 2 ** self.request.retries))


@shared_task(ignore_result=True)
def update_object_index(model_label: str, pk) -> dict:
    """One row (kept for callers that queue a single object)."""
    return indexing.apply_updates([(model_label, str(pk))])


@shared_task(ignore_result=True)
def drain_pending_updates() -> dict:
    return indexing.drain_pending()


@shared_task(ignore_result=True)
def repair_damaged_index() -> bool:
    """Rebuild the index if a segment is damaged (see portal.search.health)."""
    from portal.search.health import repair_if_damaged

    return repair_if_damaged()


@shared_task(ignore_result=True)
def refresh_hot_words() -> int:
    """Recount 热词 candidates from the search log (see portal.search.hotwords)."""
    from portal.search.hotwords import refresh_candidates

    return refresh_candidates()


@shared_task(ignore_result=True)
def reconcile_index() -> dict:
    from portal.search.reconcile import reconcile

    return reconcile(fix=True).as_dict()


@shared_task(ignore_result=True)
def rebuild_index_if_dictionary_changed() -> str:
    """After officials changed the dictionary or synonyms, the index must be cut again."""
    from portal.search.engines import rebuild
    from portal.search.reconcile import dictionary_outdated

    if not dictionary_outdated():
        return "词典未变化"
    report = rebuild()
    return f"已重建：{report.documents} 条"
