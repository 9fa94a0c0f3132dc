"""办事指南: what a citizen needs to apply, where, how long, and the online entry."""
from __future__ import annotations

from django.db import models
from django.urls import reverse

from portal.models import Publishable


class ServiceGuide(Publishable):
    name = models.CharField("事项名称", max_length=200)
    item_code = models.CharField("事项编码", max_length=60, blank=True)
    service_object = models.CharField("服务对象", max_length=100, blank=True, help_text="如：自然人、企业法人")
    conditions = models.TextField("申请条件", help_text="每行一条。")
    time_limit = models.CharField("办理时限", max_length=100, help_text="如：承诺时限 5 个工作日")
    fee = models.CharField("收费标准", max_length=200, default="不收费")
    online_url = models.URLField("在线办理入口", max_length=500, blank=True)
    location = models.CharField("办理地点", max_length=300)
    office_hours = models.CharField("办理时间", max_length=100, blank=True)
    phone = models.CharField("咨询电话", max_length=60)
    complaint_phone = models.CharField("监督投诉电话", max_length=60, blank=True)
    policies = models.ManyToManyField(
        "policies.PolicyDocument", verbose_name="依据（政策文件）", blank=True, related_name="service_guides",
    )
    basis_note = models.TextField("其他依据", blank=True, help_text="法律、法规等依据，每行一条。")

    class Meta:
        verbose_name = verbose_name_plural = "办事指南"
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("policies:guide_detail", args=[self.pk])

    @property
    def condition_list(self) -> list[str]:
        return [line.strip() for line in (self.conditions or "").splitlines() if line.strip()]

    @property
    def basis_list(self) -> list[str]:
        return [line.strip() for line in (self.basis_note or "").splitlines() if line.strip()]


class GuideMaterial(models.Model):
    class Form(models.TextChoices):
        ORIGINAL = "original", "原件"
        COPY = "copy", "复印件"
        BOTH = "both", "原件及复印件"
        ELECTRONIC = "electronic", "电子材料"

    guide = models.ForeignKey(ServiceGuide, verbose_name="办事指南", on_delete=models.CASCADE, related_name="materials")
    name = models.CharField("材料名称", max_length=200)
    form = models.CharField("材料形式", max_length=12, choices=Form.choices, default=Form.ORIGINAL)
    copies = models.PositiveSmallIntegerField("份数", default=1)
    required = models.BooleanField("必需", default=True)
    source = models.CharField("来源渠道", max_length=100, blank=True, help_text="如：申请人自备、政府部门核发")
    note = models.CharField("备注", max_length=200, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "申请材料"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class GuideStep(models.Model):
    guide = models.ForeignKey(ServiceGuide, verbose_name="办事指南", on_delete=models.CASCADE, related_name="steps")
    name = models.CharField("环节", max_length=60, help_text="如：申请、受理、审核、办结")
    description = models.TextField("办理内容", blank=True)
    duration = models.CharField("时限", max_length=60, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "办理流程"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name
