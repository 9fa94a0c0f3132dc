from django.contrib import admin, messages

from policies import services
from policies.models import Attachment, PolicyDocument, Validity
from portal.admin_mixins import PublishingAdmin


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0


class YearFilter(admin.SimpleListFilter):
    title = "年份"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("issued_date", "year", order="DESC")
        return [(str(d.year), f"{d.year}年") for d in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(issued_date__year=int(self.value()))
        return queryset


@admin.register(PolicyDocument)
class PolicyDocumentAdmin(PublishingAdmin):
    list_display = ["title", "doc_number", "issuer", "doc_type", "validity", "status_badge", "issued_date"]
    list_filter = ["issuer", "topic", "doc_type", "validity", "status", YearFilter, "for_elders"]
    search_fields = ["title", "doc_number", "index_number", "keywords"]
    list_select_related = ["issuer"]
    autocomplete_fields = ["superseded_by"]
    filter_horizontal = ["co_issuers"]
    inlines = [AttachmentInline]
    actions = PublishingAdmin.actions + ["mark_expired", "mark_repealed"]
    fieldsets = [
        (None, {"fields": ["title", "doc_number", "index_number", "issuer", "co_issuers", "department"]}),
        ("分类", {"fields": ["topic", "subtopic", "doc_type", "keywords", "for_elders"]}),
        ("有效性", {"fields": ["validity", "superseded_by", "written_date", "issued_date", "effective_date", "expiry_date"]}),
        ("内容", {"fields": ["summary", "body", "source", "source_url", "external_id"]}),
        ("发布", {"fields": ["status", "published_at", "author", "reviewer"]}),
    ]

    def save_model(self, request, obj, form, change):
        services.fill_derived_fields(obj)
        super().save_model(request, obj, form, change)

    def _set_validity(self, request, queryset, validity):
        count = 0
        for policy in queryset:
            if self.has_change_permission(request, policy):
                services.policy_set_validity(policy=policy, validity=validity, actor=request.user)
                count += 1
        self.message_user(request, f"已将 {count} 件文件标记为{Validity(validity).label}。", messages.SUCCESS)

    @admin.action(description="标记失效")
    def mark_expired(self, request, queryset):
        self._set_validity(request, queryset, Validity.EXPIRED)

    @admin.action(description="标记废止")
    def mark_repealed(self, request, queryset):
        self._set_validity(request, queryset, Validity.REPEALED)
