"""申报: departments fill in the 申报表; 公开办 works through the review queue and schedules."""
from __future__ import annotations

import datetime as dt

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from portal.admin_mixins import DepartmentScopedAdmin, admin_change_url
from portal.params import Params
from themedays.models import Proposal, ProposalStatus, ThemeDayPlan
from themedays.services import proposals as services
from themedays.services.common import is_office


def _error_text(exc) -> str:
    return "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


def _ids(request) -> list[int]:
    return Params(request.GET).ids("ids")


@admin.register(Proposal)
class ProposalAdmin(DepartmentScopedAdmin):
    list_display = ["topic", "department", "plan", "month_label", "form", "status_label", "activity_link"]
    list_filter = ["plan", "status", "form", "department"]
    search_fields = ["topic", "summary", "department__name"]
    list_select_related = ["department", "plan", "activity"]
    change_list_template = "themedays/admin/proposal_change_list.html"
    actions = ["submit_selected", "review_selected", "schedule_selected"]
    fieldsets = [
        ("申报表", {"fields": ["plan", "department", "serial", "topic", "month", "form", "summary",
                             "contact_name", "contact_phone"]}),
        ("审核", {"fields": ["status", "review_note", "submitted_by", "submitted_at", "reviewed_by", "reviewed_at",
                           "activity"]}),
    ]
    readonly_fields = ["status", "review_note", "submitted_by", "submitted_at", "reviewed_by", "reviewed_at", "activity"]

    @admin.display(description="活动时间（月份）", ordering="month")
    def month_label(self, obj):
        return f"{obj.month}月"

    @admin.display(description="状态", ordering="status")
    def status_label(self, obj):
        return format_html('<span class="status status-{}">{}</span>', obj.status, obj.get_status_display())

    @admin.display(description="已排期活动")
    def activity_link(self, obj):
        if not obj.activity_id:
            return "—"
        return format_html('<a href="{}">{}</a>', admin_change_url(obj.activity),
                           f"{timezone.localtime(obj.activity.start_at):%Y-%m-%d}")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "plan" and not is_office(request.user):
            kwargs["queryset"] = ThemeDayPlan.objects.public()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        # The department edits its 申报表 until it is sent; after that it is 公开办's to decide.
        if obj is not None and obj.status != ProposalStatus.DRAFT and not is_office(request.user):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (obj.activity_id or (obj.status != ProposalStatus.DRAFT and not is_office(request.user))):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not is_office(request.user):
            actions.pop("review_selected", None)
            actions.pop("schedule_selected", None)
        return actions

    def changelist_view(self, request, extra_context=None):
        extra = {"is_office": is_office(request.user),
                 "pending_count": self.get_queryset(request).filter(status=ProposalStatus.SUBMITTED).count()}
        return super().changelist_view(request, {**(extra_context or {}), **extra})

    # --- actions ---------------------------------------------------------------------------------
    @admin.action(description="提交申报")
    def submit_selected(self, request, queryset):
        done = 0
        for proposal in queryset:
            try:
                services.proposal_submit(proposal=proposal, actor=request.user)
                done += 1
            except (PermissionDenied, ValidationError) as exc:
                self.message_user(request, f"{proposal}：{_error_text(exc)}", messages.ERROR)
        if done:
            self.message_user(request, f"已提交申报 {done} 项。", messages.SUCCESS)

    @admin.action(description="审核选中的申报（入选 / 未入选）")
    def review_selected(self, request, queryset):
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return redirect(f"{reverse('admin:themedays_proposal_review')}?ids={ids}")

    @admin.action(description="将选中的入选主题排期为活动")
    def schedule_selected(self, request, queryset):
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return redirect(f"{reverse('admin:themedays_proposal_schedule')}?ids={ids}")

    # --- the review queue and bulk scheduling ----------------------------------------------------
    def get_urls(self):
        extra = [
            path("review/", self.admin_site.admin_view(self.review_view), name="themedays_proposal_review"),
            path("schedule/", self.admin_site.admin_view(self.schedule_view), name="themedays_proposal_schedule"),
        ]
        return extra + super().get_urls()

    def _context(self, request, title):
        return {**self.admin_site.each_context(request), "title": title, "opts": self.model._meta}

    def review_view(self, request):
        if not is_office(request.user):
            raise PermissionDenied("只有公开办可以审核申报。")
        queue = Proposal.objects.select_related("department", "plan").order_by("plan", "month", "department__sort_order")
        ids = _ids(request)
        queue = queue.filter(pk__in=ids) if ids else queue.filter(status=ProposalStatus.SUBMITTED)
        if request.method == "POST":
            done, errors = 0, []
            for proposal in queue:
                decision = request.POST.get(f"decision_{proposal.pk}", "")
                note = request.POST.get(f"note_{proposal.pk}", "")[:2000]
                if not decision:
                    continue
                try:
                    if decision == "return":
                        services.proposal_return(proposal=proposal, note=note, actor=request.user)
                    else:
                        services.proposal_review(proposal=proposal, decision=decision, note=note, actor=request.user)
                    done += 1
                except (PermissionDenied, ValidationError, ValueError) as exc:
                    errors.append(f"{proposal}：{_error_text(exc)}")
            if done:
                self.message_user(request, f"已处理 {done} 项申报。", messages.SUCCESS)
            for line in errors:
                self.message_user(request, line, messages.ERROR)
            if not errors:
                return redirect("admin:themedays_proposal_review")
        context = self._context(request, "申报审核队列")
        context["queue"] = list(queue)
        context["decisions"] = [(ProposalStatus.SELECTED.value, "入选"), (ProposalStatus.REJECTED.value, "未入选"),
                                ("return", "退回修改")]
        return TemplateResponse(request, "themedays/admin/review_queue.html", context)

    def schedule_view(self, request):
        if not is_office(request.user):
            raise PermissionDenied("只有公开办可以排期。")
        candidates = Proposal.objects.filter(status=ProposalStatus.SELECTED, activity__isnull=True) \
            .select_related("department", "plan").order_by("plan", "month", "department__sort_order")
        ids = _ids(request)
        if ids:
            candidates = candidates.filter(pk__in=ids)
        rows = []
        for index, proposal in enumerate(candidates):
            start, end = services.default_slot(proposal, index=index)
            rows.append({"proposal": proposal, "date": request.POST.get(f"date_{proposal.pk}", f"{start:%Y-%m-%d}"),
                         "start": request.POST.get(f"start_{proposal.pk}", f"{start:%H:%M}"),
                         "end": request.POST.get(f"end_{proposal.pk}", f"{end:%H:%M}"),
                         "place": request.POST.get(f"place_{proposal.pk}", ""),
                         "include": request.method != "POST" or bool(request.POST.get(f"include_{proposal.pk}"))})
        if request.method == "POST":
            items, errors = [], []
            tz = timezone.get_current_timezone()
            for row in rows:
                if not row["include"]:
                    continue
                try:
                    day = dt.date.fromisoformat(row["date"])
                    start = dt.datetime.combine(day, dt.time.fromisoformat(row["start"]), tzinfo=tz)
                    end = dt.datetime.combine(day, dt.time.fromisoformat(row["end"]), tzinfo=tz)
                except ValueError:
                    errors.append(f"“{row['proposal'].topic}”的日期或时间格式不正确。")
                    continue
                items.append(services.ScheduleItem(proposal=row["proposal"], start_at=start, end_at=end,
                                                   place=row["place"]))
            if not items and not errors:
                errors.append("请至少勾选一项。")
            if not errors:
                try:
                    created = services.proposals_schedule(items=items, actor=request.user)
                except ValidationError as exc:
                    errors.extend(exc.messages)
                else:
                    self.message_user(request, f"已排期 {len(created)} 场活动（草稿），请补充详情后发布。", messages.SUCCESS)
                    return redirect(reverse("admin:themedays_activity_changelist") + "?status__exact=draft")
            for line in errors:
                self.message_user(request, line, messages.ERROR)
        context = self._context(request, "批量排期：入选主题转为活动")
        context["rows"] = rows
        return TemplateResponse(request, "themedays/admin/schedule.html", context)
