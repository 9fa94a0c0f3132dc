import os

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from portal.files import PublicUpload
from portal.models import Publishable
from portal.text import plain_text, sanitize_html
from portal.uploads import make_thumbnail, validate_image


class ActivityReport(Publishable):
    """活动报道 in the 专栏: what happened, who came, what was suggested and adopted."""

    activity = models.ForeignKey("themedays.Activity", verbose_name="活动", on_delete=models.PROTECT,
                                 related_name="reports")
    title = models.CharField("标题", max_length=200)
    summary = models.CharField("摘要", max_length=500, blank=True)
    body = models.TextField("正文")
    attendance = models.PositiveIntegerField("参加人数", null=True, blank=True)
    suggestions_collected = models.PositiveIntegerField("收集意见建议（条）", default=0)
    suggestions_adopted = models.PositiveIntegerField("采纳意见建议（条）", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "活动报道"
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("themedays:report", args=[self.pk])

    def clean(self):
        if self.suggestions_adopted > self.suggestions_collected:
            raise ValidationError({"suggestions_adopted": "采纳条数不能多于收集条数。"})

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        if self.activity_id and not self.department_id:
            self.department_id = self.activity.department_id
        super().save(*args, **kwargs)

    @property
    def body_text(self) -> str:
        return plain_text(self.body)

    @property
    def cover(self):
        return self.photos.first()


class ReportPhoto(models.Model):
    report = models.ForeignKey(ActivityReport, verbose_name="报道", on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField("照片", upload_to=PublicUpload("themedays/photos", owner="report"), max_length=255,
                              validators=[validate_image])
    thumbnail = models.ImageField("缩略图", upload_to=PublicUpload("themedays/thumbs", owner="report"), max_length=255,
                                  blank=True, editable=False)
    caption = models.CharField("图片说明", max_length=200, help_text="描述照片内容，读屏软件会朗读这段文字。")
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "活动照片"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.caption

    def save(self, *args, **kwargs):
        # A new or replaced image gets a fresh thumbnail (re-encoded by Pillow).
        previous = None
        if self.pk:
            previous = ReportPhoto.objects.filter(pk=self.pk).values_list("image", flat=True).first()
        super().save(*args, **kwargs)
        if self.image and (not self.thumbnail or previous != self.image.name):
            base = os.path.splitext(os.path.basename(self.image.name))[0]
            self.thumbnail.save(f"{base}-thumb.jpg", make_thumbnail(self.image, size=(480, 360)), save=False)
            super().save(update_fields=["thumbnail"])


class MediaCoverage(models.Model):
    report = models.ForeignKey(ActivityReport, verbose_name="报道", on_delete=models.CASCADE,
                               related_name="media_links")
    outlet = models.CharField("媒体", max_length=100)
    title = models.CharField("报道标题", max_length=200)
    url = models.URLField("链接", max_length=500)
    published_on = models.DateField("报道日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "媒体报道"
        ordering = ["published_on", "id"]

    def __str__(self) -> str:
        return f"{self.outlet}：{self.title}"
