"""解读人 in admin: the full history (read-only; changes are made on the policy page) and the overdue list."""
from __future__ import annotations

from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from policies import services
from policies.models import InterpreterReview, PolicyInterpreter
from policies.models.interpreter import STALE_AFTER_DAYS
from portal.admin_mixins import DepartmentScopedAdmin


class CurrentFilter(admin.SimpleListFilter):
    title = "任职状态"
    parameter_name = "current"

    def lookups(self, request, model_admin):
        return [("1", "现任"), ("0", "已卸任")]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(end_date__isnull=True)
        if self.value() == "0":
            return queryset.filter(end_date__isnull=False)
        return queryset


@admin.register(PolicyInterpreter)
class PolicyInterpreterAdmin(DepartmentScopedAdmin):
    department_lookup = "policy__department"
    list_display = ["policy", "organization", "name", "position", "phone", "start_date", "end_date", "confirmed_on"]
    list_filter = [CurrentFilter]
    search_fields = ["name", "organization", "policy__title"]
    list_select_related = ["policy"]
    readonly_fields = ["policy", "organization", "name", "position", "phone", "email", "start_date", "end_date", "confirmed_on"]

    # Rows are written by policies.services.interpreter_set from the policy page, which keeps the
    # history straight; here they are only looked at.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReviewReasonFilter(admin.SimpleListFilter):
    title = "原因"
    parameter_name = "reason"

    def lookups(self, request, model_admin):
        return [("overdue", "超过一年未更新"), ("missing", "未设置解读人")]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.missing()
        if self.value() == "overdue":
            return queryset.exclude(pk__in=queryset.missing().values("pk"))
        return queryset


@admin.register(InterpreterReview)
class InterpreterReviewAdmin(DepartmentScopedAdmin):
    list_display = ["policy_link", "issuer", "issued_date", "interpreter", "last_confirmed", "overdue_days"]
    list_display_links = None
    list_filter = [ReviewReasonFilter, "issuer"]
    search_fields = ["title", "doc_number"]
    actions = ["confirm_interpreters"]

    def get_queryset(self, request):
        return super().get_queryset(request).stale().select_related("issuer").prefetch_related("interpreters")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_confirm_permission(self, request):
        return request.user.has_perm("policies.change_policydocument")

    def _current(self, obj):
        return next((r for r in obj.interpreters.all() if r.end_date is None), None)

    @admin.display(description="文件标题", ordering="title")
    def policy_link(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("admin:policies_policydocument_change", args=[obj.pk]), obj.title)

    @admin.display(description="现任解读人")
    def interpreter(self, obj):
        current = self._current(obj)
        return f"{current.organization} {current.name}" if current else "未设置"

    @admin.display(description="最近核实")
    def last_confirmed(self, obj):
        current = self._current(obj)
        return current.confirmed_on if current else "—"

    @admin.display(description="超期天数")
    def overdue_days(self, obj):
        current = self._current(obj)
        if not current:
            return "—"
        return current.days_since_confirmed() - STALE_AFTER_DAYS

    @admin.action(description="确认所选文件的解读人信息仍然有效", permissions=["confirm"])
    def confirm_interpreters(self, request, queryset):
        done = 0
        for policy in queryset:
            if self.owns(request, policy) and services.interpreter_confirm(policy=policy, actor=request.user, today=timezone.localdate()):
                done += 1
        self.message_user(request, f"已确认 {done} 件文件的解读人信息。未设置解读人的文件请在文件页面填写。", messages.SUCCESS)
