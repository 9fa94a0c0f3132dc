"""政策解读: the 文字/图解/视频/数说/厅说/专家/媒体 interpretations of one or more policies (Hunan's 三说)."""
from __future__ import annotations

import os

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from portal.files import PublicUpload
from portal.models import Publishable
from portal.text import plain_text, sanitize_html
from portal.uploads import make_thumbnail, validate_captions, validate_image, validate_video


class InterpretationKind(models.TextChoices):
    TEXT = "text", "文字解读"
    GRAPHIC = "graphic", "图解"
    VIDEO = "video", "视频解读"
    FIGURES = "figures", "数说"
    LEADER = "leader", "厅说（负责人访谈）"
    EXPERT = "expert", "专家解读"
    MEDIA = "media", "媒体解读"


# Kinds whose main content is a video (uploaded or linked); their transcript is the text alternative.
VIDEO_KINDS = {InterpretationKind.VIDEO, InterpretationKind.LEADER}


class Interpretation(Publishable):
    title = models.CharField("标题", max_length=300)
    kind = models.CharField("解读形式", max_length=10, choices=InterpretationKind.choices, default=InterpretationKind.TEXT, db_index=True)
    policies = models.ManyToManyField(
        "policies.PolicyDocument", verbose_name="解读的文件", related_name="interpretations",
        help_text="一篇解读可对应一件或多件政策文件；文件页面会自动列出本解读。",
    )
    summary = models.TextField("内容提要", blank=True)
    body = models.TextField("解读正文", blank=True, help_text="文字解读、专家解读、媒体解读的正文；图解和数说可写导语。")
    speaker = models.CharField("解读嘉宾", max_length=200, blank=True, help_text="如：省财政厅党组成员、副厅长 李明")
    source = models.CharField("来源", max_length=100, blank=True, help_text="媒体解读请填写媒体名称。")
    source_url = models.URLField("原文链接", max_length=500, blank=True)
    video_file = models.FileField(
        "视频文件", upload_to=PublicUpload("policies/videos"), max_length=255, blank=True, validators=[validate_video],
        help_text="MP4/WebM；也可只填写视频链接。",
    )
    video_captions = models.FileField(
        "字幕文件", upload_to=PublicUpload("policies/videos"), max_length=255, blank=True, validators=[validate_captions],
        help_text="WebVTT（.vtt）中文字幕，供听障人士观看上传的视频。",
    )
    video_url = models.URLField("视频链接", max_length=500, blank=True)
    transcript = models.TextField("文字实录", blank=True, help_text="视频的文字实录，供听障人士和朗读使用。")
    chart_title = models.CharField("图表标题", max_length=200, blank=True, help_text="数说：图表的标题。")
    chart_unit = models.CharField("数据单位", max_length=20, blank=True, help_text="如：亿元、万人、%")

    class Meta:
        verbose_name = verbose_name_plural = "政策解读"
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("policies:interpretation_detail", args=[self.pk])

    @property
    def body_text(self) -> str:
        return plain_text(self.body)

    @property
    def has_video(self) -> bool:
        return bool(self.video_file or self.video_url)

    def clean(self):
        errors = {}
        if self.kind == InterpretationKind.VIDEO and not self.has_video:
            errors["video_url"] = "视频解读须上传视频文件或填写视频链接。"
        if self.kind == InterpretationKind.LEADER and not (self.has_video or self.transcript.strip() or plain_text(self.body or "")):
            errors["transcript"] = "厅说须提供访谈视频或访谈实录。"
        if self.kind == InterpretationKind.TEXT and not plain_text(self.body or ""):
            errors["body"] = "文字解读须填写解读正文。"
        if self.kind == InterpretationKind.MEDIA and not self.source:
            errors["source"] = "媒体解读须填写来源媒体。"
        if self.kind in VIDEO_KINDS and self.has_video and not self.transcript.strip():
            errors["transcript"] = "有视频时须提供文字实录（无障碍要求）。"
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)


class InterpretationImage(models.Model):
    """One picture of a 图解 (一图读懂); long pictures carry their text in `description`."""

    interpretation = models.ForeignKey(Interpretation, verbose_name="政策解读", on_delete=models.CASCADE, related_name="images")
    image = models.FileField("图片", upload_to=PublicUpload("policies/interpretations", owner="interpretation"),
                             max_length=255, validators=[validate_image])
    thumbnail = models.FileField("缩略图", upload_to=PublicUpload("policies/interpretations/thumbs", owner="interpretation"),
                                 max_length=255, blank=True, editable=False)
    width = models.PositiveIntegerField("宽度", null=True, editable=False)
    height = models.PositiveIntegerField("高度", null=True, editable=False)
    alt_text = models.CharField("替代文字", max_length=200, help_text="用一句话说明图片内容，供读屏软件朗读（必填）。")
    description = models.TextField("图片文字", blank=True, help_text="一图读懂的长图请把图中的文字写在这里。")
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "解读图片"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.alt_text

    def clean(self):
        if not (self.alt_text or "").strip():
            raise ValidationError({"alt_text": "请填写替代文字：说明图片内容，供看不见图片的读者使用。"})

    def save(self, *args, **kwargs):
        # A freshly assigned upload is not yet committed to storage; the thumbnail is made from the
        # stored file afterwards, so a failed thumbnail never loses the original.
        new_upload = bool(self.image) and not getattr(self.image, "_committed", True)
        super().save(*args, **kwargs)
        if new_upload or (self.image and not self.thumbnail):
            self.refresh_thumbnail()

    def refresh_thumbnail(self) -> None:
        from PIL import Image

        with self.image.open("rb") as handle, Image.open(handle) as picture:
            self.width, self.height = picture.size
        stem = os.path.splitext(os.path.basename(self.image.name))[0]
        self.thumbnail.save(f"{stem}-thumb.jpg", make_thumbnail(self.image), save=False)
        super().save(update_fields=["thumbnail", "width", "height"])


class InterpretationFigure(models.Model):
    """One figure of a 数说 interpretation: shown as a bar of the chart and a row of its data table."""

    interpretation = models.ForeignKey(Interpretation, verbose_name="政策解读", on_delete=models.CASCADE, related_name="figures")
    label = models.CharField("项目", max_length=60)
    value = models.DecimalField("数值", max_digits=14, decimal_places=2)
    note = models.CharField("说明", max_length=200, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "数说数据"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.label}：{self.value}"
