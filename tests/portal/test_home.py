"""The home page: each block shows real data and disappears when it has none."""
import datetime as dt
import sys
import types

import pytest
from django.utils import timezone

from portal.models import ArticleCategory, PublishStatus
from tests.factories import DepartmentFactory, PolicyFactory
from tests.portal.test_articles_support import fresh_cache, make_article, make_column, site_settings  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

BLOCK_HEADINGS = ["要闻", "通知公告", "政务动态", "最新政策", "政务公开主题日", "意见征集", "专题专栏"]


def _h2s(html: str) -> list[str]:
    import re

    return re.findall(r'<h2 id="[^"]+">([^<]+)</h2>', html)


def test_empty_site_shows_search_and_hides_every_data_block(client):
    html = client.get("/").content.decode()
    assert 'name="q"' in html and "搜政策、查解读、问答办事" in html
    headings = _h2s(html)
    for heading in BLOCK_HEADINGS:
        assert heading not in headings, heading
    assert "热门搜索" not in html


def test_drafts_never_reach_the_home_page(client):
    make_article(title="尚未发布的要闻草稿", is_headline=True, status=PublishStatus.DRAFT)
    make_article(title="待审核的通知", category=ArticleCategory.NOTICE, status=PublishStatus.PENDING)
    html = client.get("/").content.decode()
    assert "尚未发布的要闻草稿" not in html and "待审核的通知" not in html
    assert "要闻" not in _h2s(html)


def test_headlines_notices_news_and_columns_appear_with_data(client):
    make_article(title="湖南省创新开展政务公开主题日活动", is_headline=True)
    make_article(title="关于征集政务公开主题日活动主题的通知", category=ArticleCategory.NOTICE)
    make_article(title="永州市四字诀让主题日活动出彩")
    make_column(name="政务公开主题日专栏", on_home=True)
    make_column(name="不在首页的专栏", on_home=False)
    html = client.get("/").content.decode()
    headings = _h2s(html)
    for heading in ["要闻", "通知公告", "政务动态", "专题专栏"]:
        assert heading in headings
    assert "湖南省创新开展政务公开主题日活动" in html
    assert "关于征集政务公开主题日活动主题的通知" in html
    assert "永州市四字诀让主题日活动出彩" in html
    assert "政务公开主题日专栏" in html and "不在首页的专栏" not in html


def test_newest_policies_come_with_their_interpretations(client):
    from policies.models import Interpretation

    policy = PolicyFactory(title="关于进一步做好稳就业工作的若干措施")
    PolicyFactory(title="未发布的政策", status=PublishStatus.DRAFT)
    interpretation = Interpretation.objects.create(
        title="一图读懂稳就业若干措施", kind="graphic", department=policy.department,
        status=PublishStatus.PUBLISHED, published_at=timezone.now(),
    )
    interpretation.policies.add(policy)
    html = client.get("/").content.decode()
    assert "最新政策" in _h2s(html)
    assert "关于进一步做好稳就业工作的若干措施" in html and "未发布的政策" not in html
    assert "图解" in html  # the interpretation's kind, linked from the policy card


def test_upcoming_activities_and_open_consultations(client):
    from openinfo.models import Consultation
    from themedays.models import Activity

    department = DepartmentFactory()
    now = timezone.now()
    Activity.objects.create(
        title="统计开放日：走进统计数据发布", form="open_day", summary="邀请群众代表走进统计局。",
        start_at=now + dt.timedelta(days=3), end_at=now + dt.timedelta(days=3, hours=2), place="省统计局",
        department=department, status=PublishStatus.PUBLISHED, published_at=now,
    )
    Activity.objects.create(
        title="去年已结束的座谈会", form="forum", summary="已结束。", start_at=now - dt.timedelta(days=40),
        end_at=now - dt.timedelta(days=40), place="省政府", department=department,
        status=PublishStatus.PUBLISHED, published_at=now,
    )
    today = timezone.localdate()
    Consultation.objects.create(
        title="《湖南省养老服务条例（征求意见稿）》公开征求意见", draft="草案全文", explanation="起草说明",
        starts_on=today - dt.timedelta(days=1), ends_on=today + dt.timedelta(days=30), department=department,
        status=PublishStatus.PUBLISHED, published_at=now,
    )
    html = client.get("/").content.decode()
    headings = _h2s(html)
    assert "政务公开主题日" in headings and "意见征集" in headings
    assert "统计开放日：走进统计数据发布" in html
    assert "去年已结束的座谈会" not in html
    assert "湖南省养老服务条例" in html


def test_hot_words_come_from_the_search_app_and_are_optional(client, monkeypatch):
    fake = types.ModuleType("portal.search.selectors")
    fake.hot_words = lambda limit=10: ["养老补贴", "公积金"][:limit]
    monkeypatch.setitem(sys.modules, "portal.search.selectors", fake)
    html = client.get("/").content.decode()
    assert "热门搜索" in html and "养老补贴" in html and "q=%E5%85%BB%E8%80%81%E8%A1%A5%E8%B4%B4" in html

    def broken(limit=10):
        raise RuntimeError("search log table missing")

    fake.hot_words = broken
    response = client.get("/")
    assert response.status_code == 200 and "热门搜索" not in response.content.decode()


def test_header_footer_and_gov_meta_come_from_site_settings(client):
    site_settings(site_name="阳光政务", government_name="湖南省人民政府", site_id_code="4300000001",
                  icp_number="湘ICP备05005093号", police_number="湘公网安备 43010502000001号", domain="www.hunan.gov.cn")
    html = client.get("/").content.decode()
    assert '<meta name="SiteName" content="阳光政务">' in html
    assert '<meta name="SiteDomain" content="www.hunan.gov.cn">' in html
    assert '<meta name="SiteIDCode" content="4300000001">' in html
    assert '<meta name="ColumnName" content="首页">' in html
    assert "网站标识码：4300000001" in html and "湘ICP备05005093号" in html and "湘公网安备" in html
    # An edit in admin shows on the next page, without waiting for the cache to expire.
    site_settings(site_name="阳光政务", government_name="长沙市人民政府", site_id_code="4301000002")
    html = client.get("/").content.decode()
    assert "长沙市人民政府" in html and "4301000002" in html


def test_navigation_marks_the_current_section_and_skips_missing_routes(client):
    html = client.get("/articles/notices/").content.decode()
    assert '<a href="/articles/notices/" aria-current="page">通知公告</a>' in html
    assert html.index('class="skip-link"') < html.index('class="site-header"')
    assert 'href="/openness/">五公开</a>' in html


def test_error_pages_are_in_chinese(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "抱歉，您访问的页面不存在" in html and 'lang="zh-CN"' in html

    from django.template.loader import get_template

    rendered = get_template("500.html").render({})
    assert "系统繁忙，请稍后再试" in rendered and 'lang="zh-CN"' in rendered
