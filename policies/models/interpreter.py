"""解读人 (Chengdu's 六公开): who answers for a policy, from when to when.

One row per person and period. Changing the person closes the current row and opens a new one, so
the history stays; correcting a phone number updates the current row. `confirmed_on` is the last day
someone checked the details, which is what the "超过一年未更新" admin list looks at.
"""
from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone

from portal.models import PublishStatus
from portal.models.publishing import PublishableQuerySet

from .document import DocType, PolicyDocument, Validity

STALE_AFTER_DAYS = 365


class PolicyInterpreter(models.Model):
    policy = models.ForeignKey(PolicyDocument, verbose_name="政策文件", on_delete=models.CASCADE, related_name="interpreters")
    organization = models.CharField("解读机构", max_length=100)
    name = models.CharField("解读人", max_length=40)
    position = models.CharField("职务", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=40)
    email = models.EmailField("电子邮箱", blank=True)
    start_date = models.DateField("起始日期", default=timezone.localdate)
    end_date = models.DateField("结束日期", null=True, blank=True, help_text="为空表示现任解读人。")
    confirmed_on = models.DateField("最近核实", default=timezone.localdate, help_text="最近一次更新或确认信息无误的日期。")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "解读人"
        ordering = ["policy_id", "-start_date", "-id"]
        constraints = [
            # At most one current interpreter per policy; the service closes the old one first.
            models.UniqueConstraint(fields=["policy"], condition=models.Q(end_date__isnull=True), name="policy_one_current_interpreter"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.name}"

    @property
    def is_current(self) -> bool:
        return self.end_date is None

    @property
    def contact(self) -> str:
        return "；".join(part for part in (self.phone, self.email) if part)

    def days_since_confirmed(self, today: dt.date | None = None) -> int:
        return ((today or timezone.localdate()) - self.confirmed_on).days


class InterpreterReviewQuerySet(PublishableQuerySet):
    def stale(self, today: dt.date | None = None):
        """Published, 有效 policies whose 解读人 needs attention.

        Either the current interpreter was last confirmed more than a year ago, or a 行政规范性文件
        has none at all (Chengdu's 六公开 asks every normative document to name one).
        """
        cutoff = (today or timezone.localdate()) - dt.timedelta(days=STALE_AFTER_DAYS)
        current = PolicyInterpreter.objects.filter(end_date__isnull=True)
        overdue = models.Q(pk__in=current.filter(confirmed_on__lt=cutoff).values("policy_id"))
        missing = models.Q(doc_type=DocType.NORMATIVE) & ~models.Q(pk__in=current.values("policy_id"))
        return self.filter(status=PublishStatus.PUBLISHED, validity=Validity.VALID).filter(overdue | missing)

    def missing(self):
        return self.exclude(pk__in=PolicyInterpreter.objects.filter(end_date__isnull=True).values("policy_id"))


class InterpreterReview(PolicyDocument):
    """The admin's list of 有效 policies whose 解读人 needs checking (a proxy: no table of its own)."""

    objects = InterpreterReviewQuerySet.as_manager()

    class Meta:
        proxy = True
        verbose_name = verbose_name_plural = "解读人超期未更新"
