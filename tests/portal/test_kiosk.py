"""政务公开专区 kiosk: touch-first pages, QR code to continue on the phone, idle return, search."""
import re
import xml.etree.ElementTree as ET

import pytest

from portal.models import ArticleCategory, OfficialAccount, PublishStatus
from portal.templatetags.portal_tags import _qr_svg
from tests.factories import DepartmentFactory, PolicyFactory
from tests.portal.test_articles_support import fresh_cache, make_article, site_settings  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


def _qr_svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(svg) for svg in re.findall(r"<svg role=\"img\".*?</svg>", html, re.S)]


def test_start_page_has_large_entries_and_the_idle_limit(client):
    site_settings(kiosk_title="政务公开自助查询", kiosk_idle_seconds=90)
    PolicyFactory()
    make_article(title="专区开放时间调整的公告", category=ArticleCategory.NOTICE)
    html = client.get("/kiosk/").content.decode()
    assert 'data-idle-seconds="90"' in html and 'data-home-url="/kiosk/"' in html
    for entry in ["按主题查政策", "按部门查政策", "搜索", "通知公告", "关注我们"]:
        assert entry in html
    assert "专区开放时间调整的公告" in html
    assert 'role="alertdialog"' in html and "继续浏览" in html  # the idle warning that can extend the time
    assert '<meta name="robots" content="noindex">' in html


def test_every_page_offers_a_qr_code_of_the_same_content_on_the_public_site(client):
    policy = PolicyFactory(title="湖南省稳就业若干措施", topic="劳动、人事、监察")
    html = client.get(f"/kiosk/policies/{policy.pk}/").content.decode()
    assert "湖南省稳就业若干措施" in html
    codes = _qr_svgs(html)
    assert len(codes) == 1 and codes[0].get("aria-label")
    # The code is exactly the QR code of the policy's public page (absolute URL) — what a phone opens.
    label = codes[0].get("aria-label")
    expected = _qr_svg(f"http://testserver{policy.get_absolute_url()}", label)
    assert expected in html


def test_browse_by_topic_and_department(client):
    finance = DepartmentFactory(name="湖南省财政厅")
    PolicyFactory(title="财政专项资金管理办法", issuer=finance, topic="财政、金融、审计")
    PolicyFactory(title="稳就业若干措施", topic="劳动、人事、监察")
    PolicyFactory(title="未发布的财政文件", issuer=finance, topic="财政、金融、审计", status=PublishStatus.DRAFT)
    topics = client.get("/kiosk/topics/").content.decode()
    assert "财政、金融、审计" in topics and "1 件" in topics
    topic = client.get("/kiosk/topics/财政、金融、审计/").content.decode()
    assert "财政专项资金管理办法" in topic and "稳就业若干措施" not in topic and "未发布的财政文件" not in topic
    departments = client.get("/kiosk/departments/").content.decode()
    assert "湖南省财政厅" in departments
    department = client.get(f"/kiosk/departments/{finance.pk}/").content.decode()
    assert "财政专项资金管理办法" in department and "未发布的财政文件" not in department


def test_search_has_an_on_screen_keyboard_and_finds_policies(client):
    PolicyFactory(title="关于提高城乡居民基础养老金的通知")
    page = client.get("/kiosk/search/").content.decode()
    assert "data-keyboard" in page and 'data-action="backspace"' in page and 'data-insert="q"' in page
    assert 'inputmode="none"' in page  # the phone/tablet's own keyboard stays closed
    found = client.get("/kiosk/search/", {"q": "养老金"}).content.decode()
    assert "关于提高城乡居民基础养老金的通知" in found
    nothing = client.get("/kiosk/search/", {"q": "不存在的词\x00"})
    assert nothing.status_code == 200 and "没有找到相关政策" in nothing.content.decode()


def test_hot_questions_and_answers(client):
    from policies.models import PolicyQA

    policy = PolicyFactory(body="<p>第三条 城乡居民基础养老金每月提高20元。</p>")
    qa = PolicyQA.objects.create(
        question="基础养老金每月提高多少？", answer="每月提高20元。", basis_quote="城乡居民基础养老金每月提高20元。",
        category="social", policy=policy, department=policy.department, status=PublishStatus.PUBLISHED,
    )
    listing = client.get("/kiosk/qa/").content.decode()
    assert "基础养老金每月提高多少？" in listing
    detail = client.get(f"/kiosk/qa/{qa.pk}/").content.decode()
    assert "每月提高20元。" in detail and "依据原文" in detail


def test_follow_page_shows_the_qr_matrix(client):
    site = site_settings(kiosk_title="政务公开自助查询")
    OfficialAccount.objects.create(site=site, name="湖南发布", kind="wechat", url="https://example.gov.cn/hnfb")
    OfficialAccount.objects.create(site=site, name="已停用账号", kind="weibo", url="https://example.gov.cn/x", is_active=False)
    html = client.get("/kiosk/follow/").content.decode()
    assert "湖南发布" in html and "微信公众号" in html and "已停用账号" not in html
    assert len(_qr_svgs(html)) == 2  # the account's code and the page's own
