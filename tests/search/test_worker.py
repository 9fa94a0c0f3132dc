"""With Redis present: a real `celery -A portal worker` process indexes a published document."""
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import kombu.pools
import pytest
from django.conf import settings
from django.db import connection

from portal.celery import app as celery_app
from portal.models import PublishStatus
from portal.publishing import transition
from portal.search import service
from portal.search.build import rebuild
from tests.factories import PolicyFactory
from tests.services import need_redis

BASE_DIR = Path(settings.BASE_DIR)


def database_url() -> str:
    conf = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{conf['NAME']}"
    user = quote(conf.get("USER") or "")
    password = quote(conf.get("PASSWORD") or "")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return f"postgresql://{auth}{conf.get('HOST') or 'localhost'}:{conf.get('PORT') or 5432}/{conf['NAME']}"


def reset_producers() -> None:
    """Forget cached broker connections, so the next send uses the broker configured now."""
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    amqp = celery_app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None
    # kombu keeps its own registry of producer pools per broker URL; without clearing it the
    # next send (even an eager one) gets the pool closed above: "Acquire on closed pool".
    kombu.pools.reset()


@pytest.fixture
def worker(search_index):
    redis_url = need_redis()
    queue = f"search-test-{uuid.uuid4().hex[:8]}"  # never shared with another run's worker
    env = {**os.environ, "REDIS_URL": redis_url, "DATABASE_URL": database_url(),
           "SEARCH_INDEX_DIR": str(search_index), "DJANGO_SETTINGS_MODULE": "portal.settings",
           "PYTHONPATH": str(BASE_DIR)}
    celery = Path(sys.executable).with_name("celery")
    proc = subprocess.Popen(
        [str(celery), "-A", "portal", "worker", "-Q", queue, "--pool", "solo", "-c", "1", "-l", "WARNING",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"{queue}@%h"],
        cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    saved = {key: celery_app.conf.get(key) for key in ("task_always_eager", "broker_url", "task_routes")}
    celery_app.conf.update(task_always_eager=False, broker_url=redis_url,
                           task_routes={"portal.search.tasks.*": {"queue": queue}})
    reset_producers()
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        celery_app.conf.update(**saved)
        reset_producers()


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_real_worker_indexes_a_published_document(worker, reviewer):
    rebuild()  # an empty index, so the worker's update (not a rebuild) must bring the document
    doc = PolicyFactory(title="关于开展政务公开进社区活动的通知", status=PublishStatus.DRAFT,
                        issuer=reviewer.department, department=reviewer.department)
    transition(obj=doc, to=PublishStatus.PUBLISHED, actor=reviewer)  # commits, then queues
    deadline = time.monotonic() + 25
    found = []
    while time.monotonic() < deadline and worker.poll() is None:
        found = service.search("政务公开进社区", log=False).objects
        if found:
            break
        time.sleep(0.3)
    if worker.poll() is not None:
        pytest.fail("Celery worker 退出：" + worker.stdout.read().decode(errors="replace")[-2000:])
    assert found == [doc]
