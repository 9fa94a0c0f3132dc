"""Redis (broker and cache) stopped for real while citizens submit the six public forms.

Each form still answers with its receipt, the row and its outbox jobs are saved; when Redis is back,
the drain (what beat runs every minute) sends every notice exactly once. A redis-server of this
test's own is stopped; the shared one is not touched.
"""
import logging

import pytest
from django.core import mail

from portal.cache import ResilientRedisCacheClient
from portal.ops import outbox
from portal.ops.models import OutboxJob
from tests.services import CeleryVia, reset_celery_producers

from .public_forms import six_forms

pytestmark = [pytest.mark.services, pytest.mark.django_db]


@pytest.fixture
def redis(redis_cache):
    """Production's wiring against a Redis of our own: the cache and the Celery broker (not eager)."""
    with CeleryVia(redis_cache.url, "search"):
        yield redis_cache


def test_every_public_form_keeps_its_receipt_and_its_notice_while_redis_is_down(
        redis, client, department, settings, caplog, django_capture_on_commit_callbacks):
    settings.ANTISPAM_MIN_SECONDS = 0
    forms = six_forms(department)

    # While Redis is up the job really goes to the broker (no worker here takes it).
    with django_capture_on_commit_callbacks(execute=True):
        forms[0].assert_receipt(forms[0].post(client, forms[0].filled(forms[0].page(client))))
    assert redis.client().llen("default") == 1 and mail.outbox == []

    redis.stop()
    with caplog.at_level(logging.WARNING, logger="portal.ops.outbox"):
        for form in forms[1:]:
            with django_capture_on_commit_callbacks(execute=True):
                form.assert_receipt(form.post(client, form.filled(form.page(client))))  # 200, number + 查询码
    # The letter's e-mail, the registration's SMS and e-mail, the elder letter's e-mail: logged, not raised.
    assert caplog.text.count("暂未能送入队列") == 4
    for form in forms:
        assert form.rows().count() == 1, form.name
    waiting = OutboxJob.objects.filter(state=OutboxJob.State.PENDING)
    notices = sum(form.emails for form in forms) + 1  # + the registration's SMS
    assert waiting.count() == notices
    assert mail.outbox == []

    redis.start()
    reset_celery_producers()
    ResilientRedisCacheClient._down_until = 0.0
    assert outbox.drain() == notices  # what beat runs every minute
    assert not waiting.exists()
    assert outbox.drain() == 0  # the next minute: nothing left, nothing sent again
    # The message queued before the outage reaches a worker late: the job is done, nothing is sent.
    outbox.run_job.apply((OutboxJob.objects.order_by("pk").first().pk,))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        ["wang@example.cn", "zhou@example.cn", "wxm@example.cn", "zhang@example.cn"])
