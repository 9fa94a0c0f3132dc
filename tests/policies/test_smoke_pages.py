"""Public policy pages: what the public sees, what officials preview, and what it costs in SQL."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from policies.models import Validity
from portal import publishing
from portal.models import PublishStatus
from tests.factories import PolicyFactory

pytestmark = pytest.mark.django_db

LIST_QUERY_LIMIT = 12  # 8 today (session, facets, page, count); room for a widget, not for N+1
DETAIL_QUERY_LIMIT = 16  # 9 today (document, co-issuers, attachments, related, 看·问·办)


@pytest.fixture
def login(client):
    """Log an official in. Reload first: the factory's password hash is not the one saved
    (tests/factories.py UserFactory with_role), and a stale hash makes the session anonymous."""

    def _login(user):
        user.refresh_from_db()
        client.force_login(user)
        return client

    return _login


def test_list_shows_only_published_newest_first(client):
    old = PolicyFactory(title="旧的文件", issued_date=dt.date(2020, 1, 1))
    new = PolicyFactory(title="新的文件", issued_date=dt.date(2024, 1, 1))
    PolicyFactory(title="草稿文件", status=PublishStatus.DRAFT)
    PolicyFactory(title="待审核文件", status=PublishStatus.PENDING)
    PolicyFactory(title="已撤回文件", status=PublishStatus.WITHDRAWN)
    html = client.get(reverse("policies:list")).content.decode()
    assert html.index(new.title) < html.index(old.title)
    for hidden in ("草稿文件", "待审核文件", "已撤回文件"):
        assert hidden not in html


@pytest.mark.parametrize("status", [PublishStatus.DRAFT, PublishStatus.PENDING, PublishStatus.WITHDRAWN])
def test_unpublished_detail_is_404_for_the_public(client, status):
    assert client.get(PolicyFactory(status=status).get_absolute_url()).status_code == 404


def test_withdrawn_document_disappears_from_list_and_detail(client, department, reviewer):
    policy = PolicyFactory(issuer=department, title="将被撤回的文件")
    assert client.get(policy.get_absolute_url()).status_code == 200
    publishing.transition(obj=policy, to=PublishStatus.WITHDRAWN, actor=reviewer)
    assert "将被撤回的文件" not in client.get(reverse("policies:list")).content.decode()
    assert client.get(policy.get_absolute_url()).status_code == 404


def test_officials_preview_their_own_drafts_only(client, login, department, editor, other_department):
    draft = PolicyFactory(issuer=department, status=PublishStatus.DRAFT, title="财政厅草稿")
    login(editor)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "预览" in response.content.decode() and "公众尚不可见" in response.content.decode()
    assert "财政厅草稿" not in client.get(reverse("policies:list")).content.decode()
    foreign = PolicyFactory(issuer=other_department, status=PublishStatus.DRAFT)
    assert client.get(foreign.get_absolute_url()).status_code == 404


def test_old_document_names_its_replacement_and_the_new_one_links_back(client, department):
    new = PolicyFactory(issuer=department, title="2024年修订的办法")
    old = PolicyFactory(issuer=department, title="2019年的办法", validity=Validity.REPEALED, superseded_by=new)
    old_page = client.get(old.get_absolute_url()).content.decode()
    assert "本文件已废止" in old_page and new.get_absolute_url() in old_page
    new_page = client.get(new.get_absolute_url()).content.decode()
    assert "本文件替代" in new_page and old.get_absolute_url() in new_page


def test_detail_shows_the_gov_cn_metadata_table(client, department):
    policy = PolicyFactory(issuer=department, doc_number="湘财预〔2024〕7号", index_number="430000-02/2024-00007",
                           topic="财政、金融、审计", subtopic="财政", written_date=dt.date(2024, 3, 25),
                           issued_date=dt.date(2024, 3, 29))
    html = client.get(policy.get_absolute_url()).content.decode()
    for text in ("430000-02/2024-00007", "湘财预〔2024〕7号", "财政、金融、审计\\财政", "2024年3月25日", "2024年3月29日",
                 department.name, "行政规范性文件", "有效"):
        assert text in html


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _library(count: int, department):
    return [PolicyFactory(issuer=department, topic="综合政务", keywords="政务公开,主题日") for _ in range(count)]


def test_list_query_count_is_bounded_and_flat(client, department, django_assert_max_num_queries):
    _library(5, department)
    few = _queries(client, reverse("policies:list"))
    _library(45, department)
    with django_assert_max_num_queries(LIST_QUERY_LIMIT):
        many = _queries(client, reverse("policies:list"))
    assert many == few
    assert _queries(client, reverse("policies:list") + "?page=2&topic=综合政务") <= LIST_QUERY_LIMIT


def test_detail_query_count_is_bounded_and_flat(client, department, django_assert_max_num_queries):
    first = _library(5, department)[0]
    few = _queries(client, first.get_absolute_url())
    _library(45, department)
    with django_assert_max_num_queries(DETAIL_QUERY_LIMIT):
        many = _queries(client, first.get_absolute_url())
    assert many == few
