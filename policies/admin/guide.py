from __future__ import annotations

from django.contrib import admin
from django.db import models

from policies.models import GuideMaterial, GuideStep, ServiceGuide
from policies.qr import qr_svg
from portal.admin_mixins import PublishingAdmin


class GuideMaterialInline(admin.TabularInline):
    model = GuideMaterial
    extra = 0
    fields = ["name", "form", "copies", "required", "source", "note", "sort_order"]


class GuideStepInline(admin.TabularInline):
    model = GuideStep
    extra = 0
    fields = ["name", "description", "duration", "sort_order"]


@admin.register(ServiceGuide)
class ServiceGuideAdmin(PublishingAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "department", "time_limit", "status_badge"]
    list_filter = ["status", "department"]
    search_fields = ["name", "item_code", "conditions"]
    list_select_related = ["department"]
    autocomplete_fields = ["policies"]
    inlines = [GuideMaterialInline, GuideStepInline]
    readonly_fields = ["qr_preview"]
    fieldsets = [
        (None, {"fields": ["name", "item_code", "department", "service_object", "policies", "basis_note"]}),
        ("办理要求", {"fields": ["conditions", "time_limit", "fee"]}),
        ("办理渠道", {"fields": ["online_url", "qr_preview", "location", "office_hours", "phone", "complaint_phone"]}),
        ("发布", {"fields": ["status", "published_at", "author", "reviewer"]}),
    ]

    @admin.display(description="在线办理二维码")
    def qr_preview(self, obj):
        if obj and obj.online_url:
            return qr_svg(obj.online_url, f"{obj.name}在线办理入口二维码")
        return "填写在线办理入口后自动生成"

    def get_search_results(self, request, queryset, search_term):
        queryset, _ = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False


