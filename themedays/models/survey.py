from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from portal.models import Publishable

from .choices import QuestionKind, ResultsVisibility


class Survey(Publishable):
    """问卷调查: open between two dates, one answer per browser (and per phone when asked)."""

    activity = models.ForeignKey("themedays.Activity", verbose_name="关联活动", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="surveys")
    title = models.CharField("问卷标题", max_length=200)
    intro = models.TextField("说明", blank=True)
    opens_at = models.DateTimeField("开始时间")
    closes_at = models.DateTimeField("截止时间")
    results_visibility = models.CharField("结果公布", max_length=12, choices=ResultsVisibility.choices,
                                          default=ResultsVisibility.AFTER_CLOSE)
    ask_phone = models.BooleanField("要求填写手机号", default=False,
                                    help_text="每个手机号只能作答一次；号码只保存不可逆的摘要。")

    class Meta:
        verbose_name = verbose_name_plural = "问卷调查"
        ordering = ["-opens_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("themedays:survey", args=[self.pk])

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "截止时间应晚于开始时间。"})

    def is_open_at(self, now) -> bool:
        return self.opens_at <= now < self.closes_at

    @property
    def is_open(self) -> bool:
        return self.is_open_at(timezone.now())

    @property
    def has_closed(self) -> bool:
        return timezone.now() >= self.closes_at

    @property
    def not_yet_open(self) -> bool:
        return timezone.now() < self.opens_at

    @property
    def results_public(self) -> bool:
        if self.results_visibility == ResultsVisibility.LIVE:
            return timezone.now() >= self.opens_at
        return self.has_closed


class Question(models.Model):
    survey = models.ForeignKey(Survey, verbose_name="问卷", on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField("题号", default=1)
    text = models.CharField("题目", max_length=300)
    kind = models.CharField("题型", max_length=10, choices=QuestionKind.choices, default=QuestionKind.SINGLE)
    required = models.BooleanField("必答", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "题目"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.order}. {self.text}"


class Choice(models.Model):
    question = models.ForeignKey(Question, verbose_name="题目", on_delete=models.CASCADE, related_name="choices")
    order = models.PositiveSmallIntegerField("排序", default=1)
    text = models.CharField("选项", max_length=200)

    class Meta:
        verbose_name = verbose_name_plural = "选项"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class Response(models.Model):
    """One submission. Only digests identify the browser and the phone; nothing readable is kept."""

    survey = models.ForeignKey(Survey, verbose_name="问卷", on_delete=models.CASCADE, related_name="responses")
    browser_key = models.CharField(max_length=64, editable=False)
    phone_key = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "问卷答卷"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "browser_key"], name="themedays_one_response_per_browser"),
            models.UniqueConstraint(fields=["survey", "phone_key"], condition=~Q(phone_key=""),
                                    name="themedays_one_response_per_phone"),
        ]

    def __str__(self) -> str:
        return f"答卷 {self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, verbose_name="答卷", on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, verbose_name="题目", on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(Choice, verbose_name="选项", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="answers")
    text = models.TextField("回答", blank=True, max_length=2000)

    class Meta:
        verbose_name = verbose_name_plural = "问卷文字回答"

    def __str__(self) -> str:
        return self.text[:40] if self.text else str(self.choice)
