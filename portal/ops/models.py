"""What operations staff must see: background tasks that failed for good."""
from django.conf import settings
from django.db import models


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
