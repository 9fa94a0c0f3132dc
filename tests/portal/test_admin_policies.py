"""Back office over HTTP: department scoping, roles, publishing actions and history (policy documents)."""
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from policies import services
from policies.models import PolicyDocument, Validity
from portal.models import ChangeLog, PublishStatus, Role
from tests.factories import PolicyFactory, official

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:policies_policydocument_changelist")
ADD = reverse("admin:policies_policydocument_add")


@pytest.fixture
def login(client):
    """Log an official in. Reload first: the factory's password hash is not the one saved
    (tests/factories.py UserFactory with_role), and a stale hash makes the session anonymous."""

    def _login(user):
        user.refresh_from_db()
        client.force_login(user)
        return client

    return _login


def change_url(policy):
    return reverse("admin:policies_policydocument_change", args=[policy.pk])


def history_url(policy):
    return reverse("admin:policies_policydocument_history", args=[policy.pk])


@pytest.fixture
def ours(department):
    return PolicyFactory(issuer=department, title="财政厅的草稿", status=PublishStatus.DRAFT)


@pytest.fixture
def theirs(other_department):
    return PolicyFactory(issuer=other_department, title="民政厅的文件", status=PublishStatus.DRAFT)


def run_action(client, action, *policies):
    return client.post(CHANGELIST, {"action": action, "_selected_action": [p.pk for p in policies]}, follow=True)


def test_official_sees_only_own_department_in_the_list(login, editor, ours, theirs):
    html = login(editor).get(CHANGELIST).content.decode()
    assert ours.title in html and theirs.title not in html


def test_other_departments_document_is_forbidden(login, editor, theirs):
    client = login(editor)
    assert client.get(change_url(theirs)).status_code == 403
    assert client.get(history_url(theirs)).status_code == 403
    response = client.post(change_url(theirs), {"title": "篡改"})
    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.title == "民政厅的文件"


def test_office_sees_every_department(login, office, ours, theirs):
    client = login(office)
    html = client.get(CHANGELIST).content.decode()
    assert ours.title in html and theirs.title in html
    assert client.get(change_url(theirs)).status_code == 200


def select_options(html: str, name: str) -> set[str]:
    start = html.index(f'name="{name}"')
    block = html[start: html.index("</select>", start)]
    return set(re.findall(r'<option value="(\d+)"', block))


def test_department_choices_are_limited_to_own(login, editor, department, other_department):
    html = login(editor).get(ADD).content.decode()
    # 发文机关 and 所属机构 offer only the official's department; 联合发文机关 may name any.
    assert select_options(html, "issuer") == {str(department.pk)}
    assert select_options(html, "department") == {str(department.pk)}
    assert str(other_department.pk) in select_options(html, "co_issuers")


def test_editor_cannot_publish_but_can_submit(login, editor, ours):
    client = login(editor)
    response = run_action(client, "publish", ours)
    ours.refresh_from_db()
    assert ours.status == PublishStatus.DRAFT
    assert "只有审核员及以上角色可以发布或撤回" in response.content.decode()
    run_action(client, "submit_for_review", ours)
    ours.refresh_from_db()
    assert ours.status == PublishStatus.PENDING
    assert ChangeLog.objects.filter(object_id=str(ours.pk), action="提交审核", actor=editor).exists()


def test_editor_cannot_change_a_published_document(login, editor, department):
    published = PolicyFactory(issuer=department)
    client = login(editor)
    page = client.get(change_url(published))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()  # read-only view
    assert client.post(change_url(published), {"title": "改"}).status_code == 403


def test_reviewer_publishes_with_history(login, reviewer, ours):
    response = run_action(login(reviewer), "publish", ours)
    ours.refresh_from_db()
    assert ours.status == PublishStatus.PUBLISHED and ours.reviewer == reviewer and ours.published_at
    assert "已发布 1 条" in response.content.decode()
    entry = ChangeLog.objects.get(object_id=str(ours.pk), action="发布")
    assert entry.actor == reviewer and entry.changes["status"] == ["draft", "published"]


def test_bulk_actions_touch_only_own_rows(login, reviewer, department, theirs):
    a, b = PolicyFactory(issuer=department), PolicyFactory(issuer=department)
    theirs.status = PublishStatus.PUBLISHED
    theirs.save()
    client = login(reviewer)
    run_action(client, "mark_expired", a, b, theirs)
    assert set(PolicyDocument.objects.filter(validity=Validity.EXPIRED)) == {a, b}
    run_action(client, "withdraw", a, theirs)
    a.refresh_from_db()
    theirs.refresh_from_db()
    assert a.status == PublishStatus.WITHDRAWN and theirs.status == PublishStatus.PUBLISHED


def test_history_view_shows_who_when_and_before_after(login, editor, reviewer, ours):
    ours.title = "财政厅的草稿（修改后）"
    services.policy_save(policy=ours, actor=editor)
    run_action(login(reviewer), "publish", ours)
    html = login(reviewer).get(history_url(ours)).content.decode()
    assert "财政厅的草稿" in html and "财政厅的草稿（修改后）" in html and "→" in html
    assert editor.username in html and reviewer.username in html
    assert "发布" in html and "修改" in html
    entry = ChangeLog.objects.filter(object_id=str(ours.pk)).first()
    assert timezone.localtime(entry.at).strftime("%Y-%m-%d") in html  # shown in the site's time zone (UTC+8)


def test_preview_link_on_the_change_page(login, editor, ours):
    html = login(editor).get(change_url(ours)).content.decode()
    assert ours.get_absolute_url() in html and "预览" in html


def test_official_without_department_sees_nothing(login, ours):
    loner = official(Role.EDITOR, None)
    loner.department = None
    loner.save()
    assert ours.title not in login(loner).get(CHANGELIST).content.decode()
