from django.conf import settings
from django.db import models


class PublishStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PENDING = "pending", "待审核"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


class PublishableQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status=PublishStatus.PUBLISHED)


class Publishable(models.Model):
    """Content that moves 草稿 → 待审核 → 已发布 → 已撤回 and belongs to one department.

    Transitions go through portal.publishing (services) so that the rules and the history are the
    same for every app; only 已发布 rows are public, listed, fed and indexed.
    """

    department = models.ForeignKey("portal.Department", verbose_name="所属机构", on_delete=models.PROTECT)
    status = models.CharField(
        "状态", max_length=10, choices=PublishStatus.choices, default=PublishStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="编辑", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.status == PublishStatus.PUBLISHED
