"""A task that fails after its retries lands in the admin list; nothing fails silently."""
from unittest import mock

import pytest
from celery import shared_task

from portal.models import Role
from portal.ops.models import FailedTask
from tests.security.accounts import official

CALLS = []


@shared_task(name="tests.ops.flaky_mailer", autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=2)
def flaky_mailer(recipient_id, subject="通知"):
    CALLS.append(recipient_id)
    raise ConnectionError("SMTP 服务器拒绝连接")


@shared_task(name="tests.ops.works")
def works(x):
    return x * 2


@pytest.mark.django_db(transaction=True)
def test_task_failing_after_retries_is_listed_once_with_its_call():
    CALLS.clear()
    flaky_mailer.delay(42, subject="逾期提醒")
    assert len(CALLS) == 3  # first try + 2 retries
    failure = FailedTask.objects.get()
    assert failure.task_name == "tests.ops.flaky_mailer"
    assert failure.exception == "ConnectionError"
    assert "SMTP 服务器拒绝连接" in failure.message
    assert failure.args == [42] and failure.kwargs == {"subject": "逾期提醒"}
    assert failure.replayable and failure.resolved_at is None
    assert "ConnectionError" in failure.traceback


@pytest.mark.django_db(transaction=True)
def test_successful_tasks_leave_no_trace():
    assert works.delay(21).get() == 42
    assert not FailedTask.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_unstorable_arguments_are_kept_as_text_and_not_replayed():
    class Odd:
        def __repr__(self):
            return "<Odd>"

    @shared_task(name="tests.ops.odd")
    def odd(value):
        raise ValueError("坏数据")

    odd.apply(args=[Odd()])
    failure = FailedTask.objects.get(task_name="tests.ops.odd")
    assert failure.args == ["<Odd>"] and not failure.replayable


@pytest.mark.django_db
def test_admin_lists_replays_and_closes_failures(client):
    failure = FailedTask.objects.create(task_name="tests.ops.works", args=[5], kwargs={}, exception="ConnectionError",
                                        message="Redis 连接中断")
    admin_user = official(Role.ADMIN)
    client.force_login(admin_user)
    listing = client.get("/admin/ops/failedtask/?resolved=no")
    assert listing.status_code == 200
    body = listing.content.decode()
    assert "tests.ops.works" in body and "Redis 连接中断" in body and "待处理" in body

    with mock.patch("portal.celery.app.send_task") as send:
        send.return_value.id = "new-task-id"
        response = client.post("/admin/ops/failedtask/", {"action": "replay", "_selected_action": [failure.pk]},
                               follow=True)
    send.assert_called_once_with("tests.ops.works", args=[5], kwargs={})
    assert "已重新提交 1 个任务" in response.content.decode()
    failure.refresh_from_db()
    assert failure.resolved_by == admin_user and failure.replayed_as == "new-task-id"

    other = FailedTask.objects.create(task_name="x", exception="E")
    client.post("/admin/ops/failedtask/", {"action": "mark_resolved", "_selected_action": [other.pk]})
    other.refresh_from_db()
    assert other.resolved_at is not None


@pytest.mark.django_db
def test_content_officials_do_not_see_task_internals(client, department):
    FailedTask.objects.create(task_name="x", exception="E")
    client.force_login(official(Role.OFFICE, department))
    assert client.get("/admin/ops/failedtask/").status_code == 403
    assert "失败的后台任务" not in client.get("/admin/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_index_task_retries_with_backoff_then_is_listed_and_kept_pending(monkeypatch, client):
    """The search index task as a worker runs it: five retries, 5 s doubling, then the failed list."""
    from celery.app.trace import build_tracer

    from portal.search import tasks
    from portal.search.models import PendingIndexUpdate

    def disk_full(items):
        raise OSError("No space left on device")

    monkeypatch.setattr("portal.search.indexing.apply_updates", disk_full)
    task = tasks.update_index_items
    retries_sent = []  # what the worker would put back on the broker
    monkeypatch.setattr(task, "apply_async", lambda *args, **options: retries_sent.append(options))
    trace = build_tracer(task.name, task, eager=False, propagate=False, app=task.app)  # not eager: a worker
    items = [["policies.PolicyDocument", "7"]]
    for attempt in range(task.max_retries + 1):
        trace(f"index-task-{attempt}", [items], {}, request={"retries": attempt, "delivery_info": {}})

    assert [options["countdown"] for options in retries_sent] == [5, 10, 20, 40, 80]
    failure = FailedTask.objects.get()  # only the last attempt is a failure
    assert failure.task_name == "portal.search.tasks.update_index_items"
    assert failure.exception == "OSError" and failure.args == [items] and failure.replayable
    pending = PendingIndexUpdate.objects.get()  # and the update is still waiting, not lost
    assert (pending.model_label, pending.object_pk) == ("policies.PolicyDocument", "7")
    assert pending.attempts == task.max_retries and "No space left on device" in pending.reason

    client.force_login(official(Role.ADMIN))
    body = client.get("/admin/ops/failedtask/?resolved=no").content.decode()
    assert "portal.search.tasks.update_index_items" in body and "No space left on device" in body
