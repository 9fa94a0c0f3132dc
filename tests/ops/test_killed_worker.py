"""A gunicorn worker SIGKILLed after the letter committed, before its answer left: the writer's
browser sends the same POST again and gets the first receipt; there is one letter and one notice."""
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from deploy.services_http import Browser
from openinfo.models import Letter
from openinfo.models.common import check_query_code
from portal.ops.models import OutboxJob
from tests.openinfo.helpers import solved
from tests.services import free_port, port_open, subprocess_database_url

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

WRITE = "/openinfo/letters/write/"


@pytest.fixture
def server(tmp_path):
    """gunicorn (one sync worker) serving tests/ops/kill_after_commit_wsgi.py on the test database."""
    base = Path(settings.BASE_DIR)
    port = free_port()
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "portal.settings", "PYTHONPATH": str(base),
           "DATABASE_URL": subprocess_database_url(), "SECRET_KEY": settings.SECRET_KEY,
           "SEARCH_INDEX_DIR": str(tmp_path / "index"), "MEDIA_ROOT": str(tmp_path / "media")}
    log = (tmp_path / "gunicorn.log").open("wb")
    proc = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "tests.ops.kill_after_commit_wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "60", "--preload"],
        cwd=base, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while not port_open("127.0.0.1", port):
        if proc.poll() is not None or time.monotonic() > deadline:
            pytest.fail("gunicorn 未能启动：" + (tmp_path / "gunicorn.log").read_text(errors="replace")[-2000:])
        time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}", tmp_path / "gunicorn.log"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def test_a_post_whose_worker_died_after_commit_is_retried_into_the_same_receipt(server, department):
    base, log = server
    browser = Browser(base)
    page = browser.get(WRITE).text
    fields = {"kind": "help", "department": department.pk, "subject": "求助：低保申请", "content": "如何申请低保？",
              "name": "周某", "phone": "13912345678", "email": "zhou@example.cn", **solved(page),
              "submission_key": re.search(r'name="submission_key" value="([^"]+)"', page).group(1)}
    time.sleep(3.1)  # the form's minimum fill-in time (portal.antispam), as a person takes it

    browser.opener.addheaders = [("X-Test-Kill-After-Commit", "1")]
    with pytest.raises(ConnectionError):  # the connection dies without an answer
        browser.post(WRITE, fields)
    browser.opener.addheaders = []
    letter = Letter.objects.get()  # committed before the worker died

    retried = browser.post(WRITE, fields)  # the browser's retry (the master has started a new worker)
    assert retried.status == 302
    assert log.read_text(errors="replace").count("Booting worker") == 2  # the first one really died
    receipt = browser.get(retried.location).text
    assert Letter.objects.count() == 1
    assert letter.tracking_number in receipt
    assert any(check_query_code(code, letter.query_code_hash) for code in re.findall(r"\b\d{10}\b", receipt))
    job = OutboxJob.objects.get()  # the acknowledgement e-mail: one job, run once
    assert job.state == OutboxJob.State.DONE and job.attempts == 1 and letter.tracking_number in job.args[1]
