"""Admin for the tables the 公开办 keeps: working calendar, document templates, 年报 figures."""
from __future__ import annotations

import calendar as month_calendar

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from openinfo.holiday_notice import NoticeError, ParsedNotice, parse_notice
from openinfo.models import AnnualReportEntry, DocumentTemplate, WorkCalendarDay
from openinfo.services.calendar import enter_notice, refresh_open_deadlines, reminder_years
from openinfo.services.documents import placeholder_help
from portal.admin_mixins import DepartmentScopedAdmin
from portal.params import Params


class OfficeOnlyAdmin(DepartmentScopedAdmin):
    """Site-wide tables without a department: every official reads them, only 公开办/管理员 change them."""

    def get_queryset(self, request):
        return admin.ModelAdmin.get_queryset(self, request)

    def owns(self, request, obj) -> bool:
        return True

    def has_add_permission(self, request):
        return request.user.sees_all_departments and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return request.user.sees_all_departments and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.sees_all_departments and super().has_delete_permission(request, obj)


class YearFilter(admin.SimpleListFilter):
    title = "年份"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = sorted({d.year for d in WorkCalendarDay.objects.dates("date", "year")}, reverse=True)
        return [(str(y), f"{y}年") for y in years]

    def queryset(self, request, queryset):
        year = Params({self.parameter_name: self.value()}).year()
        return queryset.filter(date__year=year) if year else queryset


class NoticeForm(forms.Form):
    text = forms.CharField(
        label="通知全文", widget=forms.Textarea(attrs={"rows": 18, "cols": 100}),
        help_text="从中国政府网复制《国务院办公厅关于YYYY年部分节假日安排的通知》全文（含标题）粘贴到此处。",
    )

    def clean_text(self):
        try:
            self.notice = parse_notice(self.cleaned_data["text"])
        except NoticeError as error:
            raise forms.ValidationError(str(error)) from None
        return self.cleaned_data["text"]


def month_grids(notice: ParsedNotice) -> list[dict]:
    """The notice's year month by month (plus any neighbouring month it names), each day marked 休/班."""
    months = sorted({(notice.year, m) for m in range(1, 13)} | {(d.year, d.month) for d, _k, _n in notice.rows()})
    grids = []
    for year, month in months:
        weeks = []
        for week in month_calendar.Calendar().monthdatescalendar(year, month):
            cells = []
            for day in week:
                mark = "休" if day in notice.holidays else "班" if day in notice.workdays else ""
                cells.append({"day": day.day if day.month == month else "", "mark": mark if day.month == month else "",
                              "weekend": day.weekday() >= 5,
                              "name": notice.holidays.get(day) or notice.workdays.get(day) or ""})
            weeks.append(cells)
        grids.append({"title": f"{year}年{month}月", "weeks": weeks})
    return grids


def notice_summary(notice: ParsedNotice) -> list[dict]:
    """One row per holiday of the notice, in its order: the days off and the make-up workdays."""
    rows = {}
    for day, name in sorted(notice.holidays.items()):
        rows.setdefault(name, {"name": name, "off": [], "on": []})["off"].append(day)
    for day, name in sorted(notice.workdays.items()):
        rows.setdefault(name, {"name": name, "off": [], "on": []})["on"].append(day)
    return list(rows.values())


@admin.register(WorkCalendarDay)
class WorkCalendarDayAdmin(OfficeOnlyAdmin):
    change_list_template = "openinfo/admin/workcalendar_change_list.html"
    list_display = ["date", "weekday", "kind", "name"]
    list_filter = [YearFilter, "kind"]
    search_fields = ["name"]
    date_hierarchy = "date"

    @admin.display(description="星期")
    def weekday(self, obj):
        return "一二三四五六日"[obj.date.weekday()]

    def changelist_view(self, request, extra_context=None):
        missing = reminder_years()
        if missing:
            messages.warning(request, "尚未录入 {} 年的节假日与调休安排：涉及该年份的期限按法定节假日暂算并标注“暂定”。"
                             "请用“粘贴放假通知”录入国务院办公厅的通知，办理中的期限将自动重算。".format("、".join(map(str, missing))))
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        paste = path("paste/", self.admin_site.admin_view(self.paste_view), name="openinfo_workcalendarday_paste")
        return [paste, *super().get_urls()]

    def paste_view(self, request):
        """Paste → preview (month grids) → save. The text travels with the preview, so what is saved is
        exactly what was previewed, parsed once more."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = NoticeForm(request.POST or None)
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "form": form,
                   "title": "粘贴国务院办公厅放假安排通知"}
        if request.method == "POST" and form.is_valid():
            notice = form.notice
            if "save" in request.POST:
                count = enter_notice(notice, actor=request.user)
                messages.success(request, f"已录入 {notice.year} 年放假安排（{count} 天），办理中的申请和来信已重新计算期限。")
                return redirect(reverse("admin:openinfo_workcalendarday_changelist") + f"?year={notice.year}")
            replaced = WorkCalendarDay.objects.filter(date__year=notice.year).count()
            context.update(notice=notice, grids=month_grids(notice), replaced=replaced, summary=notice_summary(notice))
        return TemplateResponse(request, "openinfo/admin/workcalendar_paste.html", context)

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        transaction.on_commit(refresh_open_deadlines)

    @transaction.atomic
    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(refresh_open_deadlines)


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(OfficeOnlyAdmin):
    fields = ["kind", "outcome", "title", "body"]
    list_display = ["__str__", "title", "updated_at"]
    list_filter = ["kind"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Only called for fields the user may edit: a department official opens the page read-only and
        # the form has no "body" field at all, so nothing here may assume it exists.
        if db_field.name == "body":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 18, "cols": 100})
            kwargs["help_text"] = "可用占位符：" + placeholder_help()
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(AnnualReportEntry)
class AnnualReportEntryAdmin(DepartmentScopedAdmin):
    list_display = ["year", "department_label", "licensing", "penalties", "enforcement", "fees_wan", "report_link"]
    list_filter = ["year", "department"]
    fieldsets = [
        (None, {"fields": ["year", "department"]}),
        ("正文", {"fields": ["overview", "problems", "other_matters"]}),
        ("表二 主动公开（填报部分）", {"fields": ["licensing", "penalties", "enforcement", "fees_wan"]}),
        ("表四 行政复议", {"fields": ["review_upheld", "review_corrected", "review_other", "review_pending"]}),
        ("表四 行政诉讼：未经复议直接起诉", {"fields": ["suit_upheld", "suit_corrected", "suit_other", "suit_pending"]}),
        ("表四 行政诉讼：复议后起诉", {"fields": ["after_upheld", "after_corrected", "after_other", "after_pending"]}),
    ]

    @admin.display(description="机构")
    def department_label(self, obj):
        return obj.department or "本级政府（总体）"

    @admin.display(description="年报")
    def report_link(self, obj):
        from django.urls import reverse

        url = reverse("openinfo:annual_report", args=[obj.year])
        if obj.department_id:
            url += f"?department={obj.department_id}"
        return format_html('<a href="{}" target="_blank" rel="noopener">查看</a>', url)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.department_id is None and not request.user.sees_all_departments:
            return False
        return super().has_change_permission(request, obj)
