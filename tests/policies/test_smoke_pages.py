import pytest
from django.urls import reverse

from tests.factories import PolicyFactory

pytestmark = pytest.mark.django_db


def test_list_shows_only_published_newest_first(client):
    old = PolicyFactory(title="旧的文件", issued_date="2020-01-01")
    new = PolicyFactory(title="新的文件", issued_date="2024-01-01")
    PolicyFactory(title="草稿文件", status="draft")
    html = client.get(reverse("policies:list")).content.decode()
    assert html.index(new.title) < html.index(old.title)
    assert "草稿文件" not in html


def test_detail_of_draft_is_404_for_public(client):
    draft = PolicyFactory(status="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404
