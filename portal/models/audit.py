from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class ChangeLog(models.Model):
    """Who did what to which row, with the fields before and after (Wagtail's audit log idea).

    Written by the services inside the same transaction as the change, so no path skips it.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=40, db_index=True)
    target = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField("对象", max_length=200)
    action = models.CharField("操作", max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.SET_NULL
    )
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    changes = models.JSONField("变更内容", default=dict, blank=True)  # {field: [before, after]}
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "变更记录"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor or '系统'} {self.action} {self.object_repr}"
