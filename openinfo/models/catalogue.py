"""权责清单 and 信息公开指南/制度: published reference texts of each department."""
from django.db import models
from django.urls import reverse

from portal.models import Publishable
from portal.text import sanitize_html


class PowerItem(Publishable):
    """One entry of the 权责清单."""

    class Kind(models.TextChoices):
        LICENSING = "licensing", "行政许可"
        PENALTY = "penalty", "行政处罚"
        ENFORCEMENT = "enforcement", "行政强制"
        LEVY = "levy", "行政征收"
        PAYMENT = "payment", "行政给付"
        INSPECTION = "inspection", "行政检查"
        CONFIRMATION = "confirmation", "行政确认"
        REWARD = "reward", "行政奖励"
        ADJUDICATION = "adjudication", "行政裁决"
        OTHER = "other", "其他行政权力"

    code = models.CharField("事项编码", max_length=40, blank=True)
    name = models.CharField("事项名称", max_length=200)
    kind = models.CharField("事项类型", max_length=14, choices=Kind.choices, db_index=True)
    subject = models.CharField("实施主体", max_length=200)
    legal_basis = models.TextField("法律依据")
    responsibilities = models.TextField("责任事项")
    accountability = models.TextField("追责情形")
    remarks = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "权责清单事项"
        ordering = ["department__sort_order", "kind", "code", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("openinfo:power_detail", args=[self.pk])


class GuidePage(Publishable):
    """信息公开指南 (one per department) and 信息公开制度 pages shown on the /openinfo/ home."""

    class Kind(models.TextChoices):
        GUIDE = "guide", "信息公开指南"
        SYSTEM = "system", "信息公开制度"

    kind = models.CharField("类型", max_length=8, choices=Kind.choices, default=Kind.GUIDE)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文")
    office = models.CharField("受理机构", max_length=100, blank=True, help_text="依申请公开受理机构名称")
    address = models.CharField("办公地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    phone = models.CharField("咨询电话", max_length=40, blank=True)
    fax = models.CharField("传真", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    hours = models.CharField("办公时间", max_length=100, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "信息公开指南与制度"
        ordering = ["kind", "department__sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["department"], condition=models.Q(kind="guide"),
                                    name="openinfo_one_guide_per_department"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("openinfo:guide_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)
