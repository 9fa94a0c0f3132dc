"""The failed-task list: where operations staff see, re-run and close background failures."""
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from portal.admin_mixins import DepartmentScopedAdmin
from portal.models import Role
from portal.ops import outbox
from portal.ops.models import FailedTask, OutboxJob



def is_operator(user) -> bool:
    """Only 系统管理员 (and superusers) run the system; content roles never see task internals."""
    return bool(user.is_active and user.is_staff and (user.is_superuser or user.role == Role.ADMIN))


class ResolvedFilter(admin.SimpleListFilter):
    title = "处理状态"
    parameter_name = "resolved"

    def lookups(self, request, model_admin):
        return [("no", "待处理"), ("yes", "已处理")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(resolved_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


class OperatorOnlyAdmin(DepartmentScopedAdmin):
    """Rows that belong to no department (task internals): only operators see them, and all of them."""

    def get_queryset(self, request):
        qs = self.model.objects.all()
        return qs if is_operator(request.user) else qs.none()

    def owns(self, request, obj) -> bool:
        return is_operator(request.user)

    def has_module_permission(self, request):
        return is_operator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_operator(request.user)

    def has_change_permission(self, request, obj=None):
        return is_operator(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_operator(request.user)


@admin.register(FailedTask)
class FailedTaskAdmin(OperatorOnlyAdmin):
    list_display = ("task_name", "exception", "short_message", "retries", "failed_at", "state")
    list_filter = (ResolvedFilter, "task_name", "exception")
    search_fields = ("task_name", "task_id", "message")
    date_hierarchy = "failed_at"
    actions = ["replay", "mark_resolved"]
    readonly_fields = (
        "task_id", "task_name", "args", "kwargs", "replayable", "exception", "message", "traceback",
        "retries", "worker", "failed_at", "resolved_at", "resolved_by", "replayed_as",
    )
    fields = readonly_fields[:11] + ("note",) + readonly_fields[11:]

    def has_add_permission(self, request):
        return False  # failures are recorded by the workers, never typed in

    @admin.display(description="错误信息")
    def short_message(self, obj):
        return Truncator(obj.message).chars(80)

    @admin.display(description="状态", ordering="resolved_at")
    def state(self, obj):
        if obj.resolved_at:
            return format_html('<span class="status status-{}">{}</span>', "published", "已处理")
        return format_html('<span class="status status-{}">{}</span>', "pending", "待处理")

    @admin.action(description="重新执行所选任务")
    def replay(self, request, queryset):
        from portal.celery import app

        done, skipped = 0, []
        for failure in queryset.filter(resolved_at__isnull=True):
            if not failure.replayable:
                skipped.append(failure.task_name)
                continue
            if failure.task_id.startswith(outbox.FAILED_PREFIX):
                # A job of the outbox: due again there, so it still runs exactly once.
                outbox.retry(int(failure.task_id.removeprefix(outbox.FAILED_PREFIX)))
                failure.replayed_as = failure.task_id
            else:
                result = app.send_task(failure.task_name, args=failure.args, kwargs=failure.kwargs)
                failure.replayed_as = result.id or ""
            failure.resolved_at = timezone.now()
            failure.resolved_by = request.user
            failure.note = (failure.note + "\n" if failure.note else "") + f"已重新执行（任务 {failure.replayed_as}）"
            failure.save(update_fields=["replayed_as", "resolved_at", "resolved_by", "note"])
            done += 1
        if done:
            self.message_user(request, f"已重新提交 {done} 个任务；如再次失败会重新出现在本列表。", messages.SUCCESS)
        if skipped:
            self.message_user(
                request, f"{len(skipped)} 个任务的参数无法还原，不能自动重新执行：{'、'.join(skipped[:5])}",
                messages.WARNING,
            )
        if not done and not skipped:
            self.message_user(request, "所选任务都已处理，无需重新执行。", messages.INFO)

    @admin.action(description="标记为已处理")
    def mark_resolved(self, request, queryset):
        count = queryset.filter(resolved_at__isnull=True).update(resolved_at=timezone.now(), resolved_by=request.user)
        self.message_user(request, f"已将 {count} 条标记为已处理。", messages.SUCCESS)


@admin.register(OutboxJob)
class OutboxJobAdmin(OperatorOnlyAdmin):
    """What waits to run (a broker or mail outage shows here as a growing 待执行 list)."""

    list_display = ("task", "state", "attempts", "next_attempt_at", "created_at", "done_at")
    list_filter = ("state", "task")
    search_fields = ("task", "key")
    date_hierarchy = "created_at"
    readonly_fields = ("task", "args", "kwargs", "key", "state", "attempts", "next_attempt_at", "last_error",
                       "created_at", "done_at")

    def has_add_permission(self, request):
        return False  # jobs are written by the services, in their own transaction

    def has_change_permission(self, request, obj=None):
        return False  # a job is re-run through 失败的后台任务, never edited

    def has_delete_permission(self, request, obj=None):
        return False
