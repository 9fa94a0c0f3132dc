"""问答库 (Changsha's 政策百度): concrete questions answered from the text of a policy."""
from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from portal.models import Publishable


class QACategory(models.TextChoices):
    ENTERPRISE = "enterprise", "惠企政策"
    SUBSIDY = "subsidy", "资金奖补"
    EDUCATION = "education", "教育"
    MEDICAL = "medical", "医疗"
    SOCIAL = "social", "社保"
    EMPLOYMENT = "employment", "就业"
    REAL_ESTATE = "realestate", "不动产"
    OTHER = "other", "其他"


_GAPS = re.compile(r"[\s\u3000]+")


def squeeze(text: str) -> str:
    """Text without whitespace, for comparing a quoted clause with the body it came from."""
    return _GAPS.sub("", text or "")


class PolicyQA(Publishable):
    question = models.CharField("问题", max_length=200)
    answer = models.TextField("答复")
    basis_quote = models.TextField(
        "依据原文", blank=True,
        help_text="从所关联文件正文中摘录的原文条款，显示在答复下方。",
    )
    category = models.CharField("分类", max_length=12, choices=QACategory.choices, default=QACategory.OTHER, db_index=True)
    policy = models.ForeignKey(
        "policies.PolicyDocument", verbose_name="依据文件", null=True, blank=True, on_delete=models.SET_NULL, related_name="qas",
    )
    guides = models.ManyToManyField("policies.ServiceGuide", verbose_name="相关办事指南", blank=True, related_name="qas")
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "政策问答"
        ordering = ["sort_order", "id"]
        indexes = [models.Index(fields=["status", "category"])]

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return reverse("policies:qa_detail", args=[self.pk])

    @property
    def answer_paragraphs(self) -> list[str]:
        return [line.strip() for line in (self.answer or "").splitlines() if line.strip()]

    def clean(self):
        # The quote must really be in the document, so a citizen can find it there.
        if self.basis_quote and self.policy_id:
            if squeeze(self.basis_quote) not in squeeze(self.policy.body_text):
                raise ValidationError({"basis_quote": "依据原文未在所关联文件的正文中找到，请从正文中选取原文（可在正文预览中划选后点击“引用所选原文”）。"})
