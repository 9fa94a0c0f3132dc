"""Issue 14 defect 5: a damaged index never takes a worker down.

A compound segment is truncated under a live gunicorn (deploy/gunicorn.conf.py) whose workers
already hold the index open: with mmap reads that killed each worker with SIGBUS on its next
search. Now /search/ and /api/search/ answer 200 from the database, the same workers are alive
afterwards, operations see one alert in 失败的后台任务, and the repair job rebuilds the index.
Runs on SQLite (the embedded default); no PostgreSQL or Redis needed.
"""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from deploy.services_http import Browser
from portal.ops.models import FailedTask
from portal.search import engines, health, service, store
from portal.search.build import rebuild
from portal.search.reconcile import reconcile
from tests.search.corpus import make_corpus
from tests.services import free_port, port_open, subprocess_database_url

pytestmark = pytest.mark.whoosh_engine

WORKERS = 2


def truncate_a_segment(index_dir) -> Path:
    segments = sorted(Path(os.path.realpath(index_dir)).glob("*.seg"), key=lambda p: p.stat().st_size)
    target = segments[-1]
    with open(target, "r+b") as handle:
        handle.truncate(target.stat().st_size // 3)
    return target


def worker_pids(master: subprocess.Popen) -> set[int]:
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    return {int(pid) for pid in children}


@pytest.fixture
def gunicorn(search_index, transactional_db):
    port = free_port()
    base = Path(settings.BASE_DIR)
    env = {**os.environ, "DATABASE_URL": subprocess_database_url(), "SEARCH_INDEX_DIR": str(search_index),
           "SEARCH_ENGINE": settings.SEARCH_ENGINE, "DJANGO_SETTINGS_MODULE": "portal.settings", "PYTHONPATH": str(base), "DEBUG": "0",
           "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(WORKERS), "GUNICORN_ACCESSLOG": "",
           "GUNICORN_LOGLEVEL": "warning", "ALLOWED_HOSTS": "127.0.0.1,localhost"}
    env.pop("REDIS_URL", None)
    proc = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "-c", "deploy/gunicorn.conf.py"],
                            cwd=base, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while not port_open("127.0.0.1", port):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("gunicorn 未能启动：" + proc.stdout.read().decode(errors="replace")[-3000:])
        time.sleep(0.2)
    try:
        yield proc, Browser(f"http://127.0.0.1:{port}")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def test_truncated_segment_under_live_gunicorn(gunicorn, search_index):
    proc, browser = gunicorn
    docs = make_corpus()
    rebuild()
    pension = docs["pension"].get_absolute_url()
    # Every worker opens (and caches) a searcher on the whole index first.
    for _ in range(WORKERS * 4):
        page = browser.get("/search/", {"q": "养老金"})
        assert page.status == 200 and pension in page.text
    before = worker_pids(proc)
    assert len(before) == WORKERS

    truncate_a_segment(search_index)
    for query in ("养老金", "公积金", "驾驶证", "营商环境"):
        for _ in range(WORKERS):
            assert browser.get("/search/", {"q": query}).status == 200
            assert browser.get("/api/search/", {"q": query}).status == 200
    page = browser.get("/search/", {"q": "养老金"})
    assert page.status == 200 and pension in page.text  # from the database
    assert browser.get_json("/api/search/", {"q": "养老金"})["count"] >= 1

    assert proc.poll() is None and worker_pids(proc) == before  # no worker died or was replaced
    alerts = FailedTask.objects.filter(task_name=health.REPAIR_TASK, resolved_at__isnull=True)
    assert alerts.count() == 1 and "长度不符" in alerts.get().message

    assert reconcile(fix=True).rebuilt  # what the 5-minute job and the nightly reconcile do
    assert not FailedTask.objects.filter(task_name=health.REPAIR_TASK, resolved_at__isnull=True).exists()
    found = browser.get_json("/api/search/", {"q": "养老金"})
    assert found["count"] >= 1
    assert not service.search("养老金", log=False).fallback  # the index answers again


def test_damage_found_in_process_falls_back_and_is_repaired(db, search_index):
    docs = make_corpus()
    rebuild()
    assert not service.search("公积金", log=False).fallback  # caches this thread's searcher
    truncate_a_segment(search_index)
    with pytest.raises(store.IndexDamaged):
        store.verify(search_index)
    results = service.search("公积金", log=False)
    assert results.fallback and docs["provident"] in results.objects
    service.search("驾驶证", log=False)
    assert FailedTask.objects.filter(task_name=health.REPAIR_TASK, resolved_at__isnull=True).count() == 1
    from portal.search.tasks import repair_damaged_index

    assert repair_damaged_index.delay().get() is True
    assert not engines.current().damaged()
    assert not service.search("公积金", log=False).fallback
