"""Back office of the 政务信箱: accept, reply, reject, publish."""
from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from openinfo import services
from openinfo.models import Letter
from portal import textcheck
from portal.admin_mixins import DepartmentScopedAdmin

from . import forms as f

PRIVATE = ["name", "phone", "email"]


@admin.register(Letter)
class LetterAdmin(DepartmentScopedAdmin):
    list_display = ["tracking_number", "subject", "kind", "department", "status", "due_column", "channel",
                    "consent_publish", "published", "rating"]
    list_filter = ["status", "kind", "channel", "department", "published", "rating"]
    search_fields = ["tracking_number", "subject", "content"]
    list_select_related = ["department"]
    date_hierarchy = "submitted_at"
    change_form_template = "openinfo/admin/letter_change_form.html"
    readonly_fields = ["tracking_number", "kind", "department", "subject", "content", *PRIVATE, "channel",
                       "consent_publish", "status", "submitted_at", "accepted_on", "due_date", "due_provisional",
                       "reply", "replied_at", "reply_department", "reject_reason", "published", "rating",
                       "rating_comment", "rated_at"]
    fieldsets = [
        ("来信", {"fields": ["tracking_number", "kind", "department", "subject", "content", "channel",
                             "submitted_at"]}),
        ("来信人（个人信息：仅受理机构、公开办和系统管理员可见，不公开）", {"fields": PRIVATE + ["consent_publish"]}),
        ("办理", {"fields": ["status", "handler", "accepted_on", "due_date", "due_provisional", "reply",
                             "replied_at", "reply_department", "reject_reason"]}),
        ("公开与评价", {"fields": ["published", "public_subject", "rating", "rating_comment", "rated_at"]}),
    ]

    def has_add_permission(self, request):
        return False  # letters come from the public form (or the elder zone)

    @admin.display(description="答复期限", ordering="due_date")
    def due_column(self, obj):
        if obj.status not in (Letter.Status.SUBMITTED, Letter.Status.ACCEPTED) or obj.due_date is None:
            return obj.due_date or "—"
        if obj.due_date < timezone.localdate():
            return format_html('<strong class="errornote">{} 已超期</strong>', obj.due_text)
        return obj.due_text

    def get_urls(self):
        wrap = self.admin_site.admin_view
        step = path("<id:pk>/step/<text:step>/", wrap(self.step_view), name="openinfo_letter_step")
        return [step] + super().get_urls()

    def step_view(self, request, pk, step):
        letter = get_object_or_404(Letter, pk=pk)
        if not self.owns(request, letter) or not self.has_change_permission(request, letter):
            raise PermissionDenied("您无权办理其他机构的来信。")
        back = redirect(reverse("admin:openinfo_letter_change", args=[pk]))
        if request.method != "POST":
            return back
        try:
            if step == "accept":
                services.letter_accept(letter=letter, actor=request.user)
                messages.success(request, "已受理。")
            elif step == "reply":
                form = f.LetterReplyForm(request.POST, prefix="reply")
                if not form.is_valid():
                    raise ValidationError("请填写答复内容。")
                try:
                    services.letter_reply(letter=letter, actor=request.user, reply=form.cleaned_data["reply"],
                                          publish=form.cleaned_data["publish"])
                except textcheck.PublicationBlocked as exc:
                    # Nothing was sent: say how to answer now and publish after masking.
                    raise ValidationError(["答复未发送。", *exc.messages,
                                           "可先不勾选公开并答复，再在本页遮蔽个人信息后公开。"]) from exc
                messages.success(request, "已答复。")
            elif step == "reject":
                form = f.LetterRejectForm(request.POST, prefix="reject")
                if not form.is_valid():
                    raise ValidationError("请填写不予受理的理由。")
                services.letter_reject(letter=letter, actor=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, "已不予受理。")
            elif step in ("publish", "unpublish"):
                services.letter_set_published(letter=letter, actor=request.user, published=step == "publish")
                messages.success(request, "已公开。" if step == "publish" else "已取消公开。")
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        return back

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context.update({"reply_form": f.LetterReplyForm(prefix="reply"),
                            "reject_form": f.LetterRejectForm(prefix="reject")})
        return super().render_change_form(request, context, add, change, form_url, obj)
