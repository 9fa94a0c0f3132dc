"""The officials' rich-text editor for 正文 (Quill 2, BSD, served from static/vendor/quill: no CDN).

Officials paste from Word and WPS. Quill reads pasted HTML into its own document model, so Word's styles,
classes and comments are dropped while headings, lists, tables and links stay; what it writes back still
passes portal.text.sanitize_html on save. Pictures go through `upload_image` — the checked upload path
(portal.uploads.validate_image) — and are stored as BodyImage, public only while published text shows them.
"""
from __future__ import annotations

from django import forms
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from portal.models import BodyImage
from portal.uploads import validate_image


class RichTextEditor(forms.Textarea):
    """A textarea that editor.js turns into the editor (without JavaScript it stays a textarea of HTML)."""

    class Media:
        css = {"all": ["vendor/quill/quill.snow.css", "portal/editor.css"]}
        js = ["vendor/quill/quill.js", "portal/editor.js"]

    def __init__(self, attrs=None):
        super().__init__({"rows": 20, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-rich-text"] = ""
        context["widget"]["attrs"]["data-upload-url"] = reverse("editor_upload")
        return context


class RichTextAdminMixin:
    """ModelAdmin mixin: the fields named in `rich_text_fields` are edited with the editor."""

    rich_text_fields: tuple[str, ...] = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.rich_text_fields:
            kwargs["widget"] = RichTextEditor
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@require_POST
@staff_member_required
def upload_image(request):
    """POST an image (field "image") from the editor; answers {"url"} or {"error"} in Chinese."""
    upload = request.FILES.get("image")
    if upload is None:
        return JsonResponse({"error": "没有收到图片。"}, status=400)
    try:
        validate_image(upload)
    except ValidationError as exc:
        return JsonResponse({"error": "；".join(exc.messages)}, status=400)
    row = BodyImage.objects.create(image=upload, department=request.user.department, uploaded_by=request.user)
    return JsonResponse({"url": row.image.url})
