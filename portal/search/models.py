"""What officials tune about search (synonyms, dictionary, hot-word block list) and what it records.

Search configuration is site-wide (not per department), so only 公开办 and 系统管理员 edit it.
The search log holds the normalised query, the number of results, the type and the time —
never an IP address, a user or anything else about the person searching.
"""
from __future__ import annotations

import re

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models

_SPLIT = re.compile(r"[,，/／、;；\s]+")


def split_terms(text: str) -> list[str]:
    """'驾照/机动车驾驶证，驾驶证' → ['驾照', '机动车驾驶证', '驾驶证'] (order kept, duplicates dropped)."""
    return list(dict.fromkeys(t.strip() for t in _SPLIT.split(text or "") if t.strip()))


class SynonymDomain(models.TextChoices):
    SOCIAL_SECURITY = "social", "社保"
    HOUSING = "housing", "住房"
    HEALTH = "health", "医疗"
    EDUCATION = "education", "教育"
    EMPLOYMENT = "employment", "就业"
    TAX = "tax", "税务"
    TRANSPORT = "transport", "交通"
    CIVIL = "civil", "民政"
    BUSINESS = "business", "营商"
    GENERAL = "general", "综合"


class Synonym(models.Model):
    """A group of words a citizen uses for the same thing: 驾照 / 机动车驾驶证 / 驾驶证.

    Every word of a group finds documents written with any other word of it, scored below
    documents that use the word the citizen typed.
    """

    terms = models.CharField(
        "同义词组", max_length=300,
        help_text="同一事物的不同说法，以“/”或逗号分隔，如：驾照/机动车驾驶证/驾驶证。",
    )
    domain = models.CharField("领域", max_length=12, choices=SynonymDomain.choices, default=SynonymDomain.GENERAL)
    is_active = models.BooleanField("启用", default=True)
    note = models.CharField("备注", max_length=200, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "同义词"
        ordering = ["domain", "terms"]

    def __str__(self) -> str:
        return self.terms

    @property
    def term_list(self) -> list[str]:
        return split_terms(self.terms)

    def clean(self):
        words = self.term_list
        if len(words) < 2:
            raise ValidationError({"terms": "同义词组至少需要两个词，用“/”或逗号分隔。"})
        if any(len(w) > 30 for w in words):
            raise ValidationError({"terms": "每个词不能超过 30 个字。"})
        self.terms = "/".join(words)


class DictionaryTerm(models.Model):
    """A word jieba must keep whole (政务公开, 一件事一次办, 湘政办发) when it cuts text.

    The index and the queries must be cut with the same dictionary, so a change takes effect
    when the index is rebuilt (done in the background after saving).
    """

    word = models.CharField("词语", max_length=30, unique=True)
    note = models.CharField("备注", max_length=200, blank=True)
    is_active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField("添加时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "分词词典"
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word

    def clean(self):
        self.word = (self.word or "").strip()
        if len(self.word) < 2:
            raise ValidationError({"word": "词语至少两个字。"})
        if re.search(r"\s", self.word):
            raise ValidationError({"word": "词语中不能有空格。"})


class SearchChannel(models.TextChoices):
    """Where a search came from. Only searches typed on the website count toward 热词."""

    WEB = "web", "网站"
    API = "api", "接口"
    KIOSK = "kiosk", "自助终端"
    BOT = "bot", "爬虫/程序"


class SearchLog(models.Model):
    """One search as typed by someone (normalised), without anything about who typed it.

    `visitor` tells distinct visitors apart for one day only: a hash of the address and browser
    with a salt that is replaced every day and then deleted (VisitorSalt), so it cannot be turned
    back into an address or linked across days."""

    query = models.CharField("搜索词", max_length=100, db_index=True)
    search_type = models.CharField("搜索范围", max_length=30, blank=True)
    result_count = models.PositiveIntegerField("结果数")
    corrected_to = models.CharField("纠正为", max_length=100, blank=True)
    channel = models.CharField("来源", max_length=10, choices=SearchChannel.choices, default=SearchChannel.WEB)
    visitor = models.CharField("访客标识（当日）", max_length=16, blank=True)
    counted = models.BooleanField("计入热词统计", default=True,
                                  help_text="同一访客一小时内搜索过多时，其后的搜索不再计入热词。")
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "搜索记录"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_at", "query"]), models.Index(fields=["result_count", "created_at"]),
                   models.Index(fields=["visitor", "created_at"])]

    def __str__(self) -> str:
        return self.query


class ZeroResultQuery(SearchLog):
    """The searches that found nothing, grouped in admin so editors can add synonyms for them."""

    class Meta:
        proxy = True
        verbose_name = verbose_name_plural = "无结果搜索词"


class SynonymCandidate(SearchLog):
    """The searches that left visitors unsatisfied (portal.search.candidates), listed in admin with
    a suggested official term to adopt as a synonym."""

    class Meta:
        proxy = True
        verbose_name = verbose_name_plural = "同义词候选"


class SynonymCandidateDecision(models.Model):
    """What 公开办 decided about a 同义词候选: adopted (a Synonym row was made) or ignored. Either
    way the query is not proposed again."""

    class Decision(models.TextChoices):
        ADOPTED = "adopted", "已采纳为同义词"
        IGNORED = "ignored", "已忽略"

    query = models.CharField("搜索词", max_length=100, unique=True)
    decision = models.CharField("处理结果", max_length=10, choices=Decision.choices)
    term = models.CharField("对应规范用语", max_length=100, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="处理人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField("处理时间")

    class Meta:
        verbose_name = verbose_name_plural = "同义词候选处理记录"
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return self.query


class BlockedHotWord(models.Model):
    """A word that must never be shown as a 热词 (abuse, personal names, anything inappropriate)."""

    class Match(models.TextChoices):
        EXACT = "exact", "完全相同"
        CONTAINS = "contains", "包含该词"

    word = models.CharField("屏蔽词", max_length=100, unique=True)
    match = models.CharField("匹配方式", max_length=10, choices=Match.choices, default=Match.CONTAINS)
    note = models.CharField("原因", max_length=200, blank=True)
    created_at = models.DateTimeField("添加时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "热词屏蔽"
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word

    def blocks(self, query: str) -> bool:
        word = self.word.lower()
        query = query.lower()
        return query == word if self.match == self.Match.EXACT else word in query


class VisitorSalt(models.Model):
    """Today's random salt for visitor hashes; earlier days' salts are deleted."""

    day = models.DateField("日期", unique=True)
    salt = models.CharField("盐值", max_length=64)

    class Meta:
        verbose_name = verbose_name_plural = "访客标识盐值"

    def __str__(self) -> str:
        return str(self.day)


class HotWord(models.Model):
    """A query many distinct visitors searched with results: shown in 热门搜索 once 公开办
    approves it (unless approval is turned off in 网站设置)."""

    class Status(models.TextChoices):
        CANDIDATE = "candidate", "待审核"
        APPROVED = "approved", "已批准展示"
        REJECTED = "rejected", "不予展示"

    query = models.CharField("搜索词", max_length=100, unique=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.CANDIDATE, db_index=True)
    visitors = models.PositiveIntegerField("访客数（近 30 天）", default=0)
    searches = models.PositiveIntegerField("搜索次数（近 30 天）", default=0)
    last_searched_at = models.DateTimeField("最近搜索时间", null=True, blank=True)
    first_seen_at = models.DateTimeField("成为候选时间", auto_now_add=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "热词审核"
        ordering = ["-visitors", "-last_searched_at", "query"]

    def __str__(self) -> str:
        return self.query


class PendingIndexUpdate(models.Model):
    """An index update that has not reached the index yet (broker or worker down, write failed,
    or made while a rebuild was running). `search_reconcile` and a periodic job apply them."""

    model_label = models.CharField("模型", max_length=100)
    object_pk = models.CharField("主键", max_length=64)
    reason = models.CharField("原因", max_length=200, blank=True)
    attempts = models.PositiveIntegerField("尝试次数", default=0)
    created_at = models.DateTimeField("记录时间", auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "待同步索引"
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["model_label", "object_pk"], name="search_pending_unique")]

    def __str__(self) -> str:
        return f"{self.model_label}#{self.object_pk}"


# --- The PostgreSQL search engine's index (SEARCH_ENGINE=postgres, portal.search.pgengine) ---------
class SearchDocument(models.Model):
    """One indexed object: its words as a weighted tsvector cut by our jieba pipeline (title A,
    keywords and 发文字号 B, body D), the plain text snippets are cut from, and what filters and
    ranking read (facet values, 有效性 rank, date). Written only by the index updates."""

    django_ct = models.CharField("类型", max_length=100)
    object_id = models.CharField("对象编号", max_length=64)
    vector = SearchVectorField("检索词")
    title = models.TextField("标题", blank=True)
    text = models.TextField("正文", blank=True)
    doc_number_key = models.CharField("发文字号键", max_length=100, blank=True, db_index=True)
    facets = models.JSONField("筛选值", default=dict)
    published = models.DateField("日期", null=True)
    rank_percent = models.PositiveSmallIntegerField("排序系数（%）", default=100)
    version = models.CharField("内容指纹", max_length=16)

    class Meta:
        verbose_name = verbose_name_plural = "检索文档"
        constraints = [models.UniqueConstraint(fields=["django_ct", "object_id"], name="search_document_object")]

    def __str__(self) -> str:
        return f"{self.django_ct}.{self.object_id}"


class SearchIndexState(models.Model):
    """The PostgreSQL index as a whole: a generation every committed change increments (it keys
    cached answers on every host), and the user dictionary its text was cut with."""

    name = models.CharField(max_length=20, primary_key=True)
    generation = models.BigIntegerField("版本", default=0)
    schema_version = models.PositiveSmallIntegerField("结构版本", default=0)
    dictionary = models.JSONField("分词词典", default=list)
    fingerprint = models.CharField("词典指纹", max_length=64, blank=True)
    built_at = models.DateTimeField("重建时间", null=True)

    class Meta:
        verbose_name = verbose_name_plural = "检索索引状态"

    def __str__(self) -> str:
        return f"{self.name}#{self.generation}"
