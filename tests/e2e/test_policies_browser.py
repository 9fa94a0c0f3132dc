"""The policy library in a real browser: search from the home page, open a document, and axe-core
(WCAG 2.1 A/AA) on the list and detail pages."""
import datetime as dt

import pytest

from policies.models import Validity
from tests.e2e.conftest import assert_accessible
from tests.factories import DepartmentFactory, PolicyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser):
    """conftest's page, but with bypass_csp: the site's Content-Security-Policy forbids the inline
    script through which axe-core is injected (the site itself is not changed by this)."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def library():
    hrss = DepartmentFactory(name="湖南省人力资源和社会保障厅", code="430000-03")
    new = PolicyFactory(
        issuer=hrss, title="关于2025年调整退休人员基本养老金的通知", doc_number="湘人社规〔2025〕3号",
        index_number="430000-03/2025-00001", topic="劳动、人事、监察", subtopic="社会保障",
        issued_date=dt.date(2025, 7, 16), written_date=dt.date(2025, 7, 11), keywords="基本养老金,退休人员,调整",
        body="<p>各市州人力资源和社会保障局：</p><p>经省人民政府同意，自2025年1月1日起调整退休人员基本养老金，"
             "总体调整水平为2%。</p><p>调整增加的基本养老金于8月底前按时足额发放到位。</p>",
    )
    PolicyFactory(issuer=hrss, title="关于2024年调整退休人员基本养老金的通知", doc_number="湘人社规〔2024〕4号",
                  topic="劳动、人事、监察", subtopic="社会保障", validity=Validity.EXPIRED, superseded_by=new,
                  issued_date=dt.date(2024, 7, 15), keywords="基本养老金,退休人员",
                  body="<p>自2024年1月1日起调整退休人员基本养老金，总体调整水平为3%。</p>")
    for n in range(3):
        PolicyFactory(issuer=DepartmentFactory(), title=f"关于做好第{n + 1}批政务公开主题日活动的通知",
                      issued_date=dt.date(2023, 5, n + 1))
    return new


def test_search_open_and_axe_on_list_and_detail(live_server, page, library):
    page.goto(f"{live_server.url}/")
    page.fill("#home-q", "基本养老金")
    page.press("#home-q", "Enter")
    page.wait_for_url("**/search/?q=*")
    result = page.get_by_role("link", name=library.title).first
    result.wait_for()
    result.click()
    page.wait_for_url(f"**{library.get_absolute_url()}")
    assert page.locator("h1").first.inner_text() == library.title
    assert page.get_by_text("湘人社规〔2025〕3号").first.is_visible()
    assert_accessible(page)  # detail page: metadata table, body, 本文件替代 link, related documents

    page.goto(f"{live_server.url}/policies/")
    assert page.get_by_role("link", name=library.title).first.is_visible()
    assert_accessible(page)  # list page: facets, results, pagination

    page.goto(f"{live_server.url}/policies/?topic=劳动、人事、监察&validity=expired")
    assert page.get_by_role("link", name="关于2024年调整退休人员基本养老金的通知").first.is_visible()
    assert_accessible(page)  # a filtered list with a 失效 badge
    page.get_by_role("link", name="关于2024年调整退休人员基本养老金的通知").first.click()
    assert page.get_by_role("note").filter(has_text="本文件已失效").first.is_visible()
    assert_accessible(page)  # the 有效性 banner naming the replacement


def test_library_search_controls_by_their_labels_and_axe(live_server, page, library):
    """The 检索范围 / 成文日期 / 二级主题 / 排序 controls are reached by their labels, narrow the list,
    and the library page and the search page's policy tab pass axe with them."""
    page.goto(f"{live_server.url}/policies/")
    page.get_by_label("关键词").fill("养老金")
    page.get_by_role("group", name="检索范围").get_by_label("标题").check()
    page.get_by_role("group", name="成文日期").get_by_label("起始").fill("2025-01-01")
    page.get_by_label("二级主题").select_option("社会保障")
    page.get_by_label("排序").select_option(label="按成文日期")
    page.get_by_role("button", name="检索").click()
    page.wait_for_url("**/policies/?*q=*")
    assert page.get_by_role("heading", name="检索到 1 件与“养老金”相关的文件").is_visible()
    assert page.get_by_role("link", name=library.title).first.is_visible()
    assert page.get_by_role("group", name="检索范围").get_by_label("标题").is_checked()
    assert_accessible(page)  # the library with its search controls, searched

    page.goto(f"{live_server.url}/search/?q=养老金&type=policy")
    assert page.get_by_role("group", name="成文日期").is_visible()
    assert_accessible(page)  # the search page's policy tab with the same controls
