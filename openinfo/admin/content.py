"""Admin for published reference content: consultations (+ comment moderation), 权责清单, 指南."""
from __future__ import annotations

from django.contrib import admin
from django.utils import timezone

from openinfo.models import Consultation, ConsultationComment, ConsultationFile, GuidePage, PowerItem
from openinfo.services.consultations import comment_moderate
from portal import textcheck
from portal.admin_mixins import DepartmentScopedAdmin, PublishingAdmin


class ConsultationFileInline(admin.TabularInline):
    model = ConsultationFile
    extra = 1


@admin.register(Consultation)
class ConsultationAdmin(PublishingAdmin):
    list_display = ["title", "department", "starts_on", "ends_on", "phase_label", "comment_count", "status_badge"]
    list_filter = ["status", "department"]
    search_fields = ["title", "summary"]
    inlines = [ConsultationFileInline]
    fieldsets = [
        (None, {"fields": ["department", "title", "summary", "contact"]}),
        ("征求意见稿与起草说明", {"fields": ["draft", "explanation"]}),
        ("征集期限", {"fields": ["starts_on", "ends_on", "short_period_reason"]}),
        ("意见采纳情况反馈（征集结束后填写并发布）", {"fields": ["feedback", "publish_feedback"]}),
    ]
    readonly_fields = ["publish_feedback"]

    @admin.display(description="阶段")
    def phase_label(self, obj):
        return obj.phase()

    @admin.display(description="意见数")
    def comment_count(self, obj):
        return obj.comments.count()

    @admin.display(description="反馈发布时间")
    def publish_feedback(self, obj):
        return obj.feedback_published_at or "保存时如已填写反馈且征集已结束，将自动记录发布时间"

    def save_model(self, request, obj, form, change):
        closed = obj.ends_on and obj.ends_on < timezone.localdate()
        if obj.feedback.strip() and closed and not obj.feedback_published_at:
            obj.feedback_published_at = timezone.now()
        super().save_model(request, obj, form, change)


@admin.register(ConsultationComment)
class ConsultationCommentAdmin(DepartmentScopedAdmin):
    department_lookup = "consultation__department"
    list_display = ["consultation", "short_content", "submitted_at", "status", "adoption"]
    list_filter = ["status", "adoption", "consultation"]
    search_fields = ["content"]
    # Publishing a comment goes through comment_moderate (the personal-data guard), so the status is
    # set by the actions only, not typed into the list or the form.
    list_editable = ["adoption"]
    readonly_fields = ["consultation", "name", "contact", "content", "submitted_at", "status"]
    fields = ["consultation", "content", "name", "contact", "submitted_at", "status", "adoption", "adoption_reason"]
    actions = ["approve", "reject"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="意见")
    def short_content(self, obj):
        return obj.content[:60]

    def _moderate(self, request, queryset, status, verb):
        checker = textcheck.Checker() if status == ConsultationComment.Status.APPROVED else None
        self.bulk_apply(request, queryset.select_related("consultation"), verb, lambda comment: comment_moderate(
            comment=comment, status=status, actor=request.user, checker=checker))

    @admin.action(description="公开所选意见")
    def approve(self, request, queryset):
        self._moderate(request, queryset, ConsultationComment.Status.APPROVED, "公开")

    @admin.action(description="不予公开所选意见")
    def reject(self, request, queryset):
        self._moderate(request, queryset, ConsultationComment.Status.REJECTED, "不予公开")


@admin.register(PowerItem)
class PowerItemAdmin(PublishingAdmin):
    list_display = ["code", "name", "kind", "department", "subject", "status_badge"]
    list_filter = ["status", "kind", "department"]
    search_fields = ["code", "name", "legal_basis"]


@admin.register(GuidePage)
class GuidePageAdmin(PublishingAdmin):
    list_display = ["title", "kind", "department", "phone", "status_badge"]
    list_filter = ["status", "kind", "department"]
    search_fields = ["title", "body"]
