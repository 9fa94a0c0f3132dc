"""The transactional outbox (portal/ops/outbox.py): written with the data, sent after the commit,
never lost to a broker or mail server outage, run exactly once."""
import logging
from datetime import timedelta

import pytest
from celery import signals
from django.core import mail
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from openinfo import services
from portal.models import Role
from portal.notify import email_after_commit
from portal.ops import outbox
from portal.ops.models import FailedTask, OutboxJob
from portal.tasks import send_email
from tests.security.accounts import official
from tests.services import free_port

from .public_forms import six_forms

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(outbox.run_job, "apply_async", refuse)


@pytest.fixture
def smtp_down(settings):
    """A real SMTP connection to a port nobody listens on."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2


def make_due(job_id):
    OutboxJob.objects.filter(pk=job_id).update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def test_a_rolled_back_change_leaves_no_job_and_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            email_after_commit("a@example.cn", "主题", "正文")
            raise RuntimeError("the change fails after the notice was queued")
    assert not OutboxJob.objects.exists() and mail.outbox == []


def test_a_job_delivered_twice_sends_one_email(monkeypatch):
    monkeypatch.setattr(outbox, "send", lambda job_id: None)  # nothing runs it yet
    email_after_commit("a@example.cn", "您的来信已收到", "正文", key="letter-received:1")
    email_after_commit("a@example.cn", "您的来信已收到", "正文", key="letter-received:1")  # a re-run
    job = OutboxJob.objects.get()
    outbox.run_job.apply((job.pk,))  # the after-commit send …
    outbox.run_job.apply((job.pk,))  # … and the same message again (broker redelivery)
    assert outbox.drain() == 0  # … and the beat drain
    assert len(mail.outbox) == 1
    job.refresh_from_db()
    assert job.state == OutboxJob.State.DONE and job.attempts == 1


def test_with_the_broker_down_the_citizen_gets_the_receipt_and_the_drain_sends_later(
        client, department, broker_down, settings, caplog, django_capture_on_commit_callbacks):
    settings.ANTISPAM_MIN_SECONDS = 0
    form = six_forms(department)[1]
    with caplog.at_level(logging.WARNING, logger="portal.ops.outbox"), \
            django_capture_on_commit_callbacks(execute=True):
        form.assert_receipt(form.post(client, form.filled(form.page(client))))
    assert "暂未能送入队列" in caplog.text
    job = OutboxJob.objects.get()
    assert job.state == OutboxJob.State.PENDING and job.task == send_email.name and mail.outbox == []
    assert outbox.drain() == 1  # what beat runs every minute
    assert outbox.drain() == 0
    assert [m.to for m in mail.outbox] == [["zhou@example.cn"]]


def test_smtp_down_retries_with_backoff_then_lists_the_job_and_admin_reruns_it_once(
        client, department, smtp_down, settings, django_capture_on_commit_callbacks):
    letter = services.letter_submit(kind="consult", department=department, subject="咨询", content="内容",
                                    name="周某", phone="13912345678", email="zhou@example.cn", channel="web")
    job = OutboxJob.objects.get()
    assert outbox.drain() == 0  # the mail server refuses
    job.refresh_from_db()
    assert job.state == OutboxJob.State.PENDING and job.attempts == 1 and "ConnectionRefusedError" in job.last_error
    waits = [job.next_attempt_at - timezone.now()]
    assert outbox.drain() == 0 and OutboxJob.objects.get().attempts == 1  # not due yet: backing off
    for _ in range(outbox.MAX_ATTEMPTS - 1):
        make_due(job.pk)
        outbox.drain()
        job.refresh_from_db()
        waits.append(job.next_attempt_at - timezone.now())
    assert waits[1] > waits[0] * 1.5 and waits[2] > waits[1] * 1.5  # exponential
    assert job.state == OutboxJob.State.FAILED and job.attempts == outbox.MAX_ATTEMPTS
    failure = FailedTask.objects.get()
    assert failure.task_name == "portal.tasks.send_email" and failure.task_id == f"outbox:{job.pk}"
    assert failure.args[0] == ["zhou@example.cn"] and letter.tracking_number in failure.args[1]
    assert mail.outbox == []

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the mail server is back
    client.force_login(official(Role.ADMIN))
    listing = client.get("/admin/ops/failedtask/?resolved=no").content.decode()
    assert "portal.tasks.send_email" in listing
    for _ in range(2):  # clicked twice
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/admin/ops/failedtask/", {"action": "replay", "_selected_action": [failure.pk]})
    assert outbox.drain() == 0  # already run by the replay's send
    assert [m.to for m in mail.outbox] == [["zhou@example.cn"]]
    assert OutboxJob.objects.get().state == OutboxJob.State.DONE
    assert "portal.tasks.send_email" in client.get("/admin/ops/outboxjob/").content.decode()


def test_an_sms_gateway_failure_does_not_stop_the_email_and_is_retried(department, monkeypatch,
                                                                       django_capture_on_commit_callbacks):
    from tests.themedays.conftest import make_activity
    from tests.themedays.helpers import sign_up
    from themedays.notify import ConsoleSMSBackend

    def gateway_down(self, phone, text):
        raise ConnectionError("短信网关无响应")

    monkeypatch.setattr(ConsoleSMSBackend, "send", gateway_down)
    with django_capture_on_commit_callbacks(execute=True):
        reg = sign_up(make_activity(department), "13812345678", email="wxm@example.cn")
    assert [m.to for m in mail.outbox] == [["wxm@example.cn"]]
    sms = OutboxJob.objects.get(state=OutboxJob.State.PENDING)
    assert sms.task == "themedays.tasks.notify_registration_sms" and sms.args == [reg.pk, "confirmed"]
    sent = []
    monkeypatch.setattr(ConsoleSMSBackend, "send", lambda self, phone, text: sent.append(text))
    make_due(sms.pk)
    assert outbox.drain() == 1 and outbox.drain() == 0
    assert len(sent) == 1 and reg.number in sent[0] and len(mail.outbox) == 1


def test_the_beat_drains_every_minute_and_a_starting_worker_drains_at_once(settings, monkeypatch):
    entry = next(e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == outbox.drain.name)
    assert entry["schedule"].minute == set(range(60))
    monkeypatch.setattr(outbox, "send", lambda job_id: None)  # the broker was down when it was queued
    email_after_commit("a@example.cn", "主题", "正文")
    signals.worker_ready.send(sender=None)  # a worker comes up (eager here: the drain runs now)
    assert len(mail.outbox) == 1 and OutboxJob.objects.get().state == OutboxJob.State.DONE


def test_unknown_tasks_are_refused_when_queued_not_in_a_worker_later():
    from celery.exceptions import NotRegistered

    with pytest.raises(NotRegistered):
        outbox.enqueue("openinfo.tasks.no_such_task", 1)
    assert not OutboxJob.objects.exists()


def test_drain_command_runs_what_waits(monkeypatch):
    from io import StringIO

    from django.core.management import call_command

    monkeypatch.setattr(outbox, "send", lambda job_id: None)
    email_after_commit("a@example.cn", "主题", "正文")
    out = StringIO()
    call_command("drain_outbox", stdout=out)
    assert "已执行 1 个后台任务" in out.getvalue() and len(mail.outbox) == 1


def test_old_done_jobs_and_old_receipts_are_purged_waiting_ones_stay(monkeypatch):
    from portal.ops.models import FormSubmission
    from portal.ops.tasks import purge_outbox

    monkeypatch.setattr(outbox, "send", lambda job_id: None)
    email_after_commit("a@example.cn", "旧的", "正文")
    email_after_commit("b@example.cn", "还在等", "正文")
    old, waiting = OutboxJob.objects.order_by("pk")
    outbox.execute(old.pk)
    OutboxJob.objects.filter(pk=old.pk).update(done_at=timezone.now() - timedelta(days=outbox.KEEP_DONE_DAYS + 1))
    FormSubmission.objects.create(key_hash="a" * 64, form="openinfo-letter")
    FormSubmission.objects.update(created_at=timezone.now() - timedelta(days=3))
    FormSubmission.objects.create(key_hash="b" * 64, form="openinfo-letter")
    assert purge_outbox() == 2
    assert list(OutboxJob.objects.all()) == [waiting] and FormSubmission.objects.count() == 1
