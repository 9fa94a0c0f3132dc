"""数据分析: page views counted in the cache (no database write per request), flushed to a daily
table; dashboard charts (SVG), tables and the monthly Excel report."""
import datetime as dt
import io
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from portal.analytics import charts, counter, flush, reports
from portal.models import PageViewDaily, Role
from tests.factories import DepartmentFactory, official
from tests.portal.test_articles_support import fresh_cache, login, make_article, make_column  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]
WRITES = ("INSERT", "UPDATE", "DELETE")
SVG = "{http://www.w3.org/2000/svg}"


def _writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]


@pytest.mark.urls("tests.portal.test_analytics_urls")
def test_a_burst_of_1000_views_writes_nothing_until_the_flush(client):
    with CaptureQueriesContext(connection) as burst:
        for n in range(1000):
            assert client.get(f"/page/{n % 3}/", {"utm": n}).status_code == 200
    assert burst.captured_queries == []  # not one query, let alone a write, for 1,000 counted views

    assert counter.pending(timezone.localdate()) == 1000
    with CaptureQueriesContext(connection) as storing:
        assert flush.flush() == 1000
    assert len(storing.captured_queries) < 20  # a few per page, not per view
    counts = dict(PageViewDaily.objects.values_list("path", "views"))
    assert counts == {"/page/0/": 334, "/page/1/": 333, "/page/2/": 333}
    assert PageViewDaily.objects.get(path="/page/1/").title == "第1页"
    assert flush.flush() == 0  # nothing counted twice


def test_real_pages_cost_no_extra_query_when_counted(client):
    column = make_column(name="政务公开主题日", slug="themeday")
    make_article(title="主题日活动报道").columns.add(column)
    for path in ["/sitemap/", "/columns/", column.get_absolute_url()]:
        client.get(path)  # warm the site-settings cache
        with CaptureQueriesContext(connection) as one:
            assert client.get(path).status_code == 200
        with CaptureQueriesContext(connection) as many:
            for _ in range(20):
                client.get(path)
        assert _writes(many.captured_queries) == []
        assert len(many.captured_queries) == 20 * len(one.captured_queries)
    flush.flush()
    row = PageViewDaily.objects.get(path="/columns/themeday/")
    assert row.views == 22 and row.section == "专题专栏" and row.title == "政务公开主题日"


def test_only_pages_people_read_are_counted_and_nothing_personal_is_kept(client):
    make_article(title="公告")
    client.get("/articles/news/?q=13800000000&tracking=ABC123")
    client.get("/no-such-page/")  # 404
    client.get("/api/policies/")  # JSON
    client.get("/robots.txt")  # text
    client.get("/admin/login/")  # back office
    client.get("/articles/news/", HTTP_USER_AGENT="Mozilla/5.0 (compatible; Baiduspider/2.0)")
    client.post("/articles/news/")
    flush.flush()
    rows = list(PageViewDaily.objects.values("path", "views", "section"))
    assert rows == [{"path": "/articles/news/", "views": 1, "section": "新闻动态"}]
    stored = " ".join(str(v) for row in PageViewDaily.objects.values() for v in row.values())
    assert "13800000000" not in stored and "ABC123" not in stored and "127.0.0.1" not in stored


def test_flush_adds_to_existing_rows_and_restores_counts_when_the_database_fails(client, monkeypatch):
    today = timezone.localdate()
    counter.record(day=today, section="首页", path="/", title_fn=lambda: "首页")
    flush.flush()
    counter.record(day=today, section="首页", path="/")
    counter.record(day=today, section="首页", path="/")

    def broken(day, counts):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(flush, "_store", broken)
    with pytest.raises(RuntimeError):
        flush.flush()
    assert counter.pending(today) == 2  # given back, not lost
    monkeypatch.undo()
    assert flush.flush() == 2
    assert PageViewDaily.objects.get(day=today, path="/").views == 3


def test_counts_land_on_the_day_they_were_made():
    today = timezone.localdate()
    counter.record(day=today - dt.timedelta(days=1), section="首页", path="/")
    counter.record(day=today, section="首页", path="/")
    flush.flush(today=today)
    assert set(PageViewDaily.objects.values_list("day", "views")) == {(today - dt.timedelta(days=1), 1), (today, 1)}


@pytest.mark.parametrize("builder", ["bar", "column"])
@pytest.mark.parametrize("items", [[], [("首页", 120), ("政策文件", 75), ("长者专区<&>", 0)]])
def test_charts_are_well_formed_accessible_svg(builder, items):
    make = charts.bar_chart if builder == "bar" else charts.column_chart
    svg = make(items, chart_id="c1", title="各栏目访问量")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").text == "各栏目访问量"
    desc = root.find(f"{SVG}desc").text
    assert ("暂无数据" in desc) if not items else ("首页 120次" in desc and "长者专区<&>" in desc)
    bars = root.findall(f"{SVG}rect")
    assert len(bars) == len(items)
    if items:
        heights = [float(b.get("width" if builder == "bar" else "height")) for b in bars]
        assert heights[0] > heights[1] > heights[2] == 0


def _seed_views():
    today = timezone.localdate()
    for path, section, views in [("/", "首页", 40), ("/policies/1/", "政策文件", 25), ("/elder/", "长者专区", 10)]:
        PageViewDaily.objects.create(day=today, path=path, section=section, title=f"{section}页面", views=views)
    PageViewDaily.objects.create(day=today - dt.timedelta(days=400), path="/", section="首页", views=999)


def test_dashboard_is_for_the_office_only(client):
    _seed_views()
    editor = official(Role.EDITOR, DepartmentFactory())
    login(client, editor)
    assert client.get("/admin/portal/pageviewdaily/").status_code in (302, 403)
    office = official(Role.OFFICE, DepartmentFactory())
    login(client, office)
    response = client.get("/admin/portal/pageviewdaily/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "页面访问量 <strong>75</strong> 次" in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') >= 2
    assert "<caption>" in html and "政策文件页面" in html
    assert "活动数" in html  # theme-day activity counts (themedays provides them)


def test_dashboard_shows_top_and_zero_result_searches(client):
    from portal.search.models import SearchLog

    for query, results in [("养老补贴", 12), ("养老补贴", 9), ("公积金", 3), ("一网通办异地", 0)]:
        SearchLog.objects.create(query=query, result_count=results)
    login(client, official(Role.OFFICE, DepartmentFactory()))
    html = client.get("/admin/portal/pageviewdaily/").content.decode()
    top = html[html.index("<caption>热门搜索词</caption>"):html.index("<caption>无结果的搜索词")]
    assert top.index("养老补贴") < top.index("公积金") and "<td>2</td>" in top
    zero = html[html.index("<caption>无结果的搜索词"):]
    assert "一网通办异地" in zero[:zero.index("</table>")] and "公积金" not in zero[:zero.index("</table>")]


def test_monthly_report_downloads_as_excel(client):
    _seed_views()
    login(client, official(Role.OFFICE, DepartmentFactory()))
    month = timezone.localdate().strftime("%Y-%m")
    response = client.get(f"/admin/portal/pageviewdaily/report.xlsx?month={month}")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert {"概况", "每日访问", "栏目访问", "热门页面"} <= set(book.sheetnames)
    assert book["概况"]["B3"].value == 75
    sections = {row[0]: row[1] for row in book["栏目访问"].iter_rows(min_row=3, values_only=True)}
    assert sections == {"首页": 40, "政策文件": 25, "长者专区": 10}


def test_flush_on_demand_from_the_dashboard(client):
    login(client, official(Role.OFFICE, DepartmentFactory()))
    counter.record(day=timezone.localdate(), section="首页", path="/")
    response = client.post("/admin/portal/pageviewdaily/flush/", {"month": "2026-02"})
    assert response.status_code == 302 and "month=2026-02" in response["Location"]
    assert PageViewDaily.objects.get(path="/").views == 1


def test_month_period_accepts_only_real_months():
    today = dt.date(2026, 3, 15)
    assert reports.month_period("2026-02", today=today).end == dt.date(2026, 2, 28)
    for bad in ("", "2026-13", "abc", "99999-01", None):
        assert reports.month_period(bad, today=today).key == "2026-03"
    assert [p.key for p in reports.recent_months(3, today=today)] == ["2026-03", "2026-02", "2026-01"]


@pytest.mark.services
def test_redis_counters_survive_concurrent_draining(settings):
    from tests.services import need_redis

    url = need_redis()
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url,
                                   "KEY_PREFIX": "test-analytics"}}
    assert counter._redis_client() is not None  # the Redis path, not the locmem one
    day = dt.date(2001, 1, 1)
    counter.drain(day)
    for _ in range(50):
        counter.record(day=day, section="首页", path="/", title_fn=lambda: "首页")
    assert counter.pending(day) == 50
    drained = counter.drain(day)
    counter.record(day=day, section="首页", path="/")
    assert [(c.path, c.views, c.title) for c in drained] == [("/", 50, "首页")]
    assert counter.pending(day) == 1
    counter.drain(day)
