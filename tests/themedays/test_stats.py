import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from themedays.models import ActivityReport, MonthlyStat, RegistrationStatus
from themedays.selectors.stats import year_stats
from themedays.services.stats import refresh_monthly_stats

from .conftest import make_activity

pytestmark = pytest.mark.django_db
TZ = timezone.get_current_timezone()


def at(month, day, hour=9):
    return dt.datetime(2023, month, day, hour, tzinfo=TZ)


@pytest.fixture
def programme(plan, department, other_department):
    """财政厅: 2 in March, 1 in April (+ report), 1 cancelled in April; 民政厅: 1 in March, 1 draft."""
    a1 = make_activity(department, title="三月一", start_at=at(3, 2), registration_required=False)
    make_activity(department, title="三月二", start_at=at(3, 20), registration_required=False)
    a3 = make_activity(department, title="四月一", start_at=at(4, 12), registration_required=False)
    make_activity(department, title="四月取消", start_at=at(4, 20), cancelled_at=at(4, 18), cancel_reason="改期")
    make_activity(other_department, title="民政三月", start_at=at(3, 31, 23), registration_required=False)
    make_activity(other_department, title="草稿", start_at=at(4, 5), status="draft")
    for activity, attendance, collected, adopted in ((a1, 40, 10, 4), (a3, 25, 6, 6)):
        ActivityReport.objects.create(activity=activity, title=f"{activity.title}报道", body="<p>报道</p>",
                                      attendance=attendance, suggestions_collected=collected,
                                      suggestions_adopted=adopted, status="published", published_at=timezone.now())
    a1.registrations.create(number="ZTTEST0001", name="甲", phone="13800000001", identity="public", party_size=2,
                            status=RegistrationStatus.CONFIRMED)
    return plan


def test_monthly_figures_per_department(programme, department, other_department):
    refresh_monthly_stats(years=[2023])
    finance = {s.month: s for s in MonthlyStat.objects.filter(department=department)}
    assert (finance[3].activities_held, finance[3].reports_published, finance[3].attendance) == (2, 1, 40)
    assert (finance[4].activities_held, finance[4].activities_cancelled, finance[4].suggestions_adopted) == (1, 1, 6)
    assert finance[3].participants == 2
    # 23:00 on 31 March in Shanghai is still March, whatever UTC says.
    assert MonthlyStat.objects.get(department=other_department).month == 3


def test_ranking_and_months_below_goal(programme, department, other_department):
    refresh_monthly_stats(years=[2023])
    stats = year_stats(year=2023, today=dt.date(2024, 1, 5))
    assert [(r.department, r.held, r.rank) for r in stats.rows] == [(department, 3, 1), (other_department, 1, 2)]
    assert stats.month_totals[2:4] == [3, 1]
    # The plan starts in March, goal 2 a month: April and May–December fall short.
    assert stats.missed == [4, 5, 6, 7, 8, 9, 10, 11, 12]
    current = year_stats(year=2023, today=dt.date(2023, 5, 10))
    assert current.missed == [4]  # May is not over yet


def test_refresh_replaces_stale_rows(programme, department):
    refresh_monthly_stats(years=[2023])
    department.activity_set.update(status="withdrawn")
    refresh_monthly_stats(years=[2023])
    assert not MonthlyStat.objects.filter(department=department).exists()


def test_stats_page_shows_chart_table_and_missed_months(client, programme):
    refresh_monthly_stats(years=[2023])
    html = client.get(reverse("themedays:stats"), {"year": 2023}).content.decode()
    assert '<svg class="td-chart"' in html and 'role="img"' in html
    assert "<title id=\"stats-months-title\">2023年各月举办主题日活动次数</title>" in html
    assert "以下月份未达到“每月 2 场以上”的目标" in html and "<strong>4月、5月" in html
    assert html.count("<caption>") >= 3
    assert "湖南省财政厅" in html


def test_stats_page_with_no_data_or_bad_year(client, db):
    response = client.get(reverse("themedays:stats"), {"year": "abc"})
    assert response.status_code == 200 and "暂无省级统计数据" in response.content.decode()


def test_levels_are_compared_separately(programme, department):
    from tests.factories import DepartmentFactory

    district = DepartmentFactory(name="长沙市望城区人民政府办公室", code="430112-01", level="county")
    make_activity(district, title="区级活动", start_at=at(3, 5), registration_required=False)
    refresh_monthly_stats(years=[2023])
    today = dt.date(2024, 1, 5)
    assert district not in [r.department for r in year_stats(year=2023, today=today, level="province").rows]
    assert [r.department for r in year_stats(year=2023, today=today, level="district").rows] == [district]
