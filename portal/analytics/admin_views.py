"""The 数据分析 pages inside Django admin (reached through AnalyticsAdmin, which checks the role)."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from portal.analytics import charts, counter, reports
from portal.analytics.excel import monthly_workbook
from portal.analytics.flush import flush
from portal.models import SiteSettings
from portal.params import Params


def _check(admin, request):
    if not admin.has_view_permission(request):
        raise PermissionDenied("只有公开办和系统管理员可以查看数据分析。")


def dashboard(admin, request):
    _check(admin, request)
    period = reports.month_period(Params(request.GET).text("month", max_length=7))
    data = reports.dashboard(period)
    day_points = [(f"{day.day}日", n) for day, n in data["by_day"]]
    context = {
        **admin.admin_site.each_context(request),
        "title": f"数据分析 · {period.label}",
        "opts": admin.model._meta,
        "data": data,
        "months": reports.recent_months(12),
        "pending_today": counter.pending(timezone.localdate()),
        "charts": {
            "by_day": charts.column_chart(day_points, chart_id="chart-day", title=f"{period.label}每日访问量"),
            "by_section": charts.bar_chart(data["by_section"][:12], chart_id="chart-section", title=f"{period.label}各栏目访问量"),
        },
    }
    if data["searches"] and data["searches"]["top"]:
        context["charts"]["searches"] = charts.bar_chart(
            data["searches"]["top"][:10], chart_id="chart-search", title=f"{period.label}热门搜索词"
        )
    if data["openinfo"]:
        context["charts"]["openinfo"] = charts.bar_chart(
            [(row["department"], row["requests_received"] + row["letters_received"]) for row in data["openinfo"][:12]],
            chart_id="chart-openinfo", title=f"{period.label}各部门收到的申请和来信", unit="件",
        )
    if data["themedays"]:
        context["charts"]["themedays"] = charts.bar_chart(
            [(row["department"], row["total"]) for row in data["themedays"][:12]],
            chart_id="chart-themedays", title=f"{period.label}各部门主题日活动数", unit="场",
        )
    return TemplateResponse(request, "portal/admin/analytics_dashboard.html", context)


def report(admin, request):
    _check(admin, request)
    period = reports.month_period(Params(request.GET).text("month", max_length=7))
    content = monthly_workbook(reports.dashboard(period), site_name=SiteSettings.current().site_name)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="analytics-{period.key}.xlsx"'
    return response


def flush_now(admin, request):
    _check(admin, request)
    if request.method != "POST":
        return redirect("admin:portal_pageviewdaily_changelist")
    stored = flush()
    messages.success(request, f"已汇总 {stored} 次页面访问。")
    month = request.POST.get("month", "")
    target = "admin:portal_pageviewdaily_changelist"
    response = redirect(target)
    if month:
        response["Location"] += f"?month={reports.month_period(month).key}"
    return response
