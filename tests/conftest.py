import shutil
import tempfile

import pytest
from django.conf import settings
from haystack import connections

from portal.celery import app as celery_app
from tests.factories import DepartmentFactory, official
from portal.models import Role


ENGINES = ["whoosh", "postgres"]


def pytest_generate_tests(metafunc):
    """Tests marked `both_engines` run once per search engine; those marked `whoosh_engine` test
    the Whoosh engine's own files and code and run with it whatever SEARCH_ENGINE says; the rest
    use SEARCH_ENGINE (whoosh unless set)."""
    if metafunc.definition.get_closest_marker("both_engines"):
        metafunc.parametrize("search_engine", ENGINES, indirect=True)
    elif metafunc.definition.get_closest_marker("whoosh_engine"):
        metafunc.parametrize("search_engine", ["whoosh"], indirect=True)


@pytest.fixture
def search_engine(request, settings):
    """The engine of this test: whoosh unless parametrised; postgres needs a PostgreSQL
    database (DATABASE_URL), skipped without it locally, required in CI."""
    name = getattr(request, "param", settings.SEARCH_ENGINE)
    if name == "postgres":
        from tests.services import need_postgres

        request.getfixturevalue("db")
        need_postgres()
    return name


@pytest.fixture(autouse=True)
def search_index(settings, tmp_path, search_engine):
    """A fresh, empty index per test, so tests never see each other's documents: a Whoosh
    directory of its own, or (postgres) the test database's table, emptied by its rollback."""
    path = tmp_path / "whoosh"
    settings.SEARCH_ENGINE = search_engine
    settings.HAYSTACK_CONNECTIONS = {"default": {**settings.SEARCH_ENGINES[search_engine], "PATH": str(path)}}
    settings.SEARCH_INDEX_DIR = path
    # haystack takes each connection's ENGINE from the dict it was started with.
    started_with = connections.connections_info
    connections.connections_info = settings.HAYSTACK_CONNECTIONS
    connections.reload("default")
    yield path
    connections.connections_info = started_with
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
