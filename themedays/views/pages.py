"""The 专栏 home, the plan (计划安排表) and the 互看互比 statistics."""
from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from portal import page_tags
from portal.params import Params
from portal.selectors import public_or_preview
from themedays import charts
from themedays.excel import CONTENT_TYPE, plan_workbook
from themedays.models import PlanLevel, ThemeDayPlan
from themedays.selectors.activities import current_plan, latest_reports, open_surveys, plan_rows, upcoming_activities
from themedays.selectors.stats import stat_years, year_stats


def _month_chart(stats, chart_id: str):
    below = {m - 1 for m in stats.missed}
    return charts.column_chart(
        chart_id=chart_id, title=f"{stats.year}年各月举办主题日活动次数",
        labels=[f"{m}月" for m in range(1, 13)], values=stats.month_totals, goal=stats.goal, below_goal=below,
    )


def index(request):
    today = timezone.localdate()
    plan = current_plan(today=today)
    stats = year_stats(year=plan.year if plan else today.year, today=today, level=plan.level if plan else None)
    return render(request, "themedays/index.html", {
        "plan": plan,
        "plan_rows": plan_rows(plan) if plan else [],
        "other_plans": ThemeDayPlan.objects.public().exclude(pk=getattr(plan, "pk", None)).order_by("-year", "level"),
        "upcoming": upcoming_activities(limit=6),
        "reports": latest_reports(limit=6),
        "surveys": open_surveys(),
        "stats": stats,
    })


def plan_detail(request, pk: int):
    plan, is_preview = public_or_preview(ThemeDayPlan.objects.select_related("department"), pk, request.user)
    return render(request, "themedays/plan_detail.html", {
        "page_tags": page_tags.for_article(request, plan),
        "plan": plan, "is_preview": is_preview, "plan_rows": plan_rows(plan),
    })


def plan_xlsx(request, pk: int):
    plan, _ = public_or_preview(ThemeDayPlan.objects.all(), pk, request.user)
    response = HttpResponse(plan_workbook(plan, plan_rows(plan)), content_type=CONTENT_TYPE)
    filename = f"themedays-plan-{plan.year}.xlsx"
    response["Content-Disposition"] = f"attachment; filename=\"{filename}\"; filename*=UTF-8''{filename}"
    return response


def stats_page(request):
    today = timezone.localdate()
    years = stat_years()
    params = Params(request.GET)
    year = params.year()
    if year not in years:  # this year when it has figures, else the latest year that has
        year = today.year if today.year in years or not years else years[0]
    level = params.choice("level", PlanLevel.values, default=PlanLevel.PROVINCE)
    stats = year_stats(year=year, today=today, level=level)
    ranking_chart = None
    if stats.rows:
        top = stats.rows[:15]
        ranking_chart = charts.bar_chart(
            chart_id="ranking", title=f"{year}年各单位已举办活动次数（前 {len(top)} 名）",
            labels=[r.department.display_name for r in top], values=[r.held for r in top],
            suffixes=[" 次"] * len(top),
        )
    return render(request, "themedays/stats.html", {
        "stats": stats, "years": years, "year": year, "months": range(1, 13), "level": level,
        "levels": PlanLevel.choices, "level_label": PlanLevel(level).label,
        "month_chart": _month_chart(stats, "stats-months") if stats.has_data else None,
        "ranking_chart": ranking_chart,
    })
