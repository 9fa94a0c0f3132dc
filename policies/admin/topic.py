from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html

from policies import selectors
from policies.models import SpecialTopic
from portal.admin_mixins import PublishingAdmin


@admin.register(SpecialTopic)
class SpecialTopicAdmin(PublishingAdmin):
    list_display = ["title", "sort_order", "status_badge", "published_at"]
    list_filter = ["status"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["policies", "qas", "guides"]
    readonly_fields = ["contents_preview"]
    fieldsets = [
        (None, {"fields": ["title", "description", "cover", "cover_alt", "sort_order", "department"]}),
        ("手工精选", {"fields": ["policies", "qas", "guides"]}),
        ("保存的检索（自动纳入匹配的内容）", {"fields": ["search_query", "search_topic", "search_qa_category", "contents_preview"]}),
        ("发布", {"fields": ["status", "published_at", "author", "reviewer"]}),
    ]

    @admin.display(description="当前收录")
    def contents_preview(self, obj):
        if not obj or not obj.pk:
            return "保存后显示当前收录的内容。"
        contents = selectors.topic_contents(obj)
        return format_html("已发布的文件 {} 件、问答 {} 条、办事指南 {} 项（精选 + 保存的检索）。",
                           len(contents.policies), len(contents.qas), len(contents.guides))
