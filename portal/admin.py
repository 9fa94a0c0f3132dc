from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from portal.models import ChangeLog, Department, User
from portal.textcheck.admin import WordingRuleAdmin  # noqa: F401  (registers the 错敏字 list and its report)

admin.site.site_header = "阳光政务 · 后台管理"
admin.site.site_title = "阳光政务后台"
admin.site.index_title = "内容管理"


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "code", "level", "parent", "phone"]
    list_filter = ["level"]
    search_fields = ["name", "short_name", "code"]
    autocomplete_fields = ["parent"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "last_name", "first_name", "department", "role", "is_active"]
    list_filter = ["role", "department", "is_active"]
    fieldsets = BaseUserAdmin.fieldsets + (("机构与角色", {"fields": ["department", "role"]}),)
    autocomplete_fields = ["department"]


@admin.register(ChangeLog)
class ChangeLogAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "content_type", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor__username"]
    readonly_fields = [f.name for f in ChangeLog._meta.fields]

    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("actor", "content_type")
        if request.user.sees_all_departments:
            return qs
        # Officials see what their own department's people did.
        return qs.filter(actor__department_id=request.user.department_id)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- news, notices, 专栏, site settings, 数据分析 (portal admin, part 2) ------------------------------
from django.shortcuts import redirect  # noqa: E402
from django.urls import path  # noqa: E402

from portal.admin_mixins import DepartmentScopedAdmin, PublishingAdmin  # noqa: E402
from portal.analytics import admin_views as analytics_views  # noqa: E402
from portal.editor import RichTextAdminMixin  # noqa: E402
from portal.models import Article, ArticleAttachment, Column, OfficialAccount, PageViewDaily, SiteSettings  # noqa: E402


class ArticleAttachmentInline(admin.TabularInline):
    model = ArticleAttachment
    extra = 0
    fields = ["title", "file", "sort_order"]


@admin.register(Article)
class ArticleAdmin(RichTextAdminMixin, PublishingAdmin):
    rich_text_fields = ("body",)
    list_display = ["title", "category", "is_headline", "pinned", "department", "status_badge", "published_at"]
    list_filter = ["category", "status", "is_headline", "columns", "openness"]
    search_fields = ["title", "summary", "source"]
    date_hierarchy = "published_at"
    filter_horizontal = ["columns"]
    inlines = [ArticleAttachmentInline]
    fieldsets = [
        (None, {"fields": ["title", "category", "department", "columns", "is_headline", "pinned"]}),
        ("正文", {"fields": ["summary", "body", "cover", "cover_alt"]}),
        ("来源", {"fields": ["source", "source_url", "byline", "keywords", "openness"]}),
        ("发布", {"fields": ["status", "published_at", "author", "reviewer"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("department")


@admin.register(Column)
class ColumnAdmin(DepartmentScopedAdmin):
    list_display = ["name", "slug", "department", "openness", "on_home", "is_active", "sort_order", "article_count"]
    list_editable = ["sort_order"]
    list_filter = ["is_active", "on_home", "openness"]
    search_fields = ["name", "slug", "description"]

    @admin.display(description="文章数")
    def article_count(self, obj):
        return obj.articles.count()


class OfficialAccountInline(admin.TabularInline):
    model = OfficialAccount
    extra = 0
    fields = ["name", "kind", "level", "image", "url", "sort_order", "is_active"]


@admin.register(SiteSettings)
class SiteSettingsAdmin(DepartmentScopedAdmin):
    """One row: the changelist goes straight to its form. Only 公开办 and 系统管理员 edit it."""

    inlines = [OfficialAccountInline]
    fieldsets = [
        ("网站", {"fields": ["site_name", "government_name", "domain", "site_id_code", "icp_number", "police_number"]}),
        ("联系方式（页脚）", {"fields": ["organizer", "operator", "address", "postcode", "phone", "email", "service_hours"]}),
        ("政务公开专区自助终端", {"fields": ["kiosk_title", "kiosk_idle_seconds"]}),
        ("站内搜索", {"fields": ["hot_words_need_approval"]}),
    ]

    def get_queryset(self, request):
        qs = SiteSettings.objects.all()
        return qs if request.user.sees_all_departments else qs.none()

    def owns(self, request, obj) -> bool:
        return request.user.sees_all_departments

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            return super().changelist_view(request, extra_context)
        row = SiteSettings.objects.first()
        if row is None:
            return redirect("admin:portal_sitesettings_add")
        return redirect("admin:portal_sitesettings_change", row.pk)


@admin.register(PageViewDaily)
class AnalyticsAdmin(DepartmentScopedAdmin):
    """数据分析: the changelist is the dashboard (charts, tables, monthly Excel report)."""

    def get_queryset(self, request):
        qs = PageViewDaily.objects.all()
        return qs if request.user.sees_all_departments else qs.none()

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.sees_all_departments and super().has_view_permission(request, obj)

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("report.xlsx", wrap(self.report_view), name="portal_pageviewdaily_report"),
            path("flush/", wrap(self.flush_view), name="portal_pageviewdaily_flush"),
        ] + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        return analytics_views.dashboard(self, request)

    def report_view(self, request):
        return analytics_views.report(self, request)

    def flush_view(self, request):
        return analytics_views.flush_now(self, request)
