import shutil
import tempfile

import pytest
from django.conf import settings
from haystack import connections

from portal.celery import app as celery_app
from tests.factories import DepartmentFactory, official
from portal.models import Role


@pytest.fixture(autouse=True)
def search_index(settings, tmp_path):
    """A fresh, empty Whoosh index per test, so tests never see each other's documents."""
    path = tmp_path / "whoosh"
    settings.HAYSTACK_CONNECTIONS = {"default": {**settings.HAYSTACK_CONNECTIONS["default"], "PATH": str(path)}}
    settings.SEARCH_INDEX_DIR = path
    connections.reload("default")
    yield path
    connections.reload("default")


@pytest.fixture(autouse=True)
def eager_tasks():
    """Tasks run in-process unless a test starts a real worker (see tests/portal/test_worker.py)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing with the production hasher costs ~1 s per official created; tests need no strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def department(db):
    return DepartmentFactory(name="湖南省财政厅", code="430000-02")


@pytest.fixture
def other_department(db):
    return DepartmentFactory(name="湖南省民政厅", code="430000-04")


@pytest.fixture
def editor(department):
    return official(Role.EDITOR, department)


@pytest.fixture
def reviewer(department):
    return official(Role.REVIEWER, department)


@pytest.fixture
def office(db):
    return official(Role.OFFICE, DepartmentFactory(name="湖南省人民政府办公厅", code="430000-01"))
