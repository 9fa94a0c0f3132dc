"""Issue 8, faults: Redis or the worker down while officials publish — nothing is lost.

A Redis of this test's own (not the shared one) is started and stopped for real, with a real
`celery worker`; officials publish through the admin like in a browser. While Redis is down the
save succeeds and the index update is recorded in PendingIndexUpdate; once Redis is back the
beat job's drain task (run by the worker) brings it to the index, and `manage.py search_reconcile`
finds and fixes whatever changed in the index behind the portal's back.
"""
import io
import time
import uuid

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from haystack import connections

from policies.models import PolicyDocument
from portal.cache import ResilientRedisCacheClient
from portal.models import PublishStatus
from portal.search import service
from portal.search.engines import rebuild
from portal.search.models import PendingIndexUpdate
from portal.search.reconcile import reconcile
from portal.search.tasks import drain_pending_updates
from tests.factories import PolicyFactory
from tests.policies.test_qa import admin_form_data, login
from tests.services import CeleryVia, RedisServer, need_postgres, need_redis_server, start_worker, stop_worker


LABEL = "policies.PolicyDocument"
SLOW_SAVE_SECONDS = 5  # an official's save may not hang on the dead broker


@pytest.fixture
def redis_server(tmp_path, settings):
    need_postgres()
    need_redis_server()
    server = RedisServer(tmp_path)
    server.start()
    queue = f"search-outage-{uuid.uuid4().hex[:8]}"
    # Production's layout: broker, result backend and Django's cache all in the Redis that stops.
    settings.CACHES = {"default": {"BACKEND": "portal.cache.ResilientRedisCache", "LOCATION": server.url,
                                   "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}}
    try:
        with CeleryVia(server.url, queue):
            yield server, queue
    finally:
        server.stop()
        ResilientRedisCacheClient._down_until = 0.0  # the next test's cache is up: no pause left over


def ids(query):
    return [item.obj.pk for item in service.search(query, log=False).items]


def wait_for(check, what, worker, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if worker is not None and worker.poll() is not None:
            pytest.fail(f"Celery worker 退出（等待{what}）：" + stop_worker(worker))
        if check():
            return
        time.sleep(0.3)
    output = stop_worker(worker) if worker is not None else ""
    pytest.fail(f"{seconds} 秒内未等到{what}\n{output}")


def publish_in_admin(client, policy, title):
    """An official edits the title and presses 发布 on the change form."""
    url = reverse("admin:policies_policydocument_change", args=[policy.pk])
    data = {**admin_form_data(client.get(url)), "title": title, "_transition": PublishStatus.PUBLISHED}
    started = time.monotonic()
    response = client.post(url, data)
    return response, time.monotonic() - started


def run_reconcile(*args) -> str:
    out = io.StringIO()
    call_command("search_reconcile", *args, stdout=out)
    return out.getvalue()


def pending_pks():
    return sorted(PendingIndexUpdate.objects.filter(model_label=LABEL).values_list("object_pk", flat=True))


@pytest.mark.services
@pytest.mark.django_db(transaction=True)  # the worker reads committed rows
def test_redis_outage_loses_no_index_update(redis_server, search_index, client, reviewer, department):
    redis, queue = redis_server
    rebuild()  # empty: every entry below must come from the worker or the drain, not a rebuild
    worker = start_worker(redis_url=redis.url, queue=queue, index_dir=search_index)
    try:
        login(client, reviewer)
        first = PolicyFactory(issuer=department, title="草稿一", status=PublishStatus.PENDING)
        response, _ = publish_in_admin(client, first, "关于开展城乡居民医保集中参保工作的通知")
        assert response.status_code == 302
        wait_for(lambda: ids("集中参保") == [first.pk], "工作进程把第一份文件写入索引", worker)

        redis.stop()
        second = PolicyFactory(issuer=department, title="草稿二", status=PublishStatus.PENDING)
        response, seconds = publish_in_admin(client, second, "关于做好高校毕业生就业补贴申领工作的通知")
        assert response.status_code == 302 and seconds < SLOW_SAVE_SECONDS, seconds
        second.refresh_from_db()
        assert second.status == PublishStatus.PUBLISHED
        visitor = Client()
        page = visitor.get(second.get_absolute_url())
        assert page.status_code == 200 and "高校毕业生就业补贴" in page.content.decode()
        assert pending_pks() == [str(second.pk)]  # recorded, not lost
        results = visitor.get("/search/", {"q": "集中参保"})
        assert results.status_code == 200 and first.get_absolute_url() in results.content.decode()
        assert visitor.get("/api/search/", {"q": "就业补贴"}).status_code == 200

        redis.start()  # same port: the worker reconnects by itself
        drain_pending_updates.apply_async()  # what beat sends every 5 minutes
        wait_for(lambda: ids("就业补贴") == [second.pk] and not pending_pks(), "恢复后待同步更新进入索引", worker)
        assert ids("集中参保") == [first.pk]
    finally:
        output = stop_worker(worker)
    assert "Traceback" not in output, output


def test_reconcile_reports_and_fixes_changes_made_behind_the_portals_back(db):
    kept, dropped, renamed = (PolicyFactory(title=title) for title in (
        "关于公布养老服务机构名录的通知", "关于调整最低生活保障标准的通知", "关于实施农机购置补贴的通知"))
    withdrawn = PolicyFactory(title="关于废止部分规范性文件的决定", status=PublishStatus.WITHDRAWN)
    rebuild()
    engine = connections["default"].get_backend()
    index = connections["default"].get_unified_index().get_index(PolicyDocument)
    engine.remove(dropped)  # an entry lost
    renamed.title = "关于实施旧版农机补贴的通知"  # indexed content that is not in the database
    engine.update(index, [renamed])
    engine.update(index, [withdrawn])  # a withdrawn document in the index
    renamed.refresh_from_db()

    report = run_reconcile("--dry-run")
    assert "缺失 1 条，内容过期 1 条，多余 1 条" in report
    for kind, doc in (("缺失", dropped), ("过期", renamed), ("多余", withdrawn)):
        assert f"{kind}：{LABEL} #{doc.pk}" in report
    assert "#" + str(kept.pk) not in report
    assert run_reconcile("--dry-run") == report  # a dry run changes nothing

    assert "差异已修复" in run_reconcile()
    assert ids("最低生活保障") == [dropped.pk] and ids("废止") == [] and ids("旧版") == []
    assert ids("农机购置补贴") == [renamed.pk] and ids("养老服务机构") == [kept.pk]
    assert reconcile(fix=False).differences == 0


@pytest.mark.services
@pytest.mark.django_db(transaction=True)  # the worker reads committed rows
def test_queued_update_waits_for_a_worker(redis_server, search_index, client, reviewer, department):
    redis, queue = redis_server
    rebuild()
    login(client, reviewer)
    doc = PolicyFactory(issuer=department, title="草稿", status=PublishStatus.PENDING)
    response, seconds = publish_in_admin(client, doc, "关于开展学前教育资助工作的通知")
    assert response.status_code == 302 and seconds < SLOW_SAVE_SECONDS
    # No worker: the tasks (this save's and the draft's creation) wait in the broker's queue;
    # nothing is recorded as failed, nothing indexed yet.
    assert redis.client().llen(queue) == 2 and not pending_pks()
    assert ids("学前教育资助") == []
    worker = start_worker(redis_url=redis.url, queue=queue, index_dir=search_index)
    try:
        wait_for(lambda: ids("学前教育资助") == [doc.pk], "后启动的工作进程处理排队的更新", worker)
    finally:
        stop_worker(worker)
