"""The 公开办 pastes the State Council's 放假安排 notice, checks the month grids and saves it."""
from pathlib import Path

import pytest
from django.test import Client

from openinfo.models import WorkCalendarDay
from portal.models import Role
from tests.e2e.conftest import assert_accessible
from tests.factories import official

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NOTICE_2026 = (Path(__file__).resolve().parents[1] / "openinfo" / "notices" / "2026.txt").read_text(encoding="utf-8")


def test_office_pastes_previews_and_saves_a_year(page, live_server):
    office = official(Role.OFFICE)
    office.refresh_from_db()
    client = Client()
    client.force_login(office)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page.goto(f"{live_server.url}/admin/openinfo/workcalendarday/")
    page.get_by_role("link", name="粘贴放假通知").click()
    page.get_by_label("通知全文").fill(NOTICE_2026)
    page.get_by_role("button", name="预览").click()

    february = page.locator("table.oi-month", has_text="2026年2月")
    assert february.locator("td.oi-off").count() == 9 and february.locator("td.oi-on").count() == 2
    # The grid's stylesheet is served from the site (the CSP forbids inline styles): 休 is shaded.
    shade = february.locator("td.oi-off").first.evaluate("td => getComputedStyle(td).backgroundColor")
    assert shade == "rgb(253, 226, 226)"
    assert_accessible(page, "#content-main")

    page.get_by_role("button", name="核对无误，保存 2026 年安排").click()
    assert "已录入 2026 年放假安排" in page.locator(".messagelist").inner_text()
    assert WorkCalendarDay.objects.filter(date__year=2026, kind="workday").count() == 6
