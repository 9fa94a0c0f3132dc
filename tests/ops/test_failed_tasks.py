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
