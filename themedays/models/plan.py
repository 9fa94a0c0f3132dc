from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from portal.models import Publishable
from portal.text import sanitize_html

from .choices import ActivityForm, PlanLevel, ProposalStatus

MONTH_VALIDATORS = [MinValueValidator(1, "月份应在 1–12 之间。"), MaxValueValidator(12, "月份应在 1–12 之间。")]


class ThemeDayPlan(Publishable):
    """One year's programme at one level: the 实施方案 and, through its activities, the 计划安排表."""

    title = models.CharField("计划名称", max_length=200, help_text="如：湖南省2023年“政务公开主题日”活动计划安排表")
    year = models.PositiveSmallIntegerField("年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    level = models.CharField("层级", max_length=10, choices=PlanLevel.choices, default=PlanLevel.PROVINCE)
    scheme_title = models.CharField("实施方案标题", max_length=200, blank=True)
    doc_number = models.CharField("印发文号", max_length=100, blank=True)
    scheme = models.TextField("实施方案", blank=True, help_text="活动主题、目的、形式、时间安排、工作保障。")
    proposal_deadline = models.DateField("申报截止日期", null=True, blank=True)
    start_month = models.PositiveSmallIntegerField("起始月份", default=1, validators=MONTH_VALIDATORS)
    goal_per_month = models.PositiveSmallIntegerField(
        "每月活动目标（次）", default=2, help_text="“每月组织开展2次以上”：统计页据此列出未达标的月份。"
    )

    class Meta:
        verbose_name = verbose_name_plural = "主题日计划"
        ordering = ["-year", "level", "id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "level", "department"], name="themedays_one_plan_per_year_level"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("themedays:plan", args=[self.pk])

    @property
    def scheme_nested(self) -> str:
        """The 实施方案 with its headings one level down, shown under the page's own h2."""
        import re

        return re.sub(r"<(/?)h([2-5])\b", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", self.scheme)

    def save(self, *args, **kwargs):
        self.scheme = sanitize_html(self.scheme)
        super().save(*args, **kwargs)


class Proposal(models.Model):
    """申报: one row of a department's 活动主题申报表, reviewed by 公开办 (入选 / 未入选)."""

    plan = models.ForeignKey(ThemeDayPlan, verbose_name="所属计划", on_delete=models.PROTECT, related_name="proposals")
    department = models.ForeignKey("portal.Department", verbose_name="填报单位", on_delete=models.PROTECT,
                                   related_name="themeday_proposals")
    serial = models.PositiveSmallIntegerField("序号", default=1)
    topic = models.CharField("活动主题", max_length=200)
    month = models.PositiveSmallIntegerField("活动时间（月份）", validators=MONTH_VALIDATORS)
    form = models.CharField("活动形式", max_length=20, choices=ActivityForm.choices)
    summary = models.TextField("活动简介", max_length=2000)
    contact_name = models.CharField("联系人", max_length=40)
    contact_phone = models.CharField("联系电话", max_length=40)
    status = models.CharField("状态", max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT,
                              db_index=True)
    review_note = models.TextField("审核意见", blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申报人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField("申报时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    # The scheduled activity made from this proposal once it was chosen (one each).
    activity = models.OneToOneField("themedays.Activity", verbose_name="已排期活动", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="proposal")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "活动主题申报"
        ordering = ["plan", "department__sort_order", "serial", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "department", "topic"], name="themedays_proposal_topic_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.department.display_name}：{self.topic}"

    def clean(self):
        if self.month and self.plan_id and self.month < self.plan.start_month:
            raise ValidationError({"month": f"该计划从 {self.plan.start_month} 月开始，请选择之后的月份。"})
