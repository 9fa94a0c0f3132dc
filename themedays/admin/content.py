"""Plans, reports (photos, media), surveys (questions with their options) and statistics."""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils.html import format_html

from portal.admin_mixins import DepartmentScopedAdmin, PublishingAdmin
from themedays.models import (Activity, ActivityReport, Answer, MediaCoverage, MonthlyStat, Question, QuestionKind,
                              ReportPhoto, Survey, ThemeDayPlan)
from themedays.services.common import is_office
from themedays.services.stats import refresh_monthly_stats
from themedays.services.surveys import sync_choices


@admin.register(ThemeDayPlan)
class ThemeDayPlanAdmin(PublishingAdmin):
    list_display = ["title", "year", "level", "department", "status_badge", "proposal_deadline"]
    list_filter = ["year", "level", "status"]
    search_fields = ["title", "doc_number"]
    fieldsets = [
        (None, {"fields": ["title", "year", "level", "department", "doc_number"]}),
        ("实施方案", {"fields": ["scheme_title", "scheme", "proposal_deadline", "start_month", "goal_per_month"]}),
        ("发布", {"fields": ["status", "published_at", "author", "reviewer"]}),
    ]


class ReportPhotoInline(admin.TabularInline):
    model = ReportPhoto
    extra = 1
    fields = ["image", "preview", "caption", "sort_order"]
    readonly_fields = ["preview"]

    @admin.display(description="缩略图")
    def preview(self, obj):
        if obj.pk and obj.thumbnail:
            return format_html('<img class="td-thumb" src="{}" alt="{}" height="80">', obj.thumbnail.url, obj.caption)
        return "—"


class MediaCoverageInline(admin.TabularInline):
    model = MediaCoverage
    extra = 1
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(ActivityReport)
class ActivityReportAdmin(PublishingAdmin):
    list_display = ["title", "activity", "department", "attendance", "status_badge", "published_at"]
    list_filter = ["status", "department"]
    search_fields = ["title", "activity__title"]
    list_select_related = ["activity", "department"]
    autocomplete_fields = ["activity"]
    inlines = [ReportPhotoInline, MediaCoverageInline]
    fieldsets = [
        (None, {"fields": ["activity", "title", "summary", "body"]}),
        ("成效", {"fields": ["attendance", "suggestions_collected", "suggestions_adopted"]}),
        ("发布", {"fields": ["department", "status", "published_at", "author", "reviewer"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        # The report belongs to the activity's department; it is not chosen separately.
        return [*super().get_readonly_fields(request, obj), "department"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "activity" and not request.user.sees_all_departments:
            kwargs["queryset"] = Activity.objects.filter(department_id=request.user.department_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        obj.department_id = obj.activity.department_id
        super().save_model(request, obj, form, change)


# Registered so that reports can pick their activity by typing (autocomplete needs search_fields);
# ActivityAdmin in activities.py has them.


class QuestionForm(forms.ModelForm):
    options = forms.CharField(label="选项（每行一个）", required=False, widget=forms.Textarea(attrs={"rows": 4, "cols": 30}),
                              help_text="单选题、多选题填写；已有人选择的选项不会被删除。")

    class Meta:
        model = Question
        fields = ["order", "text", "kind", "required"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["options"].initial = "\n".join(c.text for c in self.instance.choices.all())

    def clean(self):
        data = super().clean()
        lines = [line for line in (data.get("options") or "").splitlines() if line.strip()]
        if data.get("kind") in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(lines) < 2:
            self.add_error("options", "选择题至少需要两个选项。")
        return data

    def save(self, commit=True):
        question = super().save(commit=commit)
        lines = (self.cleaned_data.get("options") or "").splitlines()
        if question.kind == QuestionKind.TEXT:
            lines = []
        if commit:
            sync_choices(question=question, lines=lines)
        else:
            self._pending_options = lines
        return question


class QuestionInline(admin.StackedInline):
    model = Question
    form = QuestionForm
    extra = 1
    fields = ["order", "text", "kind", "required", "options"]


@admin.register(Survey)
class SurveyAdmin(PublishingAdmin):
    list_display = ["title", "department", "opens_at", "closes_at", "results_visibility", "response_count",
                    "status_badge"]
    list_filter = ["status", "results_visibility", "department"]
    search_fields = ["title"]
    autocomplete_fields = ["activity"]
    inlines = [QuestionInline]
    fields = ["title", "department", "activity", "intro", "opens_at", "closes_at", "results_visibility", "ask_phone",
              "status", "published_at", "author", "reviewer"]

    @admin.display(description="答卷数")
    def response_count(self, obj):
        return obj.responses.count()

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for inline_form in formset.forms:
            pending = getattr(inline_form, "_pending_options", None)
            if pending is not None and inline_form.instance.pk:
                sync_choices(question=inline_form.instance, lines=pending)


@admin.register(Answer)
class TextAnswerAdmin(DepartmentScopedAdmin):
    """Free-text answers, read by the survey's department (they are never shown publicly)."""

    department_lookup = "response__survey__department"
    list_display = ["text_excerpt", "question", "submitted_at"]
    list_filter = ["question__survey"]
    search_fields = ["text"]
    list_select_related = ["question", "response"]
    readonly_fields = ["question", "text"]
    fields = readonly_fields

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(text="")

    @admin.display(description="回答")
    def text_excerpt(self, obj):
        return obj.text[:80]

    @admin.display(description="提交时间")
    def submitted_at(self, obj):
        return obj.response.created_at

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MonthlyStat)
class MonthlyStatAdmin(DepartmentScopedAdmin):
    list_display = ["department", "year", "month", "activities_held", "activities_scheduled", "reports_published",
                    "attendance", "suggestions_collected", "suggestions_adopted", "computed_at"]
    list_filter = ["year", "department"]
    actions = ["refresh"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not is_office(request.user):
            actions.pop("refresh", None)
        return actions

    @admin.action(description="立即重新统计")
    def refresh(self, request, queryset):
        count = refresh_monthly_stats()
        self.message_user(request, f"已重新统计，共 {count} 条单位月度数据。", messages.SUCCESS)
