from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from portal.models import Publishable
from portal.text import plain_text, sanitize_html

from .choices import ActivityForm, Audience, Stage


class Activity(Publishable):
    """One 主题日 activity: what, when, where, for whom, and how to take part."""

    plan = models.ForeignKey("themedays.ThemeDayPlan", verbose_name="所属计划", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="activities")
    plan_serial = models.PositiveSmallIntegerField("计划序号", null=True, blank=True,
                                                   help_text="在计划安排表中的序号。")
    title = models.CharField("活动主题", max_length=200)
    form = models.CharField("活动形式", max_length=20, choices=ActivityForm.choices, db_index=True)
    summary = models.CharField("活动简介", max_length=500)
    body = models.TextField("活动详情", blank=True)
    start_at = models.DateTimeField("开始时间", db_index=True)
    end_at = models.DateTimeField("结束时间")
    place = models.CharField("活动地点", max_length=200)
    audiences = models.JSONField("邀请对象", default=list, blank=True)
    contact_phone = models.CharField("咨询电话", max_length=40, blank=True, help_text="单位办公电话，公开显示。")
    live_url = models.URLField("直播链接", max_length=500, blank=True)
    related_policies = models.ManyToManyField("policies.PolicyDocument", verbose_name="相关政策", blank=True,
                                              related_name="themeday_activities")
    # Registration
    registration_required = models.BooleanField("开放网上报名", default=False)
    capacity = models.PositiveIntegerField("名额（人）", null=True, blank=True,
                                           help_text="按人数计（含同行人员）；留空表示不限。")
    registration_opens_at = models.DateTimeField("报名开始", null=True, blank=True, help_text="留空表示发布即可报名。")
    registration_closes_at = models.DateTimeField("报名截止", null=True, blank=True, help_text="留空表示活动开始前均可报名。")
    max_party_size = models.PositiveSmallIntegerField(
        "每次报名最多人数", default=3, validators=[MinValueValidator(1), MaxValueValidator(10)])
    waitlist_enabled = models.BooleanField("名额满后允许候补", default=True)
    # Kept in step with time by themedays.tasks.refresh_stages (for filters and lists); pages use
    # current_stage, which is computed, so they are right even if the job has not run yet.
    stage = models.CharField("活动状态", max_length=12, choices=Stage.choices, default=Stage.PREPARING,
                             db_index=True, editable=False)
    cancelled_at = models.DateTimeField("取消时间", null=True, blank=True, editable=False)
    cancel_reason = models.TextField("取消原因", blank=True, help_text="公开显示。")
    # Bumped by every registration change: the write that serialises concurrent sign-ups.
    registration_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "主题日活动"
        ordering = ["-start_at", "-id"]
        indexes = [models.Index(fields=["status", "start_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("themedays:activity", args=[self.pk])

    def clean(self):
        errors = {}
        if self.start_at and self.end_at and self.end_at <= self.start_at:
            errors["end_at"] = "结束时间应晚于开始时间。"
        if self.registration_opens_at and self.registration_closes_at and \
                self.registration_closes_at <= self.registration_opens_at:
            errors["registration_closes_at"] = "报名截止应晚于报名开始。"
        if self.registration_closes_at and self.end_at and self.registration_closes_at > self.end_at:
            errors["registration_closes_at"] = "报名截止不能晚于活动结束。"
        unknown = set(self.audiences or []) - set(Audience.values)
        if unknown:
            errors["audiences"] = "邀请对象中有无效的选项。"
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        if self.start_at and self.end_at:
            self.stage = self.stage_at(timezone.now())
        super().save(*args, **kwargs)

    # --- derived ---------------------------------------------------------------------------------
    def stage_at(self, now) -> Stage:
        from themedays.rules import activity_stage

        return activity_stage(
            now=now, start_at=self.start_at, end_at=self.end_at, cancelled=self.cancelled_at is not None,
            registration_required=self.registration_required, opens_at=self.registration_opens_at,
            closes_at=self.registration_closes_at,
        )

    @property
    def current_stage(self) -> Stage:
        return self.stage_at(timezone.now())

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def registration_open(self) -> bool:
        return self.is_public and self.current_stage == Stage.REGISTERING

    @property
    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [labels[a] for a in self.audiences or [] if a in labels]

    @property
    def body_text(self) -> str:
        return plain_text(self.body)
