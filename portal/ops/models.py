"""Operations: background jobs waiting (the outbox) or failed for good, and public form receipts."""
from django.conf import settings
from django.db import models
from django.utils import timezone


class FailedTask(models.Model):
    """A Celery task that failed after its retries, recorded by the task_failure signal.

    Nothing a worker fails at disappears into a log file only: it lands here, visible in admin,
    where it can be re-run or marked as dealt with.
    """

    task_id = models.CharField("任务 ID", max_length=64, db_index=True)
    task_name = models.CharField("任务", max_length=200, db_index=True)
    args = models.JSONField("位置参数", default=list, blank=True)
    kwargs = models.JSONField("关键字参数", default=dict, blank=True)
    # False when the arguments could not be stored as JSON, so "重新执行" cannot rebuild the call.
    replayable = models.BooleanField("可重新执行", default=True)
    exception = models.CharField("异常类型", max_length=200)
    message = models.TextField("错误信息", blank=True)
    traceback = models.TextField("调用栈", blank=True)
    retries = models.PositiveIntegerField("已重试次数", default=0)
    worker = models.CharField("执行节点", max_length=200, blank=True)
    failed_at = models.DateTimeField("失败时间", auto_now_add=True, db_index=True)
    resolved_at = models.DateTimeField("处理时间", null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="处理人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField("处理说明", blank=True)
    replayed_as = models.CharField("重新执行的任务 ID", max_length=64, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "失败的后台任务"
        ordering = ["-failed_at", "-pk"]
        permissions = [("replay_failedtask", "可重新执行失败的后台任务")]

    def __str__(self) -> str:
        return f"{self.task_name}（{self.failed_at:%Y-%m-%d %H:%M}）" if self.failed_at else self.task_name

    @property
    def resolved(self) -> bool:
        return self.resolved_at is not None


class OutboxJob(models.Model):
    """A background job written in the same transaction as the data it is about (transactional outbox).

    The row exists exactly when the change committed; sending it to the broker is only a shortcut.
    A beat job and each worker start run every job still waiting, so a broker, mail server or worker
    outage delays a notice but never loses it. See portal/ops/outbox.py.
    """

    class State(models.TextChoices):
        PENDING = "pending", "待执行"
        DONE = "done", "已完成"
        FAILED = "failed", "已失败"

    task = models.CharField("任务", max_length=200, db_index=True)
    args = models.JSONField("位置参数", default=list, blank=True)
    kwargs = models.JSONField("关键字参数", default=dict, blank=True)
    # The same notice queued twice (a retried form, a re-run of a service) is one job.
    key = models.CharField("幂等键", max_length=200, unique=True)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField("已尝试次数", default=0)
    next_attempt_at = models.DateTimeField("下次执行时间", default=timezone.now)
    last_error = models.TextField("最近错误", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    done_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "待执行的后台任务"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="ops_outbox_due")]

    def __str__(self) -> str:
        return f"{self.task}（{self.get_state_display()}）"


class FormSubmission(models.Model):
    """The receipt of one public form submission, found again by the form's hidden submission key.

    Only an HMAC of the key is stored, and the receipt (it holds the once-only 查询码) is sealed with
    a pad derived from the key: the table alone reveals no query code. See portal/submissions.py.
    """

    key_hash = models.CharField("提交键摘要", max_length=64, unique=True)
    form = models.CharField("表单", max_length=50)
    receipt = models.TextField("回执（加密）", blank=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "表单提交回执"

    def __str__(self) -> str:
        return f"{self.form}（{self.created_at:%Y-%m-%d %H:%M}）" if self.created_at else self.form
