from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.db import models

from policies import selectors, services
from policies.models import Attachment, DocType, Interpretation, PolicyDocument, PolicyInterpreter, Validity
from portal.admin_mixins import PublishingAdmin
from portal.editor import RichTextAdminMixin
from portal.models import PublishStatus
from portal.params import Params

from .qa import PolicyQAInline, save_qa_formset

INTERPRETER_FORM_FIELDS = {
    "interpreter_organization": "organization", "interpreter_name": "name", "interpreter_position": "position",
    "interpreter_phone": "phone", "interpreter_email": "email",
}


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
        year = Params({self.parameter_name: self.value()}).year()
        return queryset.filter(issued_date__year=year) if year else queryset


class InterpretationFilter(admin.SimpleListFilter):
    title = "政策解读"
    parameter_name = "interpreted"

    def lookups(self, request, model_admin):
        return [("no", "规范性文件缺少已发布的解读"), ("yes", "已有已发布的解读")]

    def queryset(self, request, queryset):
        published = Interpretation.objects.public().filter(policies__isnull=False).values("policies")
        if self.value() == "no":
            return queryset.filter(doc_type=DocType.NORMATIVE).exclude(pk__in=published)
        if self.value() == "yes":
            return queryset.filter(pk__in=published)
        return queryset


class PolicyDocumentForm(forms.ModelForm):
    """The policy plus its current 解读人 (六公开); the service decides whether that is a new person."""

    interpreter_organization = forms.CharField(label="解读机构", max_length=100, required=False)
    interpreter_name = forms.CharField(label="解读人", max_length=40, required=False, help_text="更换为另一人时，原解读人的任职记录会保留。")
    interpreter_position = forms.CharField(label="职务", max_length=100, required=False)
    interpreter_phone = forms.CharField(label="联系电话", max_length=40, required=False)
    interpreter_email = forms.EmailField(label="电子邮箱", required=False)
    interpreter_confirm = forms.BooleanField(label="信息无变化，确认仍然有效", required=False,
                                             help_text="定期核实解读人信息；超过一年未更新的文件会列入“解读人超期未更新”。")

    class Meta:
        model = PolicyDocument
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = selectors.current_interpreter(self.instance) if self.instance.pk else None
        if current:
            for form_name, attr in INTERPRETER_FORM_FIELDS.items():
                self.fields[form_name].initial = getattr(current, attr)

    def clean(self):
        data = super().clean()
        given = {name: (data.get(name) or "").strip() for name in INTERPRETER_FORM_FIELDS}
        if any(given.values()):
            missing = [self.fields[n].label for n in ("interpreter_organization", "interpreter_name", "interpreter_phone") if not given[n]]
            if missing:
                raise forms.ValidationError(f"填写解读人时须同时填写：{'、'.join(missing)}。")
        return data


@admin.register(PolicyDocument)
class PolicyDocumentAdmin(RichTextAdminMixin, PublishingAdmin):
    rich_text_fields = ("body",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    form = PolicyDocumentForm
    change_form_template = "policies/admin/policy_change_form.html"
    list_display = ["title", "doc_number", "issuer", "doc_type", "validity", "status_badge", "issued_date"]
    list_filter = ["issuer", "topic", "doc_type", "validity", "status", YearFilter, InterpretationFilter, "for_elders"]
    search_fields = ["title", "doc_number", "index_number", "keywords"]
    list_select_related = ["issuer"]
    autocomplete_fields = ["superseded_by"]
    filter_horizontal = ["co_issuers"]
    inlines = [AttachmentInline, PolicyQAInline]
    actions = PublishingAdmin.actions + ["mark_expired", "mark_repealed"]
    readonly_fields = ["body_preview", "interpretation_links", "interpreter_history"]
    fieldsets = [
        (None, {"fields": ["title", "doc_number", "index_number", "issuer", "co_issuers", "department"]}),
        ("分类", {"fields": ["topic", "subtopic", "doc_type", "keywords", "for_elders"]}),
        ("有效性", {"fields": ["validity", "superseded_by", "written_date", "issued_date", "effective_date", "expiry_date"]}),
        ("内容", {"fields": ["summary", "body", "body_preview", "source", "source_url", "external_id"]}),
        ("政策解读", {"fields": ["interpretation_links"]}),
        ("解读人（解读机构、解读人、联系方式随文件同步公开）", {"fields": [
            "interpreter_organization", "interpreter_name", "interpreter_position", "interpreter_phone",
            "interpreter_email", "interpreter_confirm", "interpreter_history",
        ]}),
        ("发布", {"fields": ["status", "published_at", "author", "reviewer"]}),
    ]

    class Media:
        css = {"all": ["policies/admin_policy.css"]}
        js = ["policies/admin_qa_quote.js"]

    # --- read-only panels ------------------------------------------------------------------------
    @admin.display(description="正文预览（划选条款后点“引用所选原文”）")
    def body_preview(self, obj):
        if not obj or not obj.pk:
            return "保存后可在此划选正文条款，生成问答的依据原文。"
        return format_html(
            '<div class="policy-body-preview" id="policy-body-preview" tabindex="0" aria-label="正文预览">{}</div>'
            '<p><button type="button" class="button" id="qa-quote-new" disabled>用所选原文新建问答</button> '
            '<span class="help" id="qa-quote-status" aria-live="polite"></span></p>',
            obj.body_text,
        )

    @admin.display(description="本文件的解读")
    def interpretation_links(self, obj):
        add_url = reverse("admin:policies_interpretation_add")
        if not obj or not obj.pk:
            return "保存文件后可新增解读。"
        rows = obj.interpretations.order_by("-id")
        items = format_html_join(
            "", '<li><a href="{}">{}</a>（{}，{}）</li>',
            ((reverse("admin:policies_interpretation_change", args=[i.pk]), i.title, i.get_kind_display(), i.get_status_display()) for i in rows),
        )
        return format_html('<ul class="interpretation-links">{}</ul><a class="button" href="{}?policies={}">新增解读</a>',
                           items or format_html("<li>{}</li>", "尚无解读"), add_url, obj.pk)

    @admin.display(description="解读人变更记录")
    def interpreter_history(self, obj):
        if not obj or not obj.pk:
            return "—"
        rows = PolicyInterpreter.objects.filter(policy=obj).order_by("-start_date", "-id")
        if not rows:
            return "尚未设置解读人"
        body = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} 至 {}</td><td>{}</td></tr>", (
            (r.organization, r.name, r.position or "—", r.contact, r.start_date, r.end_date or "今", r.confirmed_on) for r in rows
        ))
        return format_html(
            '<table class="interpreter-history"><caption>历任解读人</caption><thead><tr><th scope="col">解读机构</th><th scope="col">解读人</th>'
            '<th scope="col">职务</th><th scope="col">联系方式</th><th scope="col">任职期间</th><th scope="col">最近核实</th></tr></thead><tbody>{}</tbody></table>',
            body,
        )

    # --- saving ----------------------------------------------------------------------------------
    def save_model(self, request, obj, form, change):
        services.fill_derived_fields(obj)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model.__name__ == "PolicyQA":
            save_qa_formset(self, request, formset)
        else:
            super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        data = form.cleaned_data
        policy = form.instance
        if data.get("interpreter_name"):
            _, outcome = services.interpreter_set(
                policy=policy, actor=request.user,
                **{attr: data.get(name) or "" for name, attr in INTERPRETER_FORM_FIELDS.items()},
            )
            if outcome == "changed":
                self.message_user(request, "已更换解读人，原解读人的任职记录已保留。", messages.INFO)
            elif outcome == "unchanged" and data.get("interpreter_confirm"):
                services.interpreter_confirm(policy=policy, actor=request.user)

    # --- publishing with the interpretation check ------------------------------------------------
    def warn_missing_interpretation(self, request, policies) -> None:
        for policy, reason in selectors.normative_without_interpretation(policies):
            self.message_user(
                request,
                f"“{policy}”是行政规范性文件，{reason}。政策解读应与文件同步发布，请尽快补充并发布解读。",
                messages.WARNING,
            )

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        if request.POST.get("_transition") == PublishStatus.PUBLISHED and obj.status == PublishStatus.PUBLISHED:
            self.warn_missing_interpretation(request, [obj])
        return response

    @admin.action(description="发布")
    def publish(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        super().publish(request, queryset)
        self.warn_missing_interpretation(request, PolicyDocument.objects.filter(pk__in=ids, status=PublishStatus.PUBLISHED))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.doc_type == DocType.NORMATIVE:
            missing = selectors.normative_without_interpretation([obj])
            if missing:
                context["interpretation_warning"] = f"本文件是行政规范性文件，{missing[0][1]}。政策解读应与文件同步发布。"
        return super().render_change_form(request, context, add, change, form_url, obj)

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
