"""RSS/Atom feeds, sitemap.xml and robots.txt."""
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

import feedparser
import pytest
from django.utils import timezone

from portal.models import ArticleCategory, PublishStatus
from tests.factories import DepartmentFactory, PolicyFactory
from tests.portal.test_articles_support import fresh_cache, make_article, make_column  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return feed


def test_policy_feeds_all_by_topic_and_by_department(client):
    finance = DepartmentFactory(name="湖南省财政厅", code="430000-02")
    PolicyFactory(title="关于加强预算绩效管理的通知", issuer=finance, topic="财政、金融、审计", doc_number="湘财发〔2026〕3号")
    PolicyFactory(title="关于做好就业工作的通知", topic="劳动、人事、监察")
    PolicyFactory(title="未发布的财政文件", issuer=finance, topic="财政、金融、审计", status=PublishStatus.DRAFT)

    rss = _parse(client, "/feeds/policies/")
    titles = [entry.title for entry in rss.entries]
    assert "关于加强预算绩效管理的通知" in titles and "关于做好就业工作的通知" in titles
    assert "未发布的财政文件" not in titles
    budget = next(e for e in rss.entries if e.title == "关于加强预算绩效管理的通知")
    assert "湘财发〔2026〕3号" in budget.summary and budget.link.endswith("/") and budget.published_parsed

    atom = _parse(client, "/feeds/policies/atom/")
    assert atom.version == "atom10" and len(atom.entries) == 2

    topic = _parse(client, "/feeds/policies/topic/财政、金融、审计/")
    assert [e.title for e in topic.entries] == ["关于加强预算绩效管理的通知"]
    department = _parse(client, "/feeds/policies/department/430000-02/atom/")
    assert [e.title for e in department.entries] == ["关于加强预算绩效管理的通知"]
    assert client.get("/feeds/policies/topic/不存在的主题/").status_code == 404
    assert client.get("/feeds/policies/department/999999-99/").status_code == 404


def test_notice_news_interpretation_and_report_feeds(client):
    from policies.models import Interpretation

    make_article(title="关于征集主题日活动主题的通知", category=ArticleCategory.NOTICE)
    make_article(title="政务动态不进通知公告订阅", category=ArticleCategory.NEWS)
    make_article(title="草稿通知", category=ArticleCategory.NOTICE, status=PublishStatus.DRAFT)
    notices = _parse(client, "/feeds/notices/")
    assert [e.title for e in notices.entries] == ["关于征集主题日活动主题的通知"]
    assert [e.title for e in _parse(client, "/feeds/news/atom/").entries] == ["政务动态不进通知公告订阅"]

    policy = PolicyFactory()
    interpretation = Interpretation.objects.create(
        title="图解：预算绩效管理", kind="graphic", department=policy.department,
        status=PublishStatus.PUBLISHED, published_at=timezone.now(), summary="一图读懂。",
    )
    interpretation.policies.add(policy)
    assert [e.title for e in _parse(client, "/feeds/interpretations/").entries] == ["图解：预算绩效管理"]
    assert _parse(client, "/feeds/themedays-reports/").feed.title.endswith("政务公开主题日活动报道")

    page = client.get("/feeds/").content.decode()
    assert "/feeds/policies/" in page and "/feeds/notices/atom/" in page


def test_sitemap_lists_public_pages_and_every_location_answers(client):
    PolicyFactory(title="公开的政策")
    draft_policy = PolicyFactory(title="草稿政策", status=PublishStatus.DRAFT)
    article = make_article(title="公开的动态")
    draft = make_article(title="草稿动态", status=PublishStatus.DRAFT)
    make_column(name="主题日专栏", slug="themeday")

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    locations = [urlparse(loc.text).path for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]
    assert "/" in locations and "/columns/themeday/" in locations and article.get_absolute_url() in locations
    assert draft.get_absolute_url() not in locations and draft_policy.get_absolute_url() not in locations
    assert "/kiosk/" not in locations
    for path in locations:
        assert client.get(path).status_code == 200, path


def test_robots_txt_points_at_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text and "Disallow: /kiosk/" in text


def test_qa_guide_and_consultation_feeds_carry_only_published_rows(client):
    import datetime

    from openinfo.models import Consultation
    from policies.models import PolicyQA, ServiceGuide

    department = DepartmentFactory(name="长沙市人力资源和社会保障局")
    published = {"department": department, "status": PublishStatus.PUBLISHED, "published_at": timezone.now()}
    PolicyQA.objects.create(question="失业保险金每月能领多少？", answer="<p>按当地最低工资标准的 90% 发放。</p>", **published)
    PolicyQA.objects.create(question="草稿问答", answer="不公开", department=department, status=PublishStatus.DRAFT)
    ServiceGuide.objects.create(name="失业保险金申领", conditions="已办理失业登记", time_limit="即时办结",
                                location="市民之家 A 区", phone="12333", **published)
    today = datetime.date.today()
    Consultation.objects.create(title="关于《长沙市养老服务条例（草案）》公开征求意见", summary="征求意见至月底。",
                                draft="草案全文", explanation="起草说明", starts_on=today,
                                ends_on=today + datetime.timedelta(days=30), **published)

    qa = _parse(client, "/feeds/qa/")
    assert [e.title for e in qa.entries] == ["失业保险金每月能领多少？"]
    assert qa.entries[0].summary == "按当地最低工资标准的 90% 发放。"  # tags stripped, not escaped into the text
    guide = _parse(client, "/feeds/guides/atom/").entries[0]
    assert guide.title == "失业保险金申领" and "即时办结" in guide.summary
    consultation = _parse(client, "/feeds/consultations/").entries[0]
    assert consultation.summary == "征求意见至月底。" and client.get(urlparse(consultation.link).path).status_code == 200
    page = client.get("/feeds/").content.decode()
    assert "/feeds/qa/" in page and "/feeds/guides/" in page and "/feeds/consultations/" in page
