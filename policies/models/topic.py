"""专题: a curated set of policies, Q&A and guides (惠企政策, 住房公积金 …), also as a printable booklet."""
from __future__ import annotations

import os

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from policies.topics import TOPIC_CHOICES
from portal.files import PublicUpload
from portal.models import Publishable
from portal.uploads import make_thumbnail, validate_image

from .qa import QACategory


class SpecialTopic(Publishable):
    title = models.CharField("专题名称", max_length=100)
    description = models.TextField("专题简介")
    cover = models.FileField("封面图片", upload_to=PublicUpload("policies/topics"), max_length=255, blank=True,
                             validators=[validate_image])
    cover_thumbnail = models.FileField("封面缩略图", upload_to=PublicUpload("policies/topics/thumbs"), max_length=255, blank=True,
                                       editable=False)
    cover_alt = models.CharField("封面替代文字", max_length=200, blank=True, help_text="有封面图片时必填。")
    policies = models.ManyToManyField("policies.PolicyDocument", verbose_name="精选文件", blank=True, related_name="special_topics")
    qas = models.ManyToManyField("policies.PolicyQA", verbose_name="精选问答", blank=True, related_name="special_topics")
    guides = models.ManyToManyField("policies.ServiceGuide", verbose_name="精选办事指南", blank=True, related_name="special_topics")
    # A saved search adds whatever matches now, so the topic keeps up with new documents.
    search_query = models.CharField(
        "检索词", max_length=100, blank=True,
        help_text="保存的检索：匹配这些词的已发布文件自动纳入专题（以空格分隔，如：住房公积金 提取）。",
    )
    search_topic = models.CharField("主题分类", max_length=40, choices=TOPIC_CHOICES, blank=True, help_text="保存的检索：该主题分类下的有效文件自动纳入。")
    search_qa_category = models.CharField("问答分类", max_length=12, choices=QACategory.choices, blank=True, help_text="保存的检索：该分类的问答自动纳入。")
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "专题"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("policies:topic_detail", args=[self.pk])

    @property
    def has_saved_search(self) -> bool:
        return bool(self.search_query.strip() or self.search_topic or self.search_qa_category)

    def clean(self):
        if self.cover and not self.cover_alt.strip():
            raise ValidationError({"cover_alt": "上传封面图片时须填写替代文字。"})

    def save(self, *args, **kwargs):
        new_upload = bool(self.cover) and not getattr(self.cover, "_committed", True)
        super().save(*args, **kwargs)
        if new_upload or (self.cover and not self.cover_thumbnail):
            stem = os.path.splitext(os.path.basename(self.cover.name))[0]
            self.cover_thumbnail.save(f"{stem}-thumb.jpg", make_thumbnail(self.cover, size=(640, 360)), save=False)
            super().save(update_fields=["cover_thumbnail"])
        elif not self.cover and self.cover_thumbnail:
            self.cover_thumbnail = ""
            super().save(update_fields=["cover_thumbnail"])
