"""Back office for search: synonyms, dictionary, hot-word block list, the log and its zero-result
queries, and index updates still pending. Site-wide settings: 公开办 and 系统管理员 only."""
from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from portal.admin_mixins import DepartmentScopedAdmin
from portal.params import clean_text
from portal.search import candidates, hotwords, indexing
from portal.search.models import (
    BlockedHotWord, DictionaryTerm, HotWord, PendingIndexUpdate, SearchLog, Synonym, SynonymCandidate,
    SynonymCandidateDecision, ZeroResultQuery,
)
from portal.search.selectors import zero_result_queries


class SiteWideAdmin(DepartmentScopedAdmin):
    """Rows that belong to no department: only officials who see all departments work on them."""

    def get_queryset(self, request):
        qs = self.model._default_manager.get_queryset()
        ordering = self.get_ordering(request)
        if ordering:
            qs = qs.order_by(*ordering)
        return qs if request.user.sees_all_departments else qs.none()

    def owns(self, request, obj) -> bool:
        return request.user.sees_all_departments

    # 公开办 and 系统管理员 run site search by their role (portal.roles grants model permissions
    # only for the content apps); everyone else needs explicit permissions and still sees nothing.
    def _by_role(self, request) -> bool:
        user = request.user
        return user.is_active and user.is_staff and user.sees_all_departments

    def has_module_permission(self, request):
        return self._by_role(request)

    def has_view_permission(self, request, obj=None):
        return self._by_role(request)

    def has_add_permission(self, request):
        return self._by_role(request)

    def has_change_permission(self, request, obj=None):
        return self._by_role(request)

    def has_delete_permission(self, request, obj=None):
        return self._by_role(request)


def _rebuild_after_commit(message_user=None):
    from portal.search.tasks import rebuild_index_if_dictionary_changed

    # robust: with the broker down the word is saved all the same (logged); the nightly job
    # rebuild_index_if_dictionary_changed catches up.
    transaction.on_commit(lambda: rebuild_index_if_dictionary_changed.delay(), robust=True)


@admin.register(Synonym)
class SynonymAdmin(SiteWideAdmin):
    list_display = ["terms", "domain", "is_active", "updated_at"]
    list_filter = ["domain", "is_active"]
    search_fields = ["terms", "note"]
    list_editable = ["is_active"]
    fields = ["terms", "domain", "is_active", "note"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _rebuild_after_commit()
        self.message_user(request, "同义词已保存，立即用于搜索；其中的新词将在索引后台重建后作为整词切分。", messages.INFO)


@admin.register(DictionaryTerm)
class DictionaryTermAdmin(SiteWideAdmin):
    list_display = ["word", "is_active", "note", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["word", "note"]
    fields = ["word", "is_active", "note"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _rebuild_after_commit()
        self.message_user(request, "词语已保存。索引将在后台按新词典重建，完成后生效（搜索不中断）。", messages.INFO)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        _rebuild_after_commit()


@admin.register(BlockedHotWord)
class BlockedHotWordAdmin(SiteWideAdmin):
    list_display = ["word", "match", "note", "created_at"]
    list_filter = ["match"]
    search_fields = ["word", "note"]
    fields = ["word", "match", "note"]


@admin.register(HotWord)
class HotWordAdmin(SiteWideAdmin):
    """Candidates earned by many distinct visitors; 公开办 decides which appear in 热门搜索."""

    list_display = ["query", "status", "visitors", "searches", "last_searched_at", "reviewed_by", "reviewed_at"]
    list_filter = ["status"]
    search_fields = ["query"]
    fields = ["query", "status", "visitors", "searches", "last_searched_at", "first_seen_at", "reviewed_by",
              "reviewed_at"]
    readonly_fields = ["query", "visitors", "searches", "last_searched_at", "first_seen_at", "reviewed_by",
                       "reviewed_at"]
    actions = ["approve", "reject"]

    def has_add_permission(self, request):
        return False  # candidates are earned in the search log, never typed in

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.reviewed_by, obj.reviewed_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(description="批准展示在热门搜索")
    def approve(self, request, queryset):
        count = hotwords.review(queryset, status=HotWord.Status.APPROVED, user=request.user)
        self.message_user(request, f"已批准 {count} 个热词，将显示在首页、搜索页和自助终端的热门搜索中。", messages.SUCCESS)

    @admin.action(description="不予展示")
    def reject(self, request, queryset):
        count = hotwords.review(queryset, status=HotWord.Status.REJECTED, user=request.user)
        self.message_user(request, f"已将 {count} 个词设为不予展示。", messages.SUCCESS)


class ReadOnlyMixin:
    """Recorded facts: looked at, never edited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SearchLog)
class SearchLogAdmin(ReadOnlyMixin, SiteWideAdmin):
    list_display = ["created_at", "query", "search_type", "result_count", "corrected_to", "channel", "counted"]
    list_filter = ["channel", "counted", "search_type", "created_at"]
    search_fields = ["query"]
    date_hierarchy = "created_at"
    readonly_fields = ["query", "search_type", "result_count", "corrected_to", "channel", "counted", "created_at"]
    exclude = ["visitor"]  # a daily hash: meaningless to read, and nobody needs to


class SearchLogReportAdmin(ReadOnlyMixin, SiteWideAdmin):
    """A page over the search log (a proxy model) instead of a change list: `report(request)`
    gives its title, template and context."""

    def has_delete_permission(self, request, obj=None):
        return False

    def report(self, request) -> tuple[str, str, dict]:
        raise NotImplementedError

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        title, template, context = self.report(request)
        context = {**self.admin_site.each_context(request), "title": title, "opts": self.model._meta, **context,
                   **(extra_context or {})}
        return TemplateResponse(request, template, context)


@admin.register(ZeroResultQuery)
class ZeroResultQueryAdmin(SearchLogReportAdmin):
    """Zero-result searches of the last 30 days, grouped, each with a shortcut to add a synonym."""

    def report(self, request):
        rows = zero_result_queries(days=30)
        add_url = reverse("admin:search_synonym_add")
        for row in rows:
            row["add_synonym_url"] = f"{add_url}?terms={row['query']}"
        return "无结果搜索词（近 30 天）", "search/admin/zero_results.html", {"rows": rows}


@admin.register(SynonymCandidate)
class SynonymCandidateAdmin(SearchLogReportAdmin):
    """Unsatisfied searches of the last 30 days (portal.search.candidates), each with a suggested
    official term: 采纳为同义词 makes the group in one click, 忽略 stops proposing the query."""

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and self._by_role(request):
            self._decide(request, request.POST)
            return redirect(request.path)
        return super().changelist_view(request, extra_context)

    def report(self, request):
        return (f"同义词候选（近 {candidates.WINDOW_DAYS} 天）", "search/admin/synonym_candidates.html",
                {"rows": candidates.candidates(_vocabulary_or_none()), "retry_seconds": candidates.RETRY_SECONDS})

    def _decide(self, request, form) -> None:
        # A form of this page (POST), not a URL parameter: read as the other admin forms are.
        query, term = clean_text(form.get("query", ""), 100), clean_text(form.get("term", ""), 100)
        if "ignore" in form and query:
            candidates.ignore(query, user=request.user)
            self.message_user(request, f"已忽略“{query}”，不再作为候选。", messages.INFO)
            return
        if not ("adopt" in form and query and term and term != query):
            self.message_user(request, "请填写与搜索词不同的规范用语。", messages.ERROR)
            return
        try:
            with transaction.atomic():
                candidates.adopt(query, term, user=request.user)
        except ValidationError as exc:  # the group breaks a Synonym rule (e.g. a word over 30 characters)
            self.message_user(request, "；".join(exc.messages), messages.ERROR)
            return
        _rebuild_after_commit()
        self.message_user(request, f"已将“{query}/{term}”加为同义词，立即用于搜索。", messages.SUCCESS)


def _vocabulary_or_none():
    """The index vocabulary the suggestions come from; without a readable index the list still
    shows the rephrasings (the suggestions from the vocabulary come back with the index)."""
    from portal.search import engines, service, store

    try:
        return engines.current().vocabulary(service.vocabulary_words())
    except store.IndexUnavailable:
        return None


@admin.register(SynonymCandidateDecision)
class SynonymCandidateDecisionAdmin(ReadOnlyMixin, SiteWideAdmin):
    list_display = ["query", "decision", "term", "decided_by", "decided_at"]
    list_filter = ["decision"]
    search_fields = ["query", "term"]


@admin.register(PendingIndexUpdate)
class PendingIndexUpdateAdmin(ReadOnlyMixin, SiteWideAdmin):
    list_display = ["model_label", "object_pk", "reason", "attempts", "created_at", "updated_at"]
    list_filter = ["model_label"]
    search_fields = ["object_pk", "reason"]
    actions = ["apply_now"]

    @admin.action(description="立即同步到索引")
    def apply_now(self, request, queryset):
        items = [(row.model_label, row.object_pk) for row in queryset]
        try:
            result = indexing.apply_updates(items)
        except Exception as exc:
            self.message_user(request, f"同步失败：{exc}", messages.ERROR)
            return
        queryset.delete()
        self.message_user(request, format_html("已同步：更新 {} 条，移除 {} 条。", result["updated"], result["removed"]),
                          messages.SUCCESS)
