"""The one department-scoping mixin every ModelAdmin in the project uses.

An official sees and edits only their own department's rows (queryset, form choices, actions,
history); 公开办 and 系统管理员 see all. Publishing goes through portal.publishing so that the role
rules and the history are the same everywhere.
"""
from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from portal import audit, publishing, textcheck
from portal.models import Department, PublishStatus
from portal.textcheck.admin import TextGuardAdminMixin


def department_field_name(model) -> str | None:
    names = {f.name for f in model._meta.get_fields()}
    return "department" if "department" in names else None


class DepartmentScopedAdmin(TextGuardAdminMixin, admin.ModelAdmin):
    """Scopes by `department_lookup` (default `department`); set it for rows owned via a parent.

    TextGuardAdminMixin makes every form of public text pass portal.textcheck before it is saved.
    """

    department_lookup = "department"

    # --- scoping ---------------------------------------------------------------------------------
    def get_queryset(self, request):
        qs = super().get_queryset(request)
        user = request.user
        if user.sees_all_departments:
            return qs
        if not user.department_id:
            return qs.none()
        return qs.filter(**{f"{self.department_lookup}_id": user.department_id})

    def owns(self, request, obj) -> bool:
        if obj is None or request.user.sees_all_departments:
            return True
        dept_id = obj
        for part in self.department_lookup.split("__"):
            dept_id = getattr(dept_id, part, None)
            if dept_id is None:
                return False
        return dept_id.pk == request.user.department_id

    def get_object(self, request, object_id, from_field=None):
        # Look the row up unscoped, so another department's row answers 403 rather than
        # pretending it does not exist; the permission checks below refuse it.
        model = self.model
        field = model._meta.pk if from_field is None else model._meta.get_field(from_field)
        try:
            object_id = field.to_python(object_id)
            obj = model._default_manager.get(**{field.name: object_id})
        except (model.DoesNotExist, ValidationError, ValueError):
            return None
        if not self.owns(request, obj):
            raise PermissionDenied("您无权查看其他机构的内容。")
        return obj

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.owns(request, obj)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj) or not self.owns(request, obj):
            return False
        # A 信息员 edits drafts; what is under review or public is the reviewer's.
        status = getattr(obj, "status", None)
        if status in (PublishStatus.PENDING, PublishStatus.PUBLISHED) and not request.user.can_publish:
            return False
        return True

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.owns(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.remote_field.model is Department and not request.user.sees_all_departments:
            kwargs["queryset"] = Department.objects.filter(pk=request.user.department_id)
            kwargs.setdefault("initial", request.user.department_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # --- saving with history ---------------------------------------------------------------------
    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        model_fields = {f.name for f in self.model._meta.get_fields()}
        for name in ("status", "published_at", "author", "reviewer"):
            if name in model_fields and name not in fields:
                fields.append(name)
        return fields

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        if not request.user.sees_all_departments and department_field_name(self.model) and not obj.department_id:
            obj.department_id = request.user.department_id
        if not change and hasattr(obj, "author_id") and not obj.author_id:
            obj.author = request.user
        before = audit.snapshot(self.model.objects.get(pk=obj.pk)) if change else {}
        super().save_model(request, obj, form, change)
        audit.record(
            obj=obj, action="修改" if change else "新建", actor=request.user,
            changes=audit.diff(before, audit.snapshot(obj)),
        )
        self.textcheck_messages(request, obj)

    def bulk_apply(self, request, queryset, verb: str, apply) -> None:
        """Run `apply(row)` on each selected row; the rows it refuses are listed with the reason.

        One transaction (a savepoint per row): the clean rows go through, the search index gets one
        batch after the commit, not one task per row.
        """
        done, refused = 0, []
        with transaction.atomic():
            for obj in queryset:
                try:
                    with transaction.atomic():
                        apply(obj)
                    done += 1
                except (PermissionDenied, ValidationError) as exc:
                    message = "".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                    refused.append(f"“{obj}”：{message}")
        if done:
            self.message_user(request, f"已{verb} {done} 条。", messages.SUCCESS)
        if refused:
            self.message_user(request, f"以下 {len(refused)} 条未{verb}：", messages.ERROR)
        for line in refused[:10]:
            self.message_user(request, line, messages.ERROR)
        if len(refused) > 10:
            self.message_user(request, f"另有 {len(refused) - 10} 条未{verb}，请筛选后查看。", messages.ERROR)

    def delete_model(self, request, obj):
        audit.record(obj=obj, action="删除", actor=request.user)
        super().delete_model(request, obj)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_permission(request, obj):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": f"变更记录：{obj}",
            "object": obj,
            "opts": self.model._meta,
            "entries": audit.history_for(obj),
        }
        return TemplateResponse(request, "admin/portal/change_history.html", context)


class PublishingAdmin(DepartmentScopedAdmin):
    """Adds the publishing actions and the status column for Publishable models."""

    actions = ["submit_for_review", "publish", "withdraw"]
    change_form_template = "admin/portal/publishable_change_form.html"

    def _bulk_transition(self, request, queryset, to):
        to = PublishStatus(to)
        # The word list and the office contacts are loaded once for the whole selection.
        checker = textcheck.Checker() if to == PublishStatus.PUBLISHED else None
        self.bulk_apply(request, queryset, publishing.ACTIONS[to],
                        lambda obj: publishing.transition(obj=obj, to=to, actor=request.user, checker=checker))

    @admin.action(description="提交审核")
    def submit_for_review(self, request, queryset):
        self._bulk_transition(request, queryset, PublishStatus.PENDING)

    @admin.action(description="发布")
    def publish(self, request, queryset):
        self._bulk_transition(request, queryset, PublishStatus.PUBLISHED)

    @admin.action(description="撤回")
    def withdraw(self, request, queryset):
        self._bulk_transition(request, queryset, PublishStatus.WITHDRAWN)

    @admin.display(description="状态", ordering="status")
    def status_badge(self, obj):
        return format_html('<span class="status status-{}">{}</span>', obj.status, obj.get_status_display())

    def response_change(self, request, obj):
        to = request.POST.get("_transition")
        if to in PublishStatus.values:
            try:
                publishing.transition(obj=obj, to=to, actor=request.user)
                self.message_user(request, f"已{publishing.ACTIONS[PublishStatus(to)]}：{obj}", messages.SUCCESS)
            except (PermissionDenied, ValidationError) as exc:
                message = "".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                self.message_user(request, message, messages.ERROR)
                # Back to the edit page, where the findings and their one-click fixes are shown.
                return redirect(request.path)
        return super().response_change(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["transitions"] = [
                (to.value, publishing.ACTIONS[to])
                for to in publishing.ALLOWED[PublishStatus(obj.status)]
                if request.user.can_publish or to not in (PublishStatus.PUBLISHED, PublishStatus.WITHDRAWN)
            ]
            context["preview_url"] = self.preview_url(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def preview_url(self, obj) -> str | None:
        """Public detail views show unpublished rows to officials who may edit them (a preview)."""
        return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else None


def admin_change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
