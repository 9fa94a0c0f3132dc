"""The transactional outbox: the one way to start background work from a change of data.

    enqueue(send_notice, to, subject, body, key=f"letter-received:{letter.pk}")

writes an OutboxJob row in the caller's transaction, so the job exists exactly when the data
committed. After the commit the job is handed to the broker as a shortcut; if that fails (Redis
down) the error is logged and the request goes on. `drain` (beat, every minute, and at each worker
start) runs every job still due. A failing job is retried with exponential backoff and after
MAX_ATTEMPTS lands in 失败的后台任务, from where an operator puts it back (`retry`).

Each job runs at most once: the run claims the row, calls the task's body and marks it done in one
transaction, so a second delivery of the same job (the after-commit send and the drain, two
workers) finds it done and does nothing. The unique key makes the same notice queued twice one job.
In the embedded default (no broker, eager tasks) the job runs in-process right after the commit.
"""
from __future__ import annotations

import logging
import traceback
import uuid
from datetime import timedelta

from celery import current_app, shared_task, signals
from django.db import transaction
from django.db.models import F
from django.utils import timezone

logger = logging.getLogger("portal.ops.outbox")

MAX_ATTEMPTS = 8
BACKOFF_SECONDS = 60         # 1, 2, 4 … minutes after each failure
BACKOFF_MAX_SECONDS = 6 * 3600
DRAIN_BATCH = 500
# A dead broker must cost the request milliseconds, not Celery's default publish retries.
SEND_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.1, "interval_max": 0.1}
KEEP_DONE_DAYS = 30
FAILED_PREFIX = "outbox:"  # FailedTask.task_id of a job given up here (admin 重新执行 calls retry)


def task_name(task) -> str:
    """The registered name of a Celery task (or the name itself); unknown names fail at enqueue time."""
    name = task if isinstance(task, str) else task.name
    current_app.tasks[name]  # raises NotRegistered now, not in a worker hours later
    return name


def enqueue(task, *args, key: str | None = None, **kwargs):
    """Record `task(*args, **kwargs)` to run once after the current transaction commits.

    `key` names the event (e.g. "letter-received:<pk>"): a second enqueue with the same key is
    ignored, so a service that runs twice for the same event sends one notice. Without a key the
    job is its own event (a random key). Arguments must be JSON values. Returns the job, or None
    when a job with this key already exists.
    """
    from portal.ops.models import OutboxJob

    name = task_name(task)
    key = (key or f"{name}:{uuid.uuid4().hex}")[:200]
    with transaction.atomic():
        job, created = OutboxJob.objects.get_or_create(
            key=key, defaults={"task": name, "args": list(args), "kwargs": kwargs})
    if not created:
        return None
    job_id = job.pk
    transaction.on_commit(lambda: send(job_id))
    return job


def send(job_id: int) -> None:
    """Hand the job to the broker (best effort: on failure it waits for the drain)."""
    try:
        run_job.apply_async((job_id,), retry=True, retry_policy=SEND_RETRY_POLICY)
    except Exception:  # broker unreachable, full, misconfigured: the row is safe, the drain sends it
        logger.warning("后台任务 #%s 暂未能送入队列，将由定时补发执行", job_id, exc_info=True)


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(BACKOFF_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_MAX_SECONDS))


def execute(job_id: int) -> bool:
    """Run the job now if it is still waiting; True if it ran to completion in this call."""
    from portal.ops.failures import record_failure
    from portal.ops.models import OutboxJob

    State = OutboxJob.State
    with transaction.atomic():
        # The claim: an UPDATE takes the row lock (PostgreSQL) or the write lock (SQLite); a second
        # delivery waits here, then finds the job no longer pending and leaves.
        if not OutboxJob.objects.filter(pk=job_id, state=State.PENDING).update(attempts=F("attempts") + 1):
            return False
        job = OutboxJob.objects.get(pk=job_id)
        try:
            with transaction.atomic():  # the task's own writes are undone if it fails
                current_app.tasks[job.task].run(*job.args, **job.kwargs)
        except Exception as exc:  # any failure of the task: kept on the row, retried, then listed
            job.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if job.attempts >= MAX_ATTEMPTS:
                job.state = State.FAILED
                record_failure(task_id=f"{FAILED_PREFIX}{job.pk}", task_name=job.task, args=job.args, kwargs=job.kwargs,
                               exception=exc, traceback_text=traceback.format_exc(), retries=job.attempts)
            else:
                job.next_attempt_at = timezone.now() + _backoff(job.attempts)
                logger.warning("后台任务 %s #%s 第 %s 次执行失败，稍后重试：%s", job.task, job.pk, job.attempts,
                               job.last_error)
            job.save(update_fields=["state", "last_error", "next_attempt_at"])
            return False
        job.state, job.done_at, job.last_error = State.DONE, timezone.now(), ""
        job.save(update_fields=["state", "done_at", "last_error"])
    return True


@shared_task(name="portal.ops.outbox.run_job", ignore_result=True)
def run_job(job_id: int) -> None:
    execute(job_id)


@shared_task(name="portal.ops.outbox.drain", ignore_result=True)
def drain(limit: int = DRAIN_BATCH) -> int:
    """Run the jobs that are due (never sent, sent while the worker was down, or waiting to retry)."""
    from portal.ops.models import OutboxJob

    due = list(OutboxJob.objects.filter(state=OutboxJob.State.PENDING, next_attempt_at__lte=timezone.now())
               .order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])
    return sum(execute(job_id) for job_id in due)


def retry(job_id: int) -> bool:
    """An operator's 重新执行 of a job that failed for good: due again now, with fresh attempts."""
    from portal.ops.models import OutboxJob

    updated = OutboxJob.objects.filter(pk=job_id, state=OutboxJob.State.FAILED).update(
        state=OutboxJob.State.PENDING, attempts=0, next_attempt_at=timezone.now())
    if updated:
        transaction.on_commit(lambda: send(job_id))
    return bool(updated)


def purge_done(*, days: int = KEEP_DONE_DAYS) -> int:
    from portal.ops.models import OutboxJob

    cutoff = timezone.now() - timedelta(days=days)
    deleted, _ = OutboxJob.objects.filter(state=OutboxJob.State.DONE, done_at__lt=cutoff).delete()
    return deleted


@signals.worker_ready.connect(dispatch_uid="portal.ops.outbox.worker_ready")
def drain_at_worker_start(sender=None, **extra) -> None:
    # Jobs left waiting while no worker ran: queued for this (or another) worker at once.
    try:
        drain.apply_async(retry=True, retry_policy=SEND_RETRY_POLICY)
    except Exception:  # the worker itself is fine; the beat drain will come
        logger.warning("启动时未能安排补发后台任务", exc_info=True)
