"""告知书 and notices drafted from editable templates (温州 文书参考模板), filled with the case's data."""
from django.conf import settings
from django.db import models

from .outcomes import Outcome


class DocKind(models.TextChoices):
    REPLY = "reply", "政府信息公开申请答复书"
    CORRECTION = "correction", "补正申请告知书"
    EXTENSION = "extension", "延长答复期限告知书"
    FEE = "fee", "收取信息处理费通知书"
    THIRD_PARTY = "third_party", "第三方意见征询函"


# The word of the 文号 of each kind: "省财政厅依申请〔2026〕3号" is the third reply of 2026, and a 补正告知书
# of the same year counts on its own ("省财政厅依申请补正〔2026〕1号").
NUMBER_WORDS = {
    DocKind.REPLY: "依申请",
    DocKind.CORRECTION: "依申请补正",
    DocKind.EXTENSION: "依申请延期",
    DocKind.FEE: "依申请收费",
    DocKind.THIRD_PARTY: "依申请征询",
}


class DocumentTemplate(models.Model):
    """One template per kind (and, for replies, per outcome). Placeholders are written {{申请人}};
    the list of placeholders is shown under the field in admin."""

    kind = models.CharField("文书类型", max_length=12, choices=DocKind.choices)
    outcome = models.CharField("适用办理结果", max_length=20, choices=Outcome.choices, blank=True,
                               help_text="仅答复书需要选择；同一结果只能有一个模板")
    title = models.CharField("文书标题", max_length=100)
    body = models.TextField("正文模板")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "文书模板"
        ordering = ["kind", "outcome"]
        constraints = [models.UniqueConstraint(fields=["kind", "outcome"], name="openinfo_doc_template_unique")]

    def __str__(self) -> str:
        suffix = f"（{self.get_outcome_display()}）" if self.outcome else ""
        return f"{self.get_kind_display()}{suffix}"


class RequestDocument(models.Model):
    """A drafted document of one case; the text can be edited until it is issued (签发), which gives it its
    文号 (from a TrackingCounter row per department, kind and year) and its date (the day of the act) once
    and for all: printing it again prints the same."""

    request = models.ForeignKey("openinfo.InfoRequest", verbose_name="申请", on_delete=models.CASCADE,
                                related_name="documents")
    kind = models.CharField("文书类型", max_length=12, choices=DocKind.choices)
    outcome = models.CharField("答复结果", max_length=20, choices=Outcome.choices, blank=True,
                               help_text="答复书按此结果的模板起草")
    title = models.CharField("标题", max_length=100)
    doc_number = models.CharField("文书编号", max_length=60, blank=True)
    body = models.TextField("正文")
    created_at = models.DateTimeField("生成时间", auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="生成人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    dated = models.DateField("成文日期", null=True, blank=True,
                             help_text="所告知行为之日：答复、补正告知、延期批准、收费通知或发函之日")
    issued_at = models.DateTimeField("签发时间", null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="签发人", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "办理文书"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.title}（{self.request.tracking_number}）"

    @property
    def is_issued(self) -> bool:
        return self.issued_at is not None
