from django.contrib import admin
from django.utils.html import format_html

from elderzone.models import CareInstitution, District, ElderNotice, ElderService, LifeArticle, SpeechAudio
from portal.admin_mixins import DepartmentScopedAdmin, PublishingAdmin

PUBLISH_FIELDS = ("发布", {"fields": ["status", "published_at", "author", "reviewer"]})


@admin.register(ElderService)
class ElderServiceAdmin(PublishingAdmin):
    list_display = ["name", "category", "department", "status_badge", "sort_order", "qr_link"]
    list_filter = ["category", "status", "department"]
    search_fields = ["name", "summary", "url"]
    list_editable = ["sort_order"]
    fieldsets = [
        (None, {"fields": ["name", "category", "summary", "url", "department"]}),
        ("办理说明", {"fields": ["guide", "phone", "sort_order"]}),
        PUBLISH_FIELDS,
    ]

    @admin.display(description="二维码")
    def qr_link(self, obj):
        from django.urls import reverse

        return format_html('<a href="{}" download>下载二维码</a>', reverse("elderzone:service_qr", args=[obj.pk]) + "?download=1")


@admin.register(LifeArticle)
class LifeArticleAdmin(PublishingAdmin):
    list_display = ["title", "category", "department", "status_badge", "published_at"]
    list_filter = ["category", "status", "department"]
    search_fields = ["title", "summary", "body"]
    fieldsets = [(None, {"fields": ["title", "category", "summary", "body", "source", "department"]}), PUBLISH_FIELDS]


@admin.register(ElderNotice)
class ElderNoticeAdmin(PublishingAdmin):
    list_display = ["title", "department", "status_badge", "published_at"]
    list_filter = ["status", "department"]
    search_fields = ["title", "body"]
    fieldsets = [(None, {"fields": ["title", "body", "source", "department"]}), PUBLISH_FIELDS]


@admin.register(District)
class DistrictAdmin(DepartmentScopedAdmin):
    list_display = ["name", "city", "latitude", "longitude", "sort_order", "department"]
    list_filter = ["city"]
    search_fields = ["name", "city"]
    list_editable = ["sort_order"]


@admin.register(CareInstitution)
class CareInstitutionAdmin(PublishingAdmin):
    list_display = ["name", "kind", "district", "phone", "beds", "status_badge"]
    list_filter = ["kind", "district", "status"]
    search_fields = ["name", "address", "phone"]
    list_select_related = ["district"]
    fieldsets = [
        (None, {"fields": ["name", "kind", "district", "department"]}),
        ("联系与服务", {"fields": ["address", "phone", "hours", "beds", "services"]}),
        ("位置", {"fields": ["latitude", "longitude"], "description": "经纬度用于地图和“离我最近”排序（GCJ-02 或 WGS-84，与瓦片服务一致）。"}),
        PUBLISH_FIELDS,
    ]


@admin.register(SpeechAudio)
class SpeechAudioAdmin(DepartmentScopedAdmin):
    """A cache: officials may look and delete (it is made again on the next request), not edit."""

    list_display = ["text_hash", "characters", "mime_type", "size", "created_at", "last_used_at"]
    readonly_fields = ["text_hash", "file", "mime_type", "characters", "size", "created_at", "last_used_at"]

    def get_queryset(self, request):
        # Audio belongs to no department; only cross-department roles see the cache.
        qs = admin.ModelAdmin.get_queryset(self, request)
        return qs if request.user.sees_all_departments else qs.none()

    def owns(self, request, obj) -> bool:
        return request.user.sees_all_departments

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
