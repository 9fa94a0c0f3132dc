"""Activities and their registrations. Registrations are personal data: only the activity's own
department sees them (not even 公开办), and the Excel list masks phone numbers."""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from portal.admin_mixins import DepartmentScopedAdmin, PublishingAdmin
from themedays.excel import CONTENT_TYPE, registrations_workbook
from themedays.models import Activity, Audience, Registration, RegistrationStatus
from themedays.selectors.activities import seats_summary
from themedays.services.activities import activity_cancel, activity_restore
from themedays.services.registration import registration_cancel, registration_fill_waitlist


def sees_registrations(user, activity) -> bool:
    return bool(user.department_id) and activity.department_id == user.department_id


class ActivityAdminForm(forms.ModelForm):
    audiences = forms.MultipleChoiceField(label="邀请对象", choices=Audience.choices, required=False,
                                          widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Activity
        fields = "__all__"


@admin.register(Activity)
class ActivityAdmin(PublishingAdmin):
    form = ActivityAdminForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "department", "form", "start_at", "stage_label", "status_badge", "plan"]
    list_filter = ["plan", "form", "stage", "status", "department"]
    search_fields = ["title", "place", "summary"]
    list_select_related = ["department", "plan"]
    date_hierarchy = "start_at"
    autocomplete_fields = ["related_policies"]
    change_form_template = "themedays/admin/activity_change_form.html"
    fieldsets = [
        (None, {"fields": ["plan", "plan_serial", "department", "title", "form", "summary", "body"]}),
        ("时间地点", {"fields": ["start_at", "end_at", "place", "audiences", "contact_phone", "live_url",
                               "related_policies"]}),
        ("网上报名", {"fields": ["registration_required", "capacity", "max_party_size", "waitlist_enabled",
                               "registration_opens_at", "registration_closes_at"]}),
        ("状态", {"fields": ["stage", "cancelled_at", "cancel_reason", "status", "published_at", "author", "reviewer"]}),
    ]
    readonly_fields = ["stage", "cancelled_at", "cancel_reason"]

    @admin.display(description="活动状态", ordering="stage")
    def stage_label(self, obj):
        stage = obj.current_stage
        return format_html('<span class="status status-{}">{}</span>', stage.value, stage.label)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "capacity" in form.changed_data:
            promoted = registration_fill_waitlist(activity_id=obj.pk)
            if promoted:
                self.message_user(request, f"名额增加，已有 {len(promoted)} 组候补自动转为报名成功并已通知。",
                                  messages.SUCCESS)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["seats"] = seats_summary(obj) if obj.registration_required else None
            context["sees_registrations"] = sees_registrations(request.user, obj)
            context["registrations_url"] = reverse("admin:themedays_registration_changelist") + f"?activity__id__exact={obj.pk}"
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        extra = [
            path("<id:pk>/cancel/", self.admin_site.admin_view(self.cancel_view), name="themedays_activity_cancel"),
            path("<id:pk>/restore/", self.admin_site.admin_view(self.restore_view), name="themedays_activity_restore"),
            path("<id:pk>/registrations.xlsx", self.admin_site.admin_view(self.export_view),
                 name="themedays_activity_export"),
        ]
        return extra + super().get_urls()

    def _own(self, request, pk) -> Activity:
        activity = get_object_or_404(Activity, pk=pk)
        if not self.has_view_permission(request, activity):
            raise PermissionDenied("您无权操作其他单位的活动。")
        return activity

    def cancel_view(self, request, pk):
        activity = self._own(request, pk)
        if not self.has_change_permission(request, activity) and not request.user.can_publish:
            raise PermissionDenied("您无权取消该活动。")
        error = ""
        if request.method == "POST":
            try:
                activity_cancel(activity=activity, reason=request.POST.get("reason", "")[:1000], actor=request.user)
            except (ValidationError, PermissionDenied) as exc:
                error = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            else:
                self.message_user(request, f"已取消活动“{activity}”，已报名人员将收到通知。", messages.SUCCESS)
                return redirect("admin:themedays_activity_change", activity.pk)
        context = {**self.admin_site.each_context(request), "title": f"取消活动：{activity}", "opts": self.model._meta,
                   "activity": activity, "error": error, "reason": request.POST.get("reason", ""),
                   "registered": activity.registrations.exclude(status=RegistrationStatus.CANCELLED).count()}
        return TemplateResponse(request, "themedays/admin/cancel_activity.html", context)

    def restore_view(self, request, pk):
        activity = self._own(request, pk)
        if request.method == "POST":
            try:
                activity_restore(activity=activity, actor=request.user)
                self.message_user(request, "已恢复活动。", messages.SUCCESS)
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(request, "；".join(getattr(exc, "messages", [str(exc)])), messages.ERROR)
        return redirect("admin:themedays_activity_change", activity.pk)

    def export_view(self, request, pk):
        activity = self._own(request, pk)
        if not sees_registrations(request.user, activity):
            raise PermissionDenied("报名信息仅限活动主办单位查看。")
        registrations = activity.registrations.order_by("status", "created_at")
        response = HttpResponse(registrations_workbook(activity, registrations), content_type=CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="registrations-{activity.pk}.xlsx"'
        return response


@admin.register(Registration)
class RegistrationAdmin(DepartmentScopedAdmin):
    """Read-only list for the activity's department; cancelling goes through the service."""

    department_lookup = "activity__department"
    list_display = ["number", "activity", "name", "phone_masked", "identity", "party_size", "status", "created_at"]
    list_filter = ["status", "identity", "activity"]
    search_fields = ["number", "name", "phone"]
    list_select_related = ["activity"]
    actions = ["cancel_selected"]
    readonly_fields = ["activity", "number", "name", "phone", "email", "identity", "party_size", "status",
                       "created_at", "promoted_at", "cancelled_at", "reminded_at"]
    fields = readonly_fields

    @admin.display(description="手机号码")
    def phone_masked(self, obj):
        return obj.masked_phone

    def get_queryset(self, request):
        qs = super(DepartmentScopedAdmin, self).get_queryset(request)
        if not request.user.department_id:
            return qs.none()
        return qs.filter(activity__department_id=request.user.department_id)

    def owns(self, request, obj) -> bool:
        return obj is None or sees_registrations(request.user, obj.activity)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="取消选中的报名（空出的名额自动给候补）")
    def cancel_selected(self, request, queryset):
        done = 0
        for reg in queryset:
            try:
                registration_cancel(registration_id=reg.pk, actor=request.user)
                done += 1
            except ValidationError as exc:
                self.message_user(request, f"{reg.number}：{'；'.join(exc.messages)}", messages.ERROR)
        if done:
            self.message_user(request, f"已取消 {done} 条报名。", messages.SUCCESS)
