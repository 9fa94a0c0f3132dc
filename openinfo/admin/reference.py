"""Admin for the tables the 公开办 keeps: working calendar, document templates, 年报 figures."""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html

from openinfo import deadlines
from openinfo.models import AnnualReportEntry, DocumentTemplate, WorkCalendarDay
from openinfo.services.calendar import refresh_open_deadlines
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


@admin.register(WorkCalendarDay)
class WorkCalendarDayAdmin(OfficeOnlyAdmin):
    list_display = ["date", "weekday", "kind", "name"]
    list_filter = [YearFilter, "kind"]
    search_fields = ["name"]
    date_hierarchy = "date"

    @admin.display(description="星期")
    def weekday(self, obj):
        return "一二三四五六日"[obj.date.weekday()]

    def changelist_view(self, request, extra_context=None):
        year = timezone.localdate().year
        missing = deadlines.missing_years([year, year + 1])
        if missing:
            messages.warning(request, "尚未录入 {} 年的节假日与调休安排：该年份的答复期限将显示为“缺少日历”，不会计算出错误日期。"
                             "请按国务院办公厅通知逐日录入放假日（含周末）和调休上班日；"
                             "或在升级 chinesecalendar 后运行 manage.py sync_work_calendar 自动补充。".format("、".join(map(str, missing))))
        return super().changelist_view(request, extra_context)

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        transaction.on_commit(refresh_open_deadlines)

    @transaction.atomic
    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(refresh_open_deadlines)


class TemplateForm(forms.ModelForm):
    class Meta:
        model = DocumentTemplate
        fields = ["kind", "outcome", "title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18, "cols": 100})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = "可用占位符：" + placeholder_help()


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(OfficeOnlyAdmin):
    form = TemplateForm
    list_display = ["__str__", "title", "updated_at"]
    list_filter = ["kind"]


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
