"""问答库 in admin: its own list, and an inline on the policy page where the clause is selected from the text."""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from policies import services
from policies.models import PolicyQA
from portal import publishing
from portal.admin_mixins import PublishingAdmin
from portal.models import PublishStatus

STATE_ACTIONS = [("", "保持当前状态"), (PublishStatus.PENDING, "提交审核"), (PublishStatus.PUBLISHED, "发布")]


class PolicyQAInlineForm(forms.ModelForm):
    state_action = forms.ChoiceField(label="保存后", choices=STATE_ACTIONS, required=False)

    class Meta:
        model = PolicyQA
        fields = ["question", "answer", "basis_quote", "category", "guides", "sort_order"]
        widgets = {
            "answer": forms.Textarea(attrs={"rows": 3}),
            "basis_quote": forms.Textarea(attrs={"rows": 3, "class": "qa-basis-quote"}),
        }


class PolicyQAInline(admin.StackedInline):
    model = PolicyQA
    form = PolicyQAInlineForm
    extra = 0
    fields = ["question", "answer", "basis_quote", "category", "guides", "sort_order", "state_action", "status"]
    readonly_fields = ["status"]
    autocomplete_fields = ["guides"]
    classes = ["qa-inline"]
    verbose_name = "政策问答"
    verbose_name_plural = "政策问答（在上方“正文预览”中划选条款，点击“引用所选原文”即可填入依据原文）"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if not request.user.can_publish:
            # A 信息员 may only submit for review; the field is replaced, not edited, as it is shared.
            formset.form.base_fields["state_action"] = forms.ChoiceField(label="保存后", choices=STATE_ACTIONS[:2], required=False)
        return formset


def save_qa_formset(admin_obj, request, formset) -> None:
    """Give new Q&A the policy's department and author, then apply the chosen publishing step."""
    instances = formset.save(commit=False)
    for obj in formset.deleted_objects:
        obj.delete()
    for qa in instances:
        services.qa_defaults_from_policy(qa)
        if not qa.department_id:
            qa.department_id = request.user.department_id
        if not qa.author_id:
            qa.author = request.user
        qa.save()
    formset.save_m2m()
    for form in formset.forms:
        target = form.cleaned_data.get("state_action") if hasattr(form, "cleaned_data") else ""
        if not target or form in formset.deleted_forms or not form.instance.pk:
            continue
        try:
            publishing.transition(obj=form.instance, to=target, actor=request.user)
        except (PermissionDenied, ValidationError) as exc:
            message = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
            admin_obj.message_user(request, f"问答“{form.instance}”：{message}", messages.ERROR)


@admin.register(PolicyQA)
class PolicyQAAdmin(PublishingAdmin):
    list_display = ["question", "category", "policy", "status_badge", "published_at"]
    list_filter = ["category", "status"]
    search_fields = ["question", "answer", "basis_quote"]
    list_select_related = ["policy"]
    autocomplete_fields = ["policy", "guides"]
    fieldsets = [
        (None, {"fields": ["question", "answer", "basis_quote", "category"]}),
        ("关联", {"fields": ["policy", "guides", "sort_order", "department"]}),
        ("发布", {"fields": ["status", "published_at", "author", "reviewer"]}),
    ]

    def save_model(self, request, obj, form, change):
        services.qa_defaults_from_policy(obj)
        super().save_model(request, obj, form, change)
