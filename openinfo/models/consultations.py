"""意见征集 (重大行政决策程序暂行条例 Art. 15, 32): draft, 起草说明, comments, published 反馈."""
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from portal.files import PublicUpload
from portal.models import AttachmentBase, Publishable
from portal.text import sanitize_html
from portal.uploads import validate_attachment

MIN_PERIOD_DAYS = 30


class Consultation(Publishable):
    title = models.CharField("标题", max_length=200)
    summary = models.TextField("简介", blank=True)
    draft = models.TextField("征求意见稿")
    explanation = models.TextField("起草说明")
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("截止日期")
    short_period_reason = models.TextField(
        "期限少于30日的理由", blank=True, help_text="征求意见期限一般不少于30日；少于30日须说明理由并公开"
    )
    contact = models.CharField("联系方式", max_length=200, blank=True, help_text="如：电子邮箱、传真、通信地址")
    feedback = models.TextField("意见采纳情况反馈", blank=True, help_text="征集结束后公开：哪些意见被采纳及理由")
    feedback_published_at = models.DateTimeField("反馈发布时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "意见征集"
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("openinfo:consultation_detail", args=[self.pk])

    @property
    def period_days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    def phase(self, today: dt.date | None = None) -> str:
        today = today or timezone.localdate()
        if today < self.starts_on:
            return "未开始"
        if today <= self.ends_on:
            return "征集中"
        return "已反馈" if self.feedback_published_at else "已结束"

    @property
    def is_open(self) -> bool:
        return self.phase() == "征集中"

    def clean(self):
        if self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                raise ValidationError({"ends_on": "截止日期不能早于开始日期。"})
            if self.period_days < MIN_PERIOD_DAYS and not self.short_period_reason.strip():
                raise ValidationError({"short_period_reason": f"征求意见期限少于{MIN_PERIOD_DAYS}日，须说明理由。"})

    def save(self, *args, **kwargs):
        self.draft = sanitize_html(self.draft)
        self.explanation = sanitize_html(self.explanation)
        self.feedback = sanitize_html(self.feedback)
        super().save(*args, **kwargs)


class ConsultationFile(AttachmentBase):
    consultation = models.ForeignKey(Consultation, verbose_name="意见征集", on_delete=models.CASCADE,
                                     related_name="files")
    file = models.FileField("文件", upload_to=PublicUpload("openinfo/consultations", owner="consultation"),
                            max_length=255, validators=[validate_attachment])

    class Meta(AttachmentBase.Meta):
        verbose_name = verbose_name_plural = "征求意见附件"


class ConsultationComment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "待审核"
        APPROVED = "approved", "已公开"
        REJECTED = "rejected", "不予公开"

    class Adoption(models.TextChoices):
        ADOPTED = "adopted", "采纳"
        PARTLY = "partly", "部分采纳"
        NOT_ADOPTED = "not_adopted", "未采纳"

    consultation = models.ForeignKey(Consultation, verbose_name="意见征集", on_delete=models.CASCADE,
                                     related_name="comments")
    # Private: shown to the department only, never with the published comment.
    name = models.CharField("姓名", max_length=40, blank=True)
    contact = models.CharField("联系方式", max_length=100, blank=True)
    content = models.TextField("意见内容")
    status = models.CharField("审核状态", max_length=10, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    adoption = models.CharField("采纳情况", max_length=12, choices=Adoption.choices, blank=True)
    adoption_reason = models.TextField("采纳/未采纳理由", blank=True)
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)

    # What the public reads of an approved comment (portal.textcheck guards it); name and contact never are.
    textcheck_fields = ("content", "adoption_reason")
    public_filter = {"status": Status.APPROVED}

    class Meta:
        verbose_name = verbose_name_plural = "征集意见"
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return f"{self.consultation} #{self.pk}"

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED
