"""The 专栏 pages as a citizen sees them, and what they must never show."""
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.themedays.helpers import login
from themedays.models import ActivityReport, Proposal

from .conftest import make_activity
from .helpers import sign_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(plan, department):
    activity = make_activity(department, plan=plan, title="走进生态环境监测", capacity=5,
                             audiences=["public", "student"], live_url="https://live.example.gov.cn/1")
    held = make_activity(department, plan=plan, title="生态文明建设", start_at=timezone.now() - dt.timedelta(days=30),
                         registration_required=False)
    ActivityReport.objects.create(activity=held, title="省财政厅开展生态文明建设主题日活动", body="<p>走进大通湖。</p>",
                                  summary="走进大通湖生态修复现场。", attendance=28, suggestions_collected=16,
                                  suggestions_adopted=12, status="published", published_at=timezone.now())
    Proposal.objects.create(plan=plan, department=department, topic="生态文明建设", month=7, form="field_study",
                            summary="简介", contact_name="联系人张三", contact_phone="0731-12345678")
    sign_up(activity, "13812345678", name="王秘密", email="secret@example.com")
    return activity


PRIVATE = ["13812345678", "138****5678", "王秘密", "secret@example.com", "联系人张三", "0731-12345678"]


def test_every_public_page_hides_personal_data(client, scene):
    report = ActivityReport.objects.get()
    urls = [reverse("themedays:index"), reverse("themedays:calendar"), reverse("themedays:calendar") + "?view=list",
            scene.get_absolute_url(), reverse("themedays:calendar_ics"),
            reverse("themedays:activity_ics", args=[scene.pk]), reverse("themedays:feed"),
            reverse("themedays:reports"), report.get_absolute_url(), reverse("themedays:plan", args=[scene.plan_id]),
            reverse("themedays:stats"), reverse("themedays:lookup"), reverse("themedays:surveys")]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for secret in PRIVATE:
            assert secret not in body, f"{secret} on {url}"


def test_plan_excel_has_the_table_without_contacts(client, scene):
    response = client.get(reverse("themedays:plan_xlsx", args=[scene.plan_id]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "湖南省2023年“政务公开主题日”活动计划安排表"
    assert rows[1] == ["序号", "责任单位", "活动主题", "活动时间（月份）", "活动形式", "活动简介", "状态"]
    assert [r[2] for r in rows[2:]] == ["生态文明建设", "走进生态环境监测"]
    assert not any(secret in str(rows) for secret in PRIVATE)


def test_index_shows_logo_plan_upcoming_reports(client, scene):
    html = client.get(reverse("themedays:index")).content.decode()
    assert "themedays/logo.svg" in html and 'alt="政务公开主题日' in html
    assert "湖南省2023年“政务公开主题日”活动计划安排表" in html
    assert "走进生态环境监测" in html and "省财政厅开展生态文明建设主题日活动" in html
    assert reverse("themedays:plan_xlsx", args=[scene.plan_id]) in html


def test_activity_page_details_and_seats(client, scene):
    html = client.get(scene.get_absolute_url()).content.decode()
    assert "报名中" in html and "群众代表、学生" in html and "剩余 4 人" in html
    assert "观看直播" in html and 'name="as_website"' in html and "csrfmiddlewaretoken" in html
    assert "data-captcha-token" in html and ("听语音验证码" in html or "文字问题：" in html)  # portal.antispam


def test_cancelled_activity_shows_reason_and_no_form(client, department):
    activity = make_activity(department, cancelled_at=timezone.now(), cancel_reason="因场地维修，活动改期。")
    html = client.get(activity.get_absolute_url()).content.decode()
    assert "本活动已取消" in html and "因场地维修，活动改期。" in html
    assert "提交报名" not in html
    response = client.post(activity.get_absolute_url(), {"name": "x"})
    assert response.status_code == 302 and activity.registrations.count() == 0


def test_calendar_month_grid_and_filters(client, department, other_department):
    start = timezone.now().replace(day=15, hour=2, minute=0, second=0, microsecond=0)
    make_activity(department, title="财政厅座谈", form="symposium", start_at=start)
    make_activity(other_department, title="民政厅调研", form="field_study", start_at=start)
    url = reverse("themedays:calendar")
    local = timezone.localtime(start)
    html = client.get(url, {"year": local.year, "month": local.month}).content.decode()
    assert '<table class="td-calendar"' in html and '<th scope="col"><abbr title="星期一">一</abbr></th>' in html
    assert f"<caption>{local.year}年{local.month}月（共 2 场活动）</caption>" in html
    assert "财政厅座谈" in html and "民政厅调研" in html
    filtered = client.get(url, {"year": local.year, "month": local.month, "form": "symposium"}).content.decode()
    assert "财政厅座谈" in filtered and "民政厅调研" not in filtered
    listed = client.get(url, {"year": local.year, "month": local.month, "view": "list",
                              "department": other_department.pk}).content.decode()
    assert "民政厅调研" in listed and "财政厅座谈" not in listed


@pytest.mark.parametrize("params", [{"year": "x", "month": "13"}, {"year": "99999"}, {"department": "1e9"},
                                    {"form": "<script>"}, {"view": "weird"}])
def test_calendar_never_fails_on_odd_input(client, db, params):
    assert client.get(reverse("themedays:calendar"), params).status_code == 200


def test_drafts_are_hidden_but_previewable(client, department, editor):
    draft = make_activity(department, title="草稿活动", status="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "草稿活动" not in client.get(reverse("themedays:calendar")).content.decode()
    login(client, editor)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200 and "预览" in response.content.decode()


def test_feed_lists_published_reports(client, scene):
    import feedparser

    feed = feedparser.parse(client.get(reverse("themedays:feed")).content)
    assert feed.feed.title == "政务公开主题日 · 活动报道"
    assert [e.title for e in feed.entries] == ["省财政厅开展生态文明建设主题日活动"]
    assert feed.entries[0].link.endswith(ActivityReport.objects.get().get_absolute_url())


def test_list_pages_do_not_query_per_activity(client, plan, department):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    start = timezone.now() + dt.timedelta(days=2)
    for n in range(3):
        make_activity(department, plan=plan, title=f"活动{n}", start_at=start)
    urls = [reverse("themedays:index"), reverse("themedays:calendar"), reverse("themedays:calendar") + "?view=list",
            reverse("themedays:calendar_ics"), reverse("themedays:plan", args=[plan.pk])]
    queries(urls[0])  # the site settings the base template reads are cached after the first request
    few = {url: queries(url) for url in urls}
    for n in range(3, 12):
        make_activity(department, plan=plan, title=f"活动{n}", start_at=start)
    assert {url: queries(url) for url in urls} == few
