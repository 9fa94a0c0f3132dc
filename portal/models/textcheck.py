"""Data for portal.textcheck: the 错敏字 list officials edit, and contacts confirmed as an office's own."""
import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models


class WordingRule(models.Model):
    class Kind(models.TextChoices):
        SENSITIVE = "sensitive", "敏感词（阻止发布）"
        BANNED = "banned", "禁用词（阻止发布）"
        MISSPELLING = "misspelling", "常见错别字（提醒）"

    BLOCKING = (Kind.SENSITIVE, Kind.BANNED)

    term = models.CharField("词语", max_length=200, unique=True)
    kind = models.CharField("类别", max_length=12, choices=Kind.choices, db_index=True)
    suggestion = models.CharField("正确写法", max_length=100, blank=True)
    is_pattern = models.BooleanField(
        "按正则表达式匹配", default=False,
        help_text="例如“截止(?=\\d)”只在后面跟日期时提示；不熟悉正则表达式请不要勾选。",
    )
    note = models.CharField("说明", max_length=200, blank=True)
    enabled = models.BooleanField("启用", default=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "错敏字词表"
        ordering = ["kind", "term"]

    def __str__(self) -> str:
        return self.term

    @property
    def is_blocking(self) -> bool:
        return self.kind in self.BLOCKING

    def clean(self):
        if self.is_pattern:
            try:
                re.compile(self.term)
            except re.error as exc:
                raise ValidationError({"term": f"正则表达式有误：{exc}"}) from exc
        if self.kind == self.Kind.MISSPELLING and not self.suggestion.strip():
            raise ValidationError({"suggestion": "错别字须填写正确写法。"})


class ConfirmedContact(models.Model):
    """A phone number, mailbox or address in one row that an official confirmed as the office's own."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=40)
    target = GenericForeignKey("content_type", "object_id")
    kind = models.CharField("类别", max_length=12)
    key = models.CharField("号码或地址", max_length=200)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="确认人", null=True,
                                     on_delete=models.SET_NULL)
    confirmed_at = models.DateTimeField("确认时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "已确认的办公联系方式"
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id", "kind", "key"],
                                               name="confirmed_contact_once")]
