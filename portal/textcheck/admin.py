"""The guard in the back office: forms refuse to save public rows with findings, the change page shows
them with the one-click fixes, saving warns about 错别字; the 错敏字 list and the 公开办 report."""
from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse

from portal.models import PublishStatus, WordingRule

from . import guard


def guarded_form(form_class):
    """`form_class` that will not save a row the public sees while its text would be blocked."""

    class GuardedForm(form_class):
        def _post_clean(self):
            super()._post_clean()  # self.instance now carries the submitted values
            if getattr(self.instance, "is_public", False):
                for line in guard.check(self.instance).block_messages():
                    self.add_error(None, f"该内容已公开，不能保存：{line}")

    GuardedForm.__name__ = form_class.__name__
    # The metaclass rebuilt the fields from the declarations; keep the ones an admin set on the class
    # it was given (e.g. a choice field narrowed for the official's role).
    GuardedForm.base_fields = form_class.base_fields
    return GuardedForm


class TextGuardAdminMixin:
    """Mixed into DepartmentScopedAdmin, so every ModelAdmin of guarded content has it."""

    change_form_template = "admin/portal/guarded_change_form.html"

    def _guarded(self) -> bool:
        return guard.is_guarded(self.model)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return guarded_form(form) if self._guarded() else form

    def get_changelist_form(self, request, **kwargs):
        form = super().get_changelist_form(request, **kwargs)
        return guarded_form(form) if self._guarded() else form

    def get_formsets_with_inlines(self, request, obj=None):
        # Inline rows (e.g. a policy's Q&A) are public text of their own.
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            if guard.is_guarded(formset.model):
                formset.form = guarded_form(formset.form)
            yield formset, inline

    def get_urls(self):
        urls = super().get_urls()
        if not self._guarded():
            return urls
        name = f"{self.opts.app_label}_{self.opts.model_name}_textcheck"
        return [path("<path:object_id>/textcheck/<text:step>/", self.admin_site.admin_view(self.textcheck_view),
                     name=name)] + urls

    def textcheck_view(self, request, object_id, step):
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied("您无权修改该内容。")
        back = redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]))
        if request.method != "POST":
            return back
        try:
            if step == "mask":
                report = guard.mask_object(obj=obj, actor=request.user)
                self.message_user(request, f"已遮蔽 {len(report.personal)} 处个人信息。", messages.SUCCESS)
            elif step == "confirm":
                contact = guard.confirm_contact(obj=obj, key=request.POST.get("key", ""), actor=request.user)
                self.message_user(request, f"已确认 {contact.key} 为办公联系方式，并记入变更记录。", messages.SUCCESS)
            else:
                raise Http404
        except ValidationError as exc:
            self.message_user(request, "；".join(exc.messages), messages.ERROR)
        return back

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and self._guarded():
            name = f"admin:{self.opts.app_label}_{self.opts.model_name}_textcheck"
            context.update({
                "textcheck": guard.check(obj),
                "textcheck_mask_url": reverse(name, args=[obj.pk, "mask"]),
                "textcheck_confirm_url": reverse(name, args=[obj.pk, "confirm"]),
            })
        return super().render_change_form(request, context, add, change, form_url, obj)

    def textcheck_messages(self, request, obj) -> None:
        """After a save: misspellings as warnings with the fix; what would block publication, in advance."""
        if not self._guarded():
            return
        report = guard.check(obj)
        for line in report.warning_messages():
            self.message_user(request, line, messages.WARNING)
        if request.POST.get("_transition") == PublishStatus.PUBLISHED:
            return  # "保存并发布": the refused publication says it once
        for line in report.block_messages():
            self.message_user(request, f"发布前须处理：{line}", messages.WARNING)


def _change_url(obj) -> str | None:
    try:
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:  # a model without an admin of its own (edited inline)
        return None


def _public_url(obj) -> str | None:
    return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else None


@admin.register(WordingRule)
class WordingRuleAdmin(admin.ModelAdmin):
    list_display = ["term", "kind", "suggestion", "is_pattern", "enabled", "note"]
    list_filter = ["kind", "enabled", "is_pattern"]
    list_editable = ["enabled"]
    search_fields = ["term", "suggestion", "note"]
    change_list_template = "admin/portal/wordingrule_change_list.html"

    def get_urls(self):
        report = path("report/", self.admin_site.admin_view(self.report_view), name="portal_textcheck_report")
        return [report] + super().get_urls()

    def report_view(self, request):
        if not request.user.sees_all_departments:
            raise PermissionDenied("错敏字与个人信息检查报告由公开办查看。")
        checker = guard.Checker()
        rows = []
        for model in guard.guarded_models():
            for obj in guard.public_rows(model).iterator():
                report = checker.check(obj)
                if not report.empty:
                    rows.append({"obj": obj, "report": report, "type": model._meta.verbose_name,
                                 "url": _change_url(obj), "public_url": _public_url(obj)})
        rows.sort(key=lambda r: not r["report"].blocking)
        context = {**self.admin_site.each_context(request), "title": "已公开内容检查报告（错敏字与个人信息）",
                   "rows": rows, "opts": self.model._meta, "blocking": sum(r["report"].blocking for r in rows)}
        return TemplateResponse(request, "admin/portal/textcheck_report.html", context)
