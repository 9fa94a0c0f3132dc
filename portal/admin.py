from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from portal.models import ChangeLog, Department, User

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
