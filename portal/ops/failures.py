"""Record every Celery task that fails for good, so that no failure is silent.

Connected in OpsConfig.ready(), so it runs in web processes (eager tasks) and in every worker.
Retries are not failures: Celery sends task_retry for them, and task_failure only once the
task's own retry policy (autoretry_for/retry_backoff/max_retries) gives up.
"""
from __future__ import annotations

import json
import logging
import socket

from celery import signals

logger = logging.getLogger("portal.ops")

MAX_TEXT = 20_000  # a runaway traceback must not bloat the table


def _jsonable(value, fallback):
    try:
        json.dumps(value)
        return value, True
    except (TypeError, ValueError):
        return fallback, False


def record_failure(*, task_id: str, task_name: str, args=None, kwargs=None, exception=None,
                   traceback_text: str = "", retries: int = 0, worker: str = "") -> None:
    """Store one failure; if even that fails (database down), say so loudly in the log."""
    from portal.ops.models import FailedTask

    stored_args, args_ok = _jsonable(list(args or []), [repr(a)[:500] for a in (args or [])])
    stored_kwargs, kwargs_ok = _jsonable(dict(kwargs or {}), {k: repr(v)[:500] for k, v in (kwargs or {}).items()})
    exc_name = type(exception).__name__ if exception is not None else "未知错误"
    message = str(exception)[:MAX_TEXT] if exception is not None else ""
    logger.error("后台任务失败：%s[%s] %s: %s", task_name, task_id, exc_name, message)
    try:
        FailedTask.objects.create(
            task_id=task_id or "", task_name=task_name or "?", args=stored_args, kwargs=stored_kwargs,
            replayable=args_ok and kwargs_ok, exception=exc_name[:200], message=message,
            traceback=(traceback_text or "")[-MAX_TEXT:], retries=retries or 0,
            worker=(worker or socket.gethostname())[:200],
        )
    except Exception:  # the failure list itself is unreachable: the log is all that is left
        logger.exception("无法记录失败的后台任务 %s[%s]", task_name, task_id)


@signals.task_failure.connect(dispatch_uid="portal.ops.task_failure")
def on_task_failure(sender=None, task_id=None, exception=None, args=None, kwargs=None, einfo=None, **extra):
    request = getattr(sender, "request", None)
    record_failure(
        task_id=task_id, task_name=getattr(sender, "name", str(sender)), args=args, kwargs=kwargs,
        exception=exception, traceback_text=str(einfo or ""),
        retries=getattr(request, "retries", 0) or 0, worker=getattr(request, "hostname", "") or "",
    )


@signals.task_internal_error.connect(dispatch_uid="portal.ops.task_internal_error")
def on_task_internal_error(sender=None, task_id=None, args=None, kwargs=None, request=None, exception=None,
                           einfo=None, **extra):
    record_failure(
        task_id=task_id, task_name=getattr(sender, "name", str(sender)), args=args, kwargs=kwargs,
        exception=exception, traceback_text=str(einfo or ""), worker=getattr(request, "hostname", "") or "",
    )


@signals.task_unknown.connect(dispatch_uid="portal.ops.task_unknown")
def on_task_unknown(sender=None, name=None, id=None, message=None, exc=None, **extra):
    # A message for a task this worker does not know (old code, typo in a route): it is dropped,
    # so it must at least be listed.
    body = getattr(message, "payload", None)
    args, kwargs = ([], {})
    if isinstance(body, (list, tuple)) and len(body) >= 2:
        args, kwargs = body[0], body[1]
    record_failure(task_id=id or "", task_name=name or "?", args=args, kwargs=kwargs, exception=exc)
