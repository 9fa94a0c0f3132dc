"""The list's totals and facet counts are cached (portal/cache_versions.py), yet a publication,
withdrawal, edit, deletion or import shows at once."""
import json
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from policies import selectors
from policies.models import PolicyDocument
from portal import publishing
from portal.models import PublishStatus, Role
from tests.factories import DepartmentFactory, PolicyFactory, official

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "list-cache"}}
    cache.clear()


@pytest.fixture(autouse=True)
def dates_in_2023():
    """The factory's issued_date walks a day per document: restart it, so that the year filters
    below find these documents in 2023 whichever tests ran before."""
    PolicyFactory.reset_sequence()


@pytest.fixture
def issuer():
    return DepartmentFactory(name="湖南省民政厅")


def facet_count(client, label="湖南省民政厅", url="/policies/") -> int:
    """The number the page shows next to a facet value (0 when absent)."""
    match = re.search(re.escape(label) + r' <span class="count">\((\d+)\)</span>', client.get(url).content.decode())
    return int(match.group(1)) if match else 0


def issuer_count(client, name="湖南省民政厅", url="/policies/") -> int:
    return facet_count(client, name, url)


def total(client, url="/policies/") -> int:
    return int(re.search(r"共 (\d+) 件文件", client.get(url).content.decode()).group(1))


@pytest.mark.parametrize("url", ["/policies/", "/policies/?year=2023&page=2"])
def test_second_visit_takes_totals_and_facets_from_the_cache(client, issuer, url):
    PolicyFactory.create_batch(23, issuer=issuer)
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    html = response.content.decode()
    assert "湖南省民政厅 <span class=\"count\">(23)</span>" in html and "共 23 件文件" in html
    counted = [q["sql"] for q in ctx.captured_queries if "GROUP BY" in q["sql"] or "COUNT(" in q["sql"]]
    assert not counted, f"counted again: {counted}"


def test_publishing_shows_in_counts_and_list_at_once(client, issuer, django_capture_on_commit_callbacks):
    PolicyFactory.create_batch(2, issuer=issuer)
    draft = PolicyFactory(issuer=issuer, title="关于提高高龄津贴标准的通知", status=PublishStatus.PENDING)
    assert (issuer_count(client), total(client)) == (2, 2)
    assert issuer_count(client, url="/policies/?year=2023") == 2

    reviewer = official(Role.REVIEWER, issuer)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.transition(obj=draft, to=PublishStatus.PUBLISHED, actor=reviewer)

    assert (issuer_count(client), total(client)) == (3, 3)
    assert issuer_count(client, url="/policies/?year=2023") == 3
    assert "关于提高高龄津贴标准的通知" in client.get("/policies/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        publishing.transition(obj=draft, to=PublishStatus.WITHDRAWN, actor=reviewer)
    assert (issuer_count(client), total(client)) == (2, 2)
    assert "关于提高高龄津贴标准的通知" not in client.get("/policies/").content.decode()


def test_editing_and_deleting_show_at_once(client, issuer):
    policy = PolicyFactory(issuer=issuer, topic="民政、扶贫、救灾")
    PolicyFactory(issuer=issuer)
    topics = lambda: (facet_count(client, "综合政务"), facet_count(client, "民政、扶贫、救灾"))  # noqa: E731
    assert topics() == (1, 1)

    policy.topic = "综合政务"
    policy.save()
    assert topics() == (2, 0)

    policy.delete()
    assert topics() == (1, 0)


def test_renaming_an_issuer_renames_its_facet(client, issuer):
    PolicyFactory(issuer=issuer)
    assert issuer_count(client) == 1
    issuer.name = "湖南省民政厅（新）"
    issuer.save()
    assert issuer_count(client, "湖南省民政厅（新）") == 1
    assert issuer_count(client) == 0


def test_an_import_shows_at_once(client, issuer, tmp_path):
    PolicyFactory(issuer=issuer)
    assert issuer_count(client) == 1
    record = {"title": "关于调整城乡低保标准的通知", "issuer": "湖南省民政厅", "doc_number": "湘民发〔2024〕3号",
              "issued_date": "2024-02-20", "published_date": "2024-03-01", "body": "为保障困难群众基本生活，现就调整城乡低保标准通知如下。",
              "topic": "民政、扶贫、救灾"}
    source = tmp_path / "policies.jsonl"
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    call_command("import_policies", str(source), "--publish", "--no-index", "--no-progress")

    assert PolicyDocument.objects.public().filter(title=record["title"]).exists(), "the record was not imported"
    assert issuer_count(client) == 2
    assert issuer_count(client, url="/policies/?year=2024") == 1


def test_filter_values_of_any_text_are_safe_cache_keys(client, issuer):
    PolicyFactory(issuer=issuer)
    for value in ["a b\n", "x" * 300, "湖南省民政厅", "%00"]:
        assert client.get("/policies/", {"issuer": value}).status_code == 200


def test_counts_are_still_right_while_the_cache_is_down(issuer, settings):
    # (Other parts of the page, e.g. site settings, need the cache themselves; this is the counts' share.)
    PolicyFactory(issuer=issuer)
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/0"}}
    summary = selectors.policy_list_summary(selectors.PolicyFilters())
    assert summary.count == 1 and summary.facets["issuer"][0]["count"] == 1
    PolicyFactory(issuer=issuer)  # the bump fails quietly
    assert selectors.policy_list_summary(selectors.PolicyFilters()).count == 2


def test_the_elder_zone_total_follows_publishing_at_once(client, issuer):
    PolicyFactory(issuer=issuer, topic="民政、扶贫、救灾")
    elder_total = lambda: client.get("/elder/policies/").context["page"].paginator.count  # noqa: E731
    assert elder_total() == 1
    with CaptureQueriesContext(connection) as ctx:
        assert elder_total() == 1
    assert not [q for q in ctx.captured_queries if "COUNT(" in q["sql"]], "counted again"
    PolicyFactory(issuer=issuer, for_elders=True, topic="综合政务")
    assert elder_total() == 2
