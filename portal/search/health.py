"""A damaged index: tell operations once, answer from the database meanwhile, rebuild it.

When a search finds the index damaged (portal.search.store.IndexDamaged: a truncated or missing
segment file) the service answers from the database (fallback.py) and calls report_damage(): an
error in the log and one open row in 失败的后台任务 (portal.ops), named after the repair task so
that 重新执行 there repairs it. The beat job repair_damaged_index (every 5 minutes) and the
nightly reconcile rebuild a damaged index and close the row.
"""
from __future__ import annotations

import logging
import os

from django.db import DatabaseError

logger = logging.getLogger(__name__)

REPAIR_TASK = "portal.search.tasks.repair_damaged_index"
_reported: set[str] = set()  # generations this process already raised the alert for


def _open_alerts():
    from portal.ops.models import FailedTask

    return FailedTask.objects.filter(task_name=REPAIR_TASK, resolved_at__isnull=True)


def report_damage(path, exc: Exception) -> None:
    """Log the damage and make sure one open alert says so (not one per search)."""
    from portal.ops.failures import record_failure

    generation = os.path.realpath(str(path))
    if generation in _reported:
        return
    _reported.add(generation)
    logger.error("搜索索引已损坏，暂用数据库检索，等待重建：%s", exc)
    try:
        already = _open_alerts().exists()
    except DatabaseError:  # the database is down too: the log line above is the alert
        logger.exception("无法查询索引损坏告警")
        return
    if not already:
        record_failure(task_id="", task_name=REPAIR_TASK, exception=exc,
                       traceback_text=f"索引目录：{generation}\n{exc}\n"
                                      "每 5 分钟的修复任务会自动重建索引；也可在此“重新执行”立即重建。")


def repair_if_damaged() -> bool:
    """Rebuild the index when it is damaged and close the alert; True when it rebuilt."""
    from django.utils import timezone

    from portal.search.engines import current

    engine = current()
    if not engine.damaged():
        return False
    report = engine.rebuild()
    logger.warning("已重建损坏的搜索索引：%s 条", report.documents)
    _reported.clear()
    _open_alerts().update(resolved_at=timezone.now(), note=f"索引已自动重建（{report.documents} 条）")
    return True
