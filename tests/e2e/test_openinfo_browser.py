"""A citizen applies for government information and tracks it, in a real browser; axe-core on both pages."""
import pytest

from openinfo.demo_ids import fake_id_card
from portal import antispam
from tests.e2e.conftest import assert_accessible
from tests.factories import DepartmentFactory


@pytest.fixture
def quick(settings):
    settings.ANTISPAM_MIN_SECONDS = 0


@pytest.mark.django_db(transaction=True)
def test_citizen_applies_and_tracks(page, live_server, quick):
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    DepartmentFactory(name="湖南省财政厅", code="430000-02")
    page.goto(f"{live_server.url}/openinfo/apply/")
    assert_accessible(page)

    # The CAPTCHA image can be enlarged 2× (WCAG 1.4.4 / 适老化 requirement).
    image = page.locator("[data-captcha-image]")
    width = image.bounding_box()["width"]
    page.get_by_role("button", name="放大图片").click()
    assert image.bounding_box()["width"] >= 2 * width - 1

    page.get_by_label("姓名或名称").fill("王浏览")
    page.get_by_label("证件号码").fill(fake_id_card(42))
    page.get_by_label("联系电话").fill("13973100042")
    page.get_by_label("电子邮箱").fill("wang@example.cn")
    page.get_by_label("受理机关").select_option(label="湖南省财政厅")
    page.get_by_label("所需信息的名称、文号或其他特征性描述").fill("2025年省级部门预算公开表")
    page.get_by_label("我确认所填信息真实有效").check()
    token = page.locator("[data-captcha-token]").input_value()
    page.get_by_label("验证码").fill(antispam.answer_for(token))
    page.get_by_role("button", name="提交申请").click()

    page.wait_for_url("**/openinfo/apply/done/")
    number = page.get_by_test_id("tracking-number").inner_text().strip()
    code = page.get_by_test_id("query-code").inner_text().strip()
    assert number.startswith("YSQ-") and len(code) == 10

    page.goto(f"{live_server.url}/openinfo/track/")
    assert_accessible(page)
    page.get_by_label("申请编号").fill(number)
    page.get_by_label("查询码").fill("0000000000")
    page.get_by_role("button", name="查询").click()
    assert page.get_by_role("alert").inner_text().count("不正确") == 1
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    page.wait_for_url("**/openinfo/track/result/")
    assert page.get_by_role("heading", level=1).inner_text() == f"申请 {number} 的办理情况"
    assert "已提交" in page.locator("main").inner_text()
    assert fake_id_card(42) not in page.content()
    assert_accessible(page)
    assert blocked == []  # the CAPTCHA script and styles work under the site's CSP
