"""The portal in a real browser: axe-core on the home and an article page, the phone width, the
kiosk's on-screen keyboard."""
import pytest
from django.core.cache import cache

from portal.models import ArticleCategory
from tests.e2e.conftest import assert_accessible
from tests.factories import PolicyFactory
from tests.portal.test_articles_support import make_article, make_column, site_settings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser):
    """Like conftest's page, but axe-core's injected script may run under the site's CSP."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def content():
    cache.clear()
    site_settings(site_name="阳光政务", government_name="湖南省人民政府", site_id_code="4300000001",
                  icp_number="湘ICP备05005093号")
    column = make_column(name="政务公开主题日", on_home=True)
    lead = make_article(title="湖南省创新开展政务公开主题日活动 助推政策落地落实", is_headline=True, source="省政府办公厅")
    lead.columns.add(column)
    make_article(title="长沙市打造“政策百度”提升政策咨询服务水平", is_headline=True)
    make_article(title="关于征集政务公开主题日活动主题的通知", category=ArticleCategory.NOTICE)
    make_article(title="永州市“四字诀”让政务公开主题日活动出彩")
    PolicyFactory(title="关于进一步做好稳就业工作的若干措施")
    yield lead
    cache.clear()


def test_home_and_article_pass_axe_and_fit_a_phone(live_server, browser, page, content):
    page.goto(f"{live_server.url}/")
    assert page.locator("h2", has_text="要闻").is_visible()
    assert page.locator("h2", has_text="最新政策").is_visible()
    assert_accessible(page)
    page.click(f"text={content.title}")
    page.wait_for_url(f"**{content.get_absolute_url()}")
    assert page.locator("h1").inner_text() == content.title
    assert_accessible(page)

    phone = browser.new_context(locale="zh-CN", viewport={"width": 360, "height": 740}).new_page()
    phone.goto(f"{live_server.url}/")
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0  # nothing wider than a 360px phone
    assert phone.locator("#home-q").is_visible()
    phone.context.close()


def test_kiosk_keyboard_types_and_searches(live_server, page, content):
    page.goto(f"{live_server.url}/kiosk/search/")
    keyboard = page.locator("[data-keyboard]")
    assert keyboard.is_visible()
    for key in "wen":
        keyboard.locator(f'button[data-insert="{key}"]').click()
    keyboard.locator('button[data-action="backspace"]').click()
    assert page.input_value("#kiosk-q") == "we"
    keyboard.locator('button[data-action="clear"]').click()
    keyboard.locator("button", has_text="就业").first.click()
    page.click("button[type=submit]")
    page.wait_for_url("**/kiosk/search/?q=*")
    assert page.locator(".kiosk-list a", has_text="稳就业").count() == 1
    assert_accessible(page)
