"""With Redis present: a real `celery -A portal worker` process indexes a published document."""
import time
import uuid

import pytest

from portal.models import PublishStatus
from portal.publishing import transition
from portal.search import service
from portal.search.engines import rebuild
from tests.factories import PolicyFactory
from tests.services import CeleryVia, need_redis, start_worker, stop_worker


@pytest.fixture
def worker(search_index):
    redis_url = need_redis()
    queue = f"search-test-{uuid.uuid4().hex[:8]}"  # never shared with another run's worker
    proc = start_worker(redis_url=redis_url, queue=queue, index_dir=search_index)
    try:
        with CeleryVia(redis_url, queue):
            yield proc
    finally:
        stop_worker(proc)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
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
        pytest.fail("Celery worker 退出：" + stop_worker(worker))
    assert found == [doc]
