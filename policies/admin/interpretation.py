"""政策解读 in admin: images (一图读懂) and figures (数说) as inlines, checked against the chosen kind."""
from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.db import models

from policies.models import Interpretation, InterpretationFigure, InterpretationImage, InterpretationKind
from portal.admin_mixins import PublishingAdmin
from portal.editor import RichTextAdminMixin


def _live_forms(formset):
    return [f for f in formset.forms if f.has_changed() or f.instance.pk
            if not (formset.can_delete and formset._should_delete_form(f))]


class ImageFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if self.instance.kind == InterpretationKind.GRAPHIC and not any(
            f.cleaned_data.get("image") or f.instance.image for f in _live_forms(self) if hasattr(f, "cleaned_data")
        ):
            raise ValidationError("图解至少需要一张图片。")


class FigureFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if self.instance.kind == InterpretationKind.FIGURES and not _live_forms(self):
            raise ValidationError("数说至少需要一项数据（项目和数值），页面会据此生成图表和数据表。")


class InterpretationImageForm(forms.ModelForm):
    class Meta:
        model = InterpretationImage
        fields = ["image", "alt_text", "description", "sort_order"]
        widgets = {
            "image": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class InterpretationImageInline(admin.StackedInline):
    model = InterpretationImage
    form = InterpretationImageForm
    formset = ImageFormSet
    extra = 0
    fields = ["image", "thumbnail_preview", "alt_text", "description", "sort_order"]
    readonly_fields = ["thumbnail_preview"]
    verbose_name_plural = "图解图片（一图读懂；每张图须填写替代文字）"

    @admin.display(description="缩略图")
    def thumbnail_preview(self, obj):
        if obj and obj.thumbnail:
            return format_html('<img class="admin-thumbnail" src="{}" alt="{}">', obj.thumbnail.url, obj.alt_text)
        return "保存后自动生成"


class InterpretationFigureInline(admin.TabularInline):
    model = InterpretationFigure
    formset = FigureFormSet
    extra = 0
    fields = ["label", "value", "note", "sort_order"]
    verbose_name_plural = "数说数据（生成柱状图和数据表）"


@admin.register(Interpretation)
class InterpretationAdmin(RichTextAdminMixin, PublishingAdmin):
    rich_text_fields = ("body",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "kind", "policy_titles", "status_badge", "published_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "summary", "speaker", "policies__title"]
    autocomplete_fields = ["policies"]
    inlines = [InterpretationImageInline, InterpretationFigureInline]

    class Media:
        css = {"all": ["policies/admin_policy.css"]}
    fieldsets = [
        (None, {"fields": ["title", "kind", "policies", "summary", "body", "department"]}),
        ("厅说、专家、媒体", {"fields": ["speaker", "source", "source_url"]}),
        ("视频", {"fields": ["video_file", "video_captions", "video_url", "transcript"],
                  "description": "视频解读、厅说：上传视频或填写链接，并提供文字实录。"}),
        ("数说图表", {"fields": ["chart_title", "chart_unit"]}),
        ("发布", {"fields": ["status", "published_at", "author", "reviewer"]}),
    ]

    @admin.display(description="解读的文件")
    def policy_titles(self, obj):
        return "；".join(p.title for p in obj.policies.all()[:3])

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("policies")

    def get_search_results(self, request, queryset, search_term):
        queryset, _ = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False
