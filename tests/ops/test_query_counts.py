"""Pages under load: the number of SQL queries does not grow with the amount of data."""
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import DepartmentFactory, PolicyFactory

PAGES = ["/", "/policies/", "/policies/?year=2023&page=2", "/policies/?topic=综合政务&doc_type=normative", "DETAIL",
         "/search/?q=政务公开", "/api/search/?q=政务公开", "/elder/", "/elder/policies/"]


def add_policies(count, departments):
    made = [PolicyFactory(issuer=departments[i % len(departments)], title=f"关于第{i}批政务公开重点工作的通知",
                          topic="综合政务", subtopic="政务公开") for i in range(count)]
    call_command("rebuild_index", interactive=False, verbosity=0)  # search pages then list real hits
    return made


def queries(client, url) -> int:
    client.get(url)  # warm: per-process caches (site settings, dictionary) are not per-request work
    cache.clear()
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    if "q=" in url:
        assert "重点工作的通知" in response.content.decode(), f"{url} found nothing: the check would be empty"
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_data(client):
    departments = [DepartmentFactory() for _ in range(3)]
    detail = add_policies(6, departments)[0].get_absolute_url()
    small = {page: queries(client, detail if page == "DETAIL" else page) for page in PAGES}

    more_departments = departments + [DepartmentFactory() for _ in range(4)]
    add_policies(40, more_departments)
    large = {page: queries(client, detail if page == "DETAIL" else page) for page in PAGES}

    grown = {page: (small[page], large[page]) for page in PAGES if large[page] > small[page]}
    assert not grown, f"queries per page grew with the data (before, after): {grown}"
