"""The engine seam: SEARCH_ENGINE picks the engine, each answers from its own index (never the
database fallback), and the PostgreSQL engine's index is one table every host reads."""
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from policies.models import PolicyDocument
from portal.models import PublishStatus
from portal.search import engines, service
from portal.search.engines import rebuild
from tests.factories import PolicyFactory


@pytest.mark.both_engines
def test_the_chosen_engine_answers_from_its_index(corpus, search_engine):
    assert engines.current().name == search_engine
    results = service.search("驾驶证", with_counts=True, log=False)
    assert not results.fallback
    assert results.items[0].obj.pk == corpus["driving"].pk


@pytest.mark.both_engines
def test_state_changes_with_every_committed_change(db, django_capture_on_commit_callbacks):
    rebuild()
    before = engines.current().state()
    with django_capture_on_commit_callbacks(execute=True):
        doc = PolicyFactory(title="关于开展候鸟保护专项行动的通知")
    after = engines.current().state()
    assert after != before
    assert [item.obj.pk for item in service.search("候鸟保护", log=False).items] == [doc.pk]


def _check(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", "check"], cwd=settings.BASE_DIR, capture_output=True,
                          text=True, env={**os.environ, **env}, timeout=120)


def test_postgres_engine_without_a_postgresql_database_stops_at_startup(tmp_path):
    done = _check({"SEARCH_ENGINE": "postgres", "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"})
    assert done.returncode != 0
    assert "SEARCH_ENGINE=postgres 需要 PostgreSQL 数据库" in done.stderr
    done = _check({"SEARCH_ENGINE": "elastic"})
    assert done.returncode != 0 and "SEARCH_ENGINE 只能是 whoosh / postgres" in done.stderr


@pytest.mark.parametrize("search_engine", ["postgres"], indirect=True)
def test_postgres_index_is_ranked_by_rum_and_rebuild_drops_what_is_not_public(corpus, search_engine):
    from portal.search.models import SearchDocument

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_document_vector'")
        assert "USING rum" in cursor.fetchone()[0]  # postgresql-15-rum is installed here and in CI
    public = PolicyDocument.objects.public().count()
    assert SearchDocument.objects.filter(django_ct="policies.policydocument").count() == public
    PolicyDocument.objects.filter(pk=corpus["school"].pk).update(status=PublishStatus.WITHDRAWN)  # no signal
    rebuild()
    assert not SearchDocument.objects.filter(object_id=str(corpus["school"].pk),
                                             django_ct="policies.policydocument").exists()
    row = SearchDocument.objects.get(object_id=str(corpus["driving"].pk), django_ct="policies.policydocument")
    assert row.title == corpus["driving"].title and row.text  # the plain text snippets come from


@pytest.mark.parametrize("search_engine", ["postgres"], indirect=True)
def test_without_rum_a_gin_index_gives_the_same_answers(corpus, search_engine, monkeypatch):
    from portal.search import pgengine

    queries = ["驾驶证", "养老金 调整", '"营商环境"', "gjj", "湘政发〔2024〕5号"]

    def answers():
        return [([item.obj.pk for item in r.items], r.count)
                for r in (service.search(q, with_counts=True, log=False) for q in queries)]

    with_rum = answers()
    monkeypatch.setattr(pgengine, "_has_rum", lambda alias: False)  # as on a server without the extension
    assert answers() == with_rum
