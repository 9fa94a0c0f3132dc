"""The home page's blocks and a policy page's 看·问·办 are cached (portal/cache_versions.py), yet
what is published, withdrawn, edited or linked anywhere shows on the next visit."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal import publishing
from portal.models import ArticleCategory, PublishStatus, Role
from tests.factories import DepartmentFactory, PolicyFactory, official
from tests.portal.test_articles_support import make_article, make_column

pytestmark = pytest.mark.django_db


def test_a_second_visit_reads_the_blocks_from_the_cache(client):
    make_article(title="全省政务公开工作会议召开", is_headline=True)
    PolicyFactory(title="关于做好2024年政务公开工作的通知")
    client.get("/")
    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/").content.decode()
    assert "全省政务公开工作会议召开" in html and "关于做好2024年政务公开工作的通知" in html
    assert not [q for q in ctx.captured_queries if "portal_article" in q["sql"] or "policies_policydocument" in q["sql"]]


def test_publishing_withdrawing_and_editing_show_at_once(client, django_capture_on_commit_callbacks):
    department = DepartmentFactory()
    notice = make_article(title="关于开展政务开放日活动的通知", category=ArticleCategory.NOTICE,
                          status=PublishStatus.PENDING, department=department)
    policy = PolicyFactory(title="关于提高城乡居民基础养老金的通知", status=PublishStatus.PENDING, issuer=department)
    html = client.get("/").content.decode()
    assert "关于开展政务开放日活动的通知" not in html and "关于提高城乡居民基础养老金的通知" not in html

    reviewer = official(Role.REVIEWER, department)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.transition(obj=notice, to=PublishStatus.PUBLISHED, actor=reviewer)
        publishing.transition(obj=policy, to=PublishStatus.PUBLISHED, actor=reviewer)
    html = client.get("/").content.decode()
    assert "关于开展政务开放日活动的通知" in html and "关于提高城乡居民基础养老金的通知" in html

    notice.title = "关于开展政务开放日活动的通知（更正）"
    notice.save()
    assert "（更正）" in client.get("/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        publishing.transition(obj=policy, to=PublishStatus.WITHDRAWN, actor=reviewer)
    assert "关于提高城乡居民基础养老金的通知" not in client.get("/").content.decode()


def test_a_new_home_column_shows_at_once(client):
    client.get("/")
    make_column(name="优化营商环境专栏", on_home=True)
    assert "优化营商环境专栏" in client.get("/").content.decode()


def test_a_policy_page_shows_new_questions_guides_and_links_at_once(client):
    from policies import services
    from policies.models import PolicyInterpreter, PolicyQA, QACategory, ServiceGuide

    policy = PolicyFactory(title="住房公积金提取管理办法")
    url = policy.get_absolute_url()
    assert "本文件暂无整理好的问答" in client.get(url).content.decode()
    PolicyQA.objects.create(question="离职后可以提取住房公积金吗？", answer="可以。", category=QACategory.REAL_ESTATE,
                            policy=policy, department=policy.department, status=PublishStatus.PUBLISHED)
    assert "离职后可以提取住房公积金吗？" in client.get(url).content.decode()

    guide = ServiceGuide.objects.create(name="住房公积金提取", department=policy.department, status=PublishStatus.PUBLISHED)
    assert "本文件暂无关联的办事事项" in client.get(url).content.decode()
    guide.policies.add(policy)  # only a link: no save of either row
    assert "本文件暂无关联的办事事项" not in client.get(url).content.decode()

    PolicyInterpreter.objects.create(policy=policy, organization="市住房公积金管理中心", name="李明", phone="0731-12329",
                                     confirmed_on=dt.date(2024, 1, 5))
    assert "李明" in client.get(url).content.decode()
    # A service that changes rows with update() (no save signal) still invalidates, through its audit row.
    services.interpreter_confirm(policy=policy, today=dt.date(2024, 6, 30))
    assert "信息更新于 2024年6月30日" in client.get(url).content.decode()


def test_a_withdrawn_page_is_gone_and_a_preview_is_never_cached(client, django_capture_on_commit_callbacks):
    department = DepartmentFactory()
    policy = PolicyFactory(title="关于做好冬季供暖保障工作的通知", status=PublishStatus.PENDING, issuer=department)
    reviewer = official(Role.REVIEWER, department)
    reviewer.refresh_from_db()
    client.force_login(reviewer)
    assert "预览" in client.get(policy.get_absolute_url()).content.decode()
    client.logout()
    assert client.get(policy.get_absolute_url()).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        publishing.transition(obj=policy, to=PublishStatus.PUBLISHED, actor=reviewer)
    html = client.get(policy.get_absolute_url()).content.decode()
    assert "关于做好冬季供暖保障工作的通知" in html and "预览" not in html

    with django_capture_on_commit_callbacks(execute=True):
        publishing.transition(obj=policy, to=PublishStatus.WITHDRAWN, actor=reviewer)
    assert client.get(policy.get_absolute_url()).status_code == 404
