"""What every downloadable attachment of published content has: a title, a checked file, an order."""
from django.db import models

from portal.uploads import validate_attachment


class AttachmentBase(models.Model):
    """Subclasses add the ForeignKey to their content and redeclare `file` with their own folder."""

    title = models.CharField("附件名称", max_length=200)
    file = models.FileField("文件", upload_to="attachments/%Y/", validators=[validate_attachment])
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.title
