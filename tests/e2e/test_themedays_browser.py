"""A citizen finds a 主题日 activity in the calendar and registers, in a real browser; axe-core on
the 专栏, the calendar and the activity page; the month grid answers the keyboard."""
import datetime as dt

import pytest
from django.utils import timezone

from portal import antispam
from portal.models import PublishStatus
from tests.e2e.conftest import assert_accessible
from tests.factories import DepartmentFactory
from themedays.models import Activity, ActivityForm, RegistrationStatus, ThemeDayPlan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



@pytest.fixture
def programme(settings):
    settings.ANTISPAM_MIN_SECONDS = 0
    office = DepartmentFactory(name="湖南省人民政府办公厅", code="430000-01", short_name="省政府办公厅")
    justice = DepartmentFactory(name="湖南省司法厅", code="430000-08", short_name="省司法厅")
    now = timezone.now()
    plan = ThemeDayPlan.objects.create(title=f"湖南省{now.year}年“政务公开主题日”活动计划安排表", year=now.year,
                                       department=office, status=PublishStatus.PUBLISHED, published_at=now)
    start = timezone.localtime(now + dt.timedelta(days=3)).replace(hour=9, minute=30, second=0, microsecond=0)
    return Activity.objects.create(
        plan=plan, department=justice, title="法律问题我来答：12348热线开放体验", form=ActivityForm.SITE_VISIT,
        summary="现场观摩热线值班律师接听群众咨询。", start_at=start, end_at=start + dt.timedelta(hours=2),
        place="湖南省司法厅12348热线呼叫中心", status=PublishStatus.PUBLISHED, published_at=now,
        registration_required=True, capacity=20, audiences=["public", "media"],
    )


def test_citizen_finds_an_activity_in_the_calendar_and_registers(page, live_server, programme):
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{live_server.url}/themedays/")
    assert page.locator("img.td-logo").get_attribute("alt").startswith("政务公开主题日")
    assert page.get_by_role("heading", name="计划安排表").is_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="主题日专栏").get_by_role("link", name="活动日历").click()
    start = timezone.localtime(programme.start_at)
    if start.month != timezone.localdate().month:
        page.get_by_role("link", name="下个月").click()
    caption = page.locator("table.td-calendar caption")
    assert caption.inner_text().startswith(f"{start.year}年{start.month}月")
    assert_accessible(page)

    # Keyboard: the grid takes one Tab stop; arrows move by day and by week.
    cell = page.locator(f"td[data-date='{start:%Y-%m-%d}']")
    cell.focus()
    page.keyboard.press("ArrowRight")
    next_day = (start + dt.timedelta(days=1)).strftime("%Y-%m-%d")
    assert page.evaluate("document.activeElement.dataset.date") == next_day
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.textContent").strip().endswith(programme.title)
    page.keyboard.press("Enter")

    page.wait_for_url(f"**{programme.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == programme.title
    assert_accessible(page)

    page.get_by_label("姓名").fill("王小明")
    page.get_by_label("手机号码").fill("138 1234 5678")
    page.get_by_label("身份").select_option(label="群众代表")
    page.get_by_label("参加人数（含本人）").select_option("2")
    page.get_by_label("我已阅读并同意").check()
    token = page.locator("[data-captcha-token]").input_value()
    page.get_by_label("验证码").fill(antispam.answer_for(token))  # as read off the image or heard
    page.get_by_role("button", name="提交报名").click()

    page.wait_for_url(lambda url: "/themedays/registration/done/" in url)
    assert page.get_by_role("heading", level=1).inner_text() == "报名成功"
    registration = programme.registrations.get()
    assert registration.status == RegistrationStatus.CONFIRMED and registration.party_size == 2
    body = page.locator("main").inner_text()
    assert registration.number in body and "138****5678" in body and "13812345678" not in body
    assert_accessible(page)
    assert blocked == []


def test_lookup_and_cancel_with_the_captcha(page, live_server, programme):
    """The look-up and the cancel form carry portal.antispam; a wrong answer keeps what was typed."""
    from tests.themedays.helpers import sign_up

    registration = sign_up(programme, "13812345678")
    page.goto(f"{live_server.url}/themedays/registration/")
    assert_accessible(page)
    page.get_by_label("确认号").fill(registration.number)
    page.get_by_label("报名手机号码").fill("13812345678")
    page.get_by_label("验证码").fill("99")
    page.get_by_role("button", name="查询").click()
    assert "验证码不正确" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("确认号").input_value() == registration.number
    assert_accessible(page)

    token = page.locator("[data-captcha-token]").input_value()
    page.get_by_label("验证码").fill(antispam.answer_for(token))
    page.get_by_role("button", name="查询").click()
    page.get_by_role("heading", name="报名信息").wait_for()
    assert_accessible(page)
    token = page.locator("[data-captcha-token]").input_value()
    page.get_by_label("验证码").fill(antispam.answer_for(token))
    page.get_by_role("button", name="取消报名").click()
    page.get_by_text(f"已取消报名（确认号 {registration.number}）").wait_for()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
