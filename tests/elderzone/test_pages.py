"""The zone's pages: what elders see, large and plain, and only what is published."""
import datetime as dt

import pytest
from django.urls import reverse

from elderzone import selectors
from portal.models import PublishStatus, Role
from tests.elderzone.factories import ElderNoticeFactory, LifeArticleFactory
from tests.factories import PolicyFactory, official

pytestmark = pytest.mark.django_db


def zone_policy(**kwargs):
    defaults = {"topic": "民政、扶贫、救灾", "subtopic": "社会福利"}
    return PolicyFactory(**{**defaults, **kwargs})


def test_home_has_every_tile_and_the_two_way_home(client):
    page = client.get(reverse("elderzone:home")).content.decode()
    for label in ("政府文件", "养老政策解读", "长者服务", "懂生活", "政务信箱", "通知公告", "关爱地图"):
        assert label in page
    assert "返回首页" in page and "专区首页" in page
    assert 'body class="elder-zone"' in page


def test_elder_policies_flag_and_topics_newest_first(client):
    flagged = PolicyFactory(title="老年人优待办法", topic="综合政务", for_elders=True, issued_date=dt.date(2024, 1, 1))
    welfare = zone_policy(title="养老服务补贴办法", issued_date=dt.date(2025, 6, 1))
    pension = PolicyFactory(title="调整基本养老金的通知", topic="劳动、人事、监察", subtopic="社会保障", issued_date=dt.date(2025, 8, 1))
    health = PolicyFactory(title="家庭医生签约服务规范", topic="卫生、体育", subtopic="卫生", issued_date=dt.date(2023, 3, 1))
    PolicyFactory(title="就业见习补贴办法", topic="劳动、人事、监察", subtopic="劳动就业")
    PolicyFactory(title="政府采购管理办法", topic="财政、金融、审计", subtopic="财政")
    zone_policy(title="未发布的养老文件", status=PublishStatus.DRAFT)
    assert list(selectors.elder_policies()) == [pension, welfare, flagged, health]
    page = client.get(reverse("elderzone:policy_list")).content.decode()
    assert page.index("调整基本养老金") < page.index("养老服务补贴") < page.index("老年人优待办法") < page.index("家庭医生")
    assert "就业见习" not in page and "政府采购" not in page and "未发布" not in page
    only_health = client.get(reverse("elderzone:policy_list"), {"section": "health"}).content.decode()
    assert "家庭医生" in only_health and "养老服务补贴" not in only_health
    assert client.get(reverse("elderzone:policy_list"), {"section": "<bad>", "page": "x"}).status_code == 200


def test_document_page_is_large_type_with_read_aloud_and_nothing_competing(client):
    policy = zone_policy(title="养老服务补贴办法", body="<p>第一条 为了做好养老服务。</p>", summary="给困难老人发放补贴。")
    page = client.get(reverse("elderzone:policy_detail", args=[policy.pk])).content.decode()
    assert "第一条 为了做好养老服务。" in page
    assert 'class="read-aloud"' in page and 'data-target="#zone-doc"' in page
    assert "这个文件讲了什么" in page and "给困难老人发放补贴。" in page
    assert "相关文件" not in page and "关键词" not in page  # the normal page's extras are left out


def test_interpretations_listed_or_policy_summaries(client):
    policy = zone_policy(title="养老服务补贴办法", summary="困难老人每月补贴 200 元。")
    model = selectors.interpretation_model()
    if model is None:
        page = client.get(reverse("elderzone:interpretation_list")).content.decode()
        assert "困难老人每月补贴 200 元。" in page
        assert reverse("elderzone:policy_detail", args=[policy.pk]) in page
        assert client.get(reverse("elderzone:interpretation_detail", args=[1])).status_code == 404
        return
    item = model.objects.create(title="一图读懂养老服务补贴", department=policy.department, body="<p>补贴怎么领。</p>",
                                status=PublishStatus.PUBLISHED, published_at=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
    item.policies.add(policy)
    listing = client.get(reverse("elderzone:interpretation_list")).content.decode()
    assert "一图读懂养老服务补贴" in listing
    detail = client.get(reverse("elderzone:interpretation_detail", args=[item.pk])).content.decode()
    assert "补贴怎么领。" in detail and 'class="read-aloud"' in detail and "养老服务补贴办法" in detail
    doc = client.get(reverse("elderzone:policy_detail", args=[policy.pk])).content.decode()
    assert "一图读懂养老服务补贴" in doc  # the document page shows its interpretation


def test_life_articles_by_category_with_read_aloud(client):
    LifeArticleFactory(title="防范冒充公检法诈骗", category="fraud")
    wellness = LifeArticleFactory(title="冬季保暖", category="wellness")
    LifeArticleFactory(title="草稿文章", status=PublishStatus.DRAFT)
    page = client.get(reverse("elderzone:life_list"), {"category": "fraud"}).content.decode()
    assert "防范冒充公检法诈骗" in page and "冬季保暖" not in page and "草稿文章" not in page
    detail = client.get(wellness.get_absolute_url()).content.decode()
    assert "冬季保暖" in detail and 'class="read-aloud"' in detail and "懂生活" in detail


def test_notices_list_and_detail(client):
    notice = ElderNoticeFactory(title="高龄津贴年审", body="<p>每年认证一次。</p><script>alert(1)</script>")
    assert "高龄津贴年审" in client.get(reverse("elderzone:notice_list")).content.decode()
    detail = client.get(notice.get_absolute_url()).content.decode()
    assert "每年认证一次。" in detail and "<script>alert" not in detail  # body sanitised on save
    assert 'class="read-aloud"' in detail


def test_drafts_are_404_for_the_public_and_a_preview_for_officials(client, department):
    article = LifeArticleFactory(title="草稿", status=PublishStatus.DRAFT, department=department)
    assert client.get(article.get_absolute_url()).status_code == 404
    user = official(Role.EDITOR, department)
    user.refresh_from_db()  # the factory's password hash is not saved; the session must match the row
    client.force_login(user)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200 and "预览" in response.content.decode()


def test_every_zone_page_answers_and_has_the_home_buttons(client):
    policy = zone_policy()
    article, notice = LifeArticleFactory(), ElderNoticeFactory()
    urls = [reverse(f"elderzone:{name}") for name in (
        "home", "policy_list", "interpretation_list", "service_list", "life_list", "notice_list", "map", "mailbox",
        "mailbox_write", "mailbox_lookup")]
    urls += [reverse("elderzone:policy_detail", args=[policy.pk]), article.get_absolute_url(), notice.get_absolute_url()]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "返回首页" in body and "专区首页" in body, url
        assert "<script>" not in body and " style=" not in body, url  # CSP: no inline script or style


def test_toolbar_is_on_every_page_of_the_site(client):
    page = client.get("/").content.decode()
    assert 'id="a11y-bar"' in page and "elderzone/prefs.js" in page and "elderzone/toolbar.js" in page
    for label in ("放大", "缩小", "黑底黄字", "白底黑字", "护眼", "大鼠标", "十字线", "阅读模式", "指读", "重置", "快捷键"):
        assert label in page


def test_zone_content_is_found_by_the_site_search():
    from haystack.query import SearchQuerySet

    from elderzone.models import LifeArticle
    from tests.elderzone.factories import ElderServiceFactory

    article = LifeArticleFactory(title="中风的识别口诀", body="<p>一看脸、二查胳膊、三听说话。</p>")
    ElderServiceFactory(name="高龄津贴申领")
    from haystack import connections

    index = connections["default"].get_unified_index().get_index(LifeArticle)
    index.update()
    connections["default"].get_unified_index().get_index(ElderServiceFactory._meta.model).update()
    found = [r.pk for r in SearchQuerySet().models(LifeArticle).filter(content="中风")]
    assert str(article.pk) in [str(pk) for pk in found]
    assert index.type_name == "life" and index.type_label == "懂生活"


def test_site_notices_and_zone_notices_together_newest_first(client, department):
    from portal.models import Article

    site = Article.objects.create(title="全市养老机构消防检查的通告", category="notice", department=department,
                                  body="<p>请各养老机构做好消防检查。</p>", status=PublishStatus.PUBLISHED,
                                  published_at=dt.datetime(2026, 5, 1, tzinfo=dt.timezone.utc))
    Article.objects.create(title="一条政务动态", category="news", department=department, body="<p>动态。</p>",
                           status=PublishStatus.PUBLISHED, published_at=dt.datetime(2026, 5, 2, tzinfo=dt.timezone.utc))
    ElderNoticeFactory(title="专区旧通知", published_at=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
    page = client.get(reverse("elderzone:notice_list")).content.decode()
    assert page.index("全市养老机构消防检查的通告") < page.index("专区旧通知")
    assert "一条政务动态" not in page
    detail = client.get(reverse("elderzone:site_notice_detail", args=[site.pk])).content.decode()
    assert "请各养老机构做好消防检查。" in detail and 'class="read-aloud"' in detail and "返回首页" in detail
    assert client.get(reverse("elderzone:site_notice_detail", args=[site.pk + 1])).status_code == 404
