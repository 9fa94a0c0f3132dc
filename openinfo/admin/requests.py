"""Back office of 依申请公开: the case view with its workflow steps, registration, the queue."""
from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html

from openinfo import deadlines, services
from openinfo.models import InfoRequest, RequestDocument, RequestFile, RequestPause, RequestStatus
from openinfo.selectors import queue_buckets
from openinfo.selectors.queue import letter_buckets
from openinfo.services.calendar import reminder_years
from portal import audit
from portal.admin_mixins import DepartmentScopedAdmin

from . import forms as f

S = RequestStatus
PRIVATE_FIELDS = {"name", "contact_person", "id_number", "phone", "email", "address", "postcode"}

# action → (form class, service call, the statuses where it is offered, the button label)
STEPS = {
    "accept": (f.AcceptForm, lambda r, u, d: services.request_accept(req=r, actor=u, confirmed_on=d["confirmed_on"]),
               "确认收到并受理"),
    "correction": (f.CorrectionForm, lambda r, u, d: services.request_ask_correction(
        req=r, actor=u, items=d["items"], notice_on=d["notice_on"], deadline=d["deadline"],
        late_reason=d["late_reason"]), "发出补正告知"),
    "corrected": (f.CorrectedForm, lambda r, u, d: services.request_receive_correction(
        req=r, actor=u, corrected_on=d["corrected_on"]), "收到补正，重新计时"),
    "extend": (f.ExtendForm, lambda r, u, d: services.request_extend(
        req=r, actor=u, reason=d["reason"], approver=d["approver"], approved_on=d["approved_on"]), "延期答复"),
    "consult": (f.ConsultForm, lambda r, u, d: services.request_consult(
        req=r, actor=u, kind=d["kind"], started=d["started"], note=d["note"]), "发函征求意见（暂停计时）"),
    "fee": (f.FeeForm, lambda r, u, d: services.request_fee_notice(
        req=r, actor=u, method=d["method"], units=d["units"], notice_on=d["notice_on"]), "发出收费通知（暂停计时）"),
    "resume": (f.ResumeForm, lambda r, u, d: services.request_resume(req=r, actor=u, ended=d["ended"], note=d["note"]),
               "结束暂停（已收到意见/已缴费）"),
    "reply": (f.ReplyForm, lambda r, u, d: services.request_reply(
        req=r, actor=u, outcome=d["outcome"], reply_text=d["reply_text"], replied_on=d["replied_on"]), "答复"),
    "withdraw": (f.DateOnlyForm, lambda r, u, d: services.request_withdraw(req=r, actor=u, on=d["on"]), "申请人撤回"),
    "abandon": (f.DateOnlyForm, lambda r, u, d: services.request_abandon(req=r, actor=u, on=d["on"]),
                "视为放弃（逾期未补正/未缴费）"),
}


def available_steps(req: InfoRequest) -> list[str]:
    paused = any(p.ended is None for p in req.pauses.all())
    if req.status == S.SUBMITTED:
        return ["accept", "withdraw"]
    if req.status == S.CORRECTION:
        return ["corrected", "abandon", "withdraw"]
    if req.status == S.ACCEPTED:
        if paused:
            fee = any(p.ended is None and p.kind == RequestPause.Kind.FEE for p in req.pauses.all())
            return ["resume"] + (["abandon"] if fee else []) + ["withdraw"]
        steps = ["reply"]
        if not req.correction_requested_on:
            steps.append("correction")
        if not req.extended:
            steps.append("extend")
        return steps + ["consult", "fee", "withdraw"]
    return []


class RequestFileInline(admin.TabularInline):
    model = RequestFile
    extra = 1
    fields = ["title", "file"]


class DeadlineFilter(admin.SimpleListFilter):
    title = "期限"
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [("overdue", "已超期"), ("soon", "3个工作日内到期"), ("provisional", "期限暂定（放假安排未录入）")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        open_qs = queryset.exclude(status__in=[S.REPLIED, S.WITHDRAWN, S.ABANDONED])
        if self.value() == "overdue":
            return open_qs.filter(due_date__lt=today)
        if self.value() == "soon":
            limit = deadlines.add_working_days(today, 3, deadlines.load_calendar())
            return open_qs.filter(due_date__gte=today, due_date__lte=limit)
        if self.value() == "provisional":
            return open_qs.exclude(due_provisional="")
        return queryset


@admin.register(InfoRequest)
class InfoRequestAdmin(DepartmentScopedAdmin):
    list_display = ["tracking_number", "name", "masked_id_column", "department", "status", "due_column",
                    "outcome", "handler"]
    list_filter = [DeadlineFilter, "status", "department", "handler", "applicant_type", "channel", "outcome"]
    search_fields = ["tracking_number", "name", "description"]
    list_select_related = ["department", "handler"]
    date_hierarchy = "received_on"
    inlines = [RequestFileInline]
    change_form_template = "openinfo/admin/request_change_form.html"
    change_list_template = "openinfo/admin/request_change_list.html"
    readonly_fields = [
        "tracking_number", "department", "applicant_type", "name", "contact_person", "id_type", "id_number_masked",
        "description", "delivery", "medium", "channel", "status", "submitted_at", "signed_on", "confirmed_on",
        "received_on", "clock_start", "due_date", "due_explanation", "extended", "extension_reason",
        "extension_approver", "extension_approved_on", "correction_items", "correction_requested_on",
        "correction_deadline", "corrected_on", "correction_late_reason", "outcome", "reply_text", "replied_on",
        "concluded_on",
    ]
    fieldsets = [
        ("申请人（个人信息：完整证件号码仅承办机构和承办人可查看，每次查看记入变更记录）", {"fields": [
            "applicant_type", "name", "contact_person", "id_type", "id_number_masked", "phone", "email", "address",
            "postcode"]}),
        ("申请内容", {"fields": ["tracking_number", "department", "description", "delivery", "medium", "channel"]}),
        ("办理", {"fields": ["status", "handler", "submitted_at", "signed_on", "confirmed_on", "received_on",
                           "clock_start", "due_date", "due_explanation"]}),
        ("补正与延期", {"classes": ["collapse"], "fields": [
            "correction_items", "correction_requested_on", "correction_deadline", "corrected_on",
            "correction_late_reason", "extended",
            "extension_reason", "extension_approver", "extension_approved_on"]}),
        ("答复", {"fields": ["outcome", "reply_text", "replied_on", "concluded_on"]}),
    ]

    @admin.display(description="证件号码")
    def masked_id_column(self, obj):
        return obj.masked_id

    @admin.display(description="证件号码")
    def id_number_masked(self, obj):
        # Masked for every reader, handlers included: the full number only through 显示完整证件号 (logged).
        return obj.masked_id

    @admin.display(description="答复期限", ordering="due_date")
    def due_column(self, obj):
        if not obj.due_date:
            return "—"
        late = obj.is_open and obj.due_date < timezone.localdate()
        return format_html('<strong class="errornote">{} 已超期</strong>', obj.due_text) if late else obj.due_text

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = f.RegisterForm
            kwargs["fields"] = None
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": list(f.RegisterForm.base_fields)})]
        return self.fieldsets

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            # Contact details may be corrected here; the history says that they changed, not to what.
            before = audit.snapshot(InfoRequest.objects.get(pk=obj.pk))
            admin.ModelAdmin.save_model(self, request, obj, form, change)
            changes = {name: (["（已修改）", "（已修改）"] if name in PRIVATE_FIELDS else values)
                       for name, values in audit.diff(before, audit.snapshot(obj)).items()}
            audit.record(obj=obj, action="修改", actor=request.user, changes=changes)
            return
        data = dict(form.cleaned_data)
        department = data.pop("department")
        created = services.request_register(
            actor=request.user, department=department, channel=data.pop("channel"),
            submitted_on=data.pop("submitted_on"), signed_on=data.pop("signed_on_input"),
            confirmed_on=data.pop("confirmed_on_input"), **data,
        )
        obj.pk = created.pk
        obj.__dict__.update({k: v for k, v in created.__dict__.items() if not k.startswith("_")})
        messages.warning(request, format_html(
            "已登记申请 {}。查询码 <strong>{}</strong> 只显示这一次，请告知申请人（或打印回执交给申请人）。",
            created.tracking_number, created.query_code_plain))

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("queue/", wrap(self.queue_view), name="openinfo_inforequest_queue"),
            path("<id:pk>/step/<text:step>/", wrap(self.step_view), name="openinfo_inforequest_step"),
            path("<id:pk>/draft/", wrap(self.draft_view), name="openinfo_inforequest_draft"),
            path("<id:pk>/reveal-id/", wrap(self.reveal_id_view), name="openinfo_inforequest_reveal_id"),
        ] + super().get_urls()

    def _case(self, request, pk) -> InfoRequest:
        req = get_object_or_404(InfoRequest.objects.select_related("department"), pk=pk)
        if not self.owns(request, req) or not self.has_change_permission(request, req):
            raise PermissionDenied("您无权办理其他机构的申请。")
        return req

    def step_view(self, request, pk, step):
        req = self._case(request, pk)
        if request.method != "POST" or step not in STEPS:
            return redirect(reverse("admin:openinfo_inforequest_change", args=[pk]))
        form_class, call, label = STEPS[step]
        form = form_class(request.POST, prefix=step)
        if step not in available_steps(req):
            messages.error(request, f"当前状态“{req.get_status_display()}”下不能{label}。")
        elif not form.is_valid():
            for field, errors in form.errors.items():
                name = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"{label}：{name}{'：' if name else ''}{'；'.join(errors)}")
        else:
            try:
                call(req, request.user, form.cleaned_data)
                messages.success(request, f"已{label}。")
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
        return redirect(reverse("admin:openinfo_inforequest_change", args=[pk]))

    def reveal_id_view(self, request, pk):
        req = self._case(request, pk)
        if request.method != "POST":
            return redirect(reverse("admin:openinfo_inforequest_change", args=[pk]))
        number = services.request_reveal_id(req=req, actor=request.user)
        context = {**self.admin_site.each_context(request), "title": f"完整证件号码：{req.tracking_number}",
                   "opts": self.model._meta, "original": req, "number": number}
        response = TemplateResponse(request, "openinfo/admin/id_reveal.html", context)
        add_never_cache_headers(response)
        return response

    def draft_view(self, request, pk):
        req = self._case(request, pk)
        form = f.DraftForm(request.POST or None, prefix="draft")
        if request.method == "POST" and form.is_valid():
            try:
                doc = services.document_draft(req=req, kind=form.cleaned_data["kind"], actor=request.user,
                                              outcome=form.cleaned_data["outcome"])
                messages.success(request, f"已生成{doc.get_kind_display()}草稿，可修改后打印或下载。")
                return redirect(reverse("admin:openinfo_requestdocument_change", args=[doc.pk]))
            except ValidationError as exc:
                messages.error(request, "；".join(exc.messages))
        return redirect(reverse("admin:openinfo_inforequest_change", args=[pk]))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            steps = available_steps(obj)
            context.update({
                "steps": [(name, STEPS[name][2], STEPS[name][0](prefix=name)) for name in steps],
                "events": obj.events.select_related("actor").order_by("on", "at"),
                "pauses": obj.pauses.all(),
                "documents": obj.documents.all(),
                "draft_form": f.DraftForm(prefix="draft"),
                "correction_notice_due": self._correction_notice_due(obj),
                "may_reveal_id": services.handles_case(request.user, obj),
            })
        return super().render_change_form(request, context, add, change, form_url, obj)

    @staticmethod
    def _correction_notice_due(req):
        if req.status != S.ACCEPTED or req.correction_requested_on or not req.received_on:
            return None
        return deadlines.add_working_days(req.received_on, deadlines.CORRECTION_NOTICE_DAYS, deadlines.load_calendar())

    def changelist_view(self, request, extra_context=None):
        missing_years = reminder_years()
        if missing_years:
            messages.warning(request, format_html(
                "工作日历尚未录入 {} 年的放假安排：涉及这些年份的期限按法定节假日暂算并标注“暂定”，录入后自动重算。"
                '请在<a href="{}">工作日历</a>中粘贴国务院办公厅的通知录入。',
                "、".join(str(y) for y in missing_years), reverse("admin:openinfo_workcalendarday_paste")))
        return super().changelist_view(request, extra_context)

    def queue_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        department = None if request.user.sees_all_departments else request.user.department
        buckets = queue_buckets(department)
        by_officer = {}
        for name in ("overdue", "soon", "expired", "ok", "paused", "unconfirmed"):
            for req, _left in buckets[name]:
                key = req.handler.get_full_name() or req.handler.username if req.handler else "（未指定承办人）"
                by_officer.setdefault(key, {"overdue": 0, "soon": 0, "open": 0})
                by_officer[key]["open"] += 1
                if name in ("overdue", "soon"):
                    by_officer[key][name] += 1
        context = {
            **self.admin_site.each_context(request), "title": "待办队列：依申请公开与政务信箱",
            "opts": self.model._meta, "buckets": buckets, "by_officer": sorted(by_officer.items()),
            "letters": letter_buckets(department),
        }
        return TemplateResponse(request, "openinfo/admin/queue.html", context)


@admin.register(RequestDocument)
class RequestDocumentAdmin(DepartmentScopedAdmin):
    department_lookup = "request__department"
    list_display = ["title", "doc_number", "request", "kind", "dated", "issued_at", "created_by"]
    list_filter = ["kind"]
    search_fields = ["request__tracking_number", "doc_number"]
    readonly_fields = ["request", "kind", "doc_number", "dated", "issued_at", "issued_by", "created_at",
                       "created_by"]
    fields = ["request", "kind", "title", "doc_number", "dated", "body", "issued_at", "issued_by", "created_at",
              "created_by"]
    change_form_template = "openinfo/admin/document_change_form.html"

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        # An issued notice has gone to the applicant under its 文号: its text is the record, not a draft.
        return fields + ["title", "body"] if obj is not None and obj.is_issued else fields

    def has_add_permission(self, request):
        return False  # documents are drafted from a case

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<id:pk>/issue/", wrap(self.issue_view), name="openinfo_requestdocument_issue"),
            path("<id:pk>/print/", wrap(self.print_view), name="openinfo_requestdocument_print"),
            path("<id:pk>/docx/", wrap(self.docx_view), name="openinfo_requestdocument_docx"),
        ] + super().get_urls()

    def _doc(self, request, pk):
        doc = get_object_or_404(RequestDocument.objects.select_related("request__department"), pk=pk)
        if not self.owns(request, doc) or not self.has_view_permission(request, doc):
            raise PermissionDenied
        return doc

    def issue_view(self, request, pk):
        doc = self._doc(request, pk)
        if request.method == "POST":
            if not self.has_change_permission(request, doc):
                raise PermissionDenied
            try:
                doc = services.document_issue(doc=doc, actor=request.user)
                messages.success(request, f"已签发：{doc.doc_number}（成文日期 {doc.dated}）。")
            except ValidationError as exc:
                messages.error(request, "；".join(exc.messages))
        return redirect(reverse("admin:openinfo_requestdocument_change", args=[pk]))

    def print_view(self, request, pk):
        doc = self._doc(request, pk)
        return TemplateResponse(request, "openinfo/document_print.html", {"doc": doc, "lines": doc.body.split("\n")})

    def docx_view(self, request, pk):
        from django.http import HttpResponse

        doc = self._doc(request, pk)
        response = HttpResponse(
            services.document_docx(doc),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        filename = f"{doc.request.tracking_number}-{doc.get_kind_display()}.docx"
        from urllib.parse import quote

        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
        return response
