"""What the 长者专区 publishes itself: elder services (一键直达 + QR), 懂生活 articles, notices."""
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from portal.models import Publishable
from portal.text import plain_text, sanitize_html


class ServiceCategory(models.TextChoices):
    ASSISTANCE = "assistance", "社会救助"
    PENSION = "pension", "养老保险"
    MEDICAL = "medical", "医疗保障"
    ALLOWANCE = "allowance", "福利津贴"
    CARE = "care", "健康养老"
    DAILY = "daily", "便民服务"


def validate_service_url(value: str) -> None:
    """一键直达 goes to a full http(s) address or a page of this site ("/..."); nothing else is scannable."""
    if not (value.startswith(("http://", "https://")) or (value.startswith("/") and not value.startswith("//"))):
        raise ValidationError("请填写以 http://、https:// 开头的网址，或以 / 开头的本站地址。")


class ElderService(Publishable):
    name = models.CharField("服务名称", max_length=60)
    category = models.CharField("服务类别", max_length=12, choices=ServiceCategory.choices, db_index=True)
    summary = models.CharField("简要说明", max_length=200, help_text="用一两句大白话说明能办什么。")
    url = models.CharField("一键直达网址", max_length=500, validators=[validate_service_url],
                           help_text="办事页面的网址；二维码也指向这里。")
    guide = models.TextField("怎么办", blank=True, help_text="每行一步，例如：1. 打开页面 2. 刷脸认证 3. 填表提交。")
    phone = models.CharField("咨询电话", max_length=40, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=100)

    class Meta:
        verbose_name = verbose_name_plural = "长者服务"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("elderzone:service_detail", args=[self.pk])

    @property
    def guide_steps(self) -> list[str]:
        return [line.strip() for line in self.guide.splitlines() if line.strip()]


class LifeCategory(models.TextChoices):
    WELLNESS = "wellness", "养生保健"
    DISEASE = "disease", "老年病科普"
    HEALTHY = "healthy", "健康生活"
    FRAUD = "fraud", "防范诈骗"


class _Article(Publishable):
    """Shared by 懂生活 and notices: a title and sanitised body that the zone reads aloud."""

    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文")
    source = models.CharField("来源", max_length=100, blank=True)

    class Meta:
        abstract = True
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def body_text(self) -> str:
        return plain_text(self.body)

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)


class LifeArticle(_Article):
    category = models.CharField("栏目", max_length=10, choices=LifeCategory.choices, db_index=True)
    summary = models.CharField("导语", max_length=200, blank=True)

    class Meta(_Article.Meta):
        verbose_name = verbose_name_plural = "懂生活文章"

    def get_absolute_url(self) -> str:
        return reverse("elderzone:life_detail", args=[self.pk])


class ElderNotice(_Article):
    class Meta(_Article.Meta):
        verbose_name = verbose_name_plural = "长者专区通知公告"

    def get_absolute_url(self) -> str:
        return reverse("elderzone:notice_detail", args=[self.pk])
