"""What every downloadable attachment of published content has: a title, a checked file, an order."""
from django.db import models


class AttachmentBase(models.Model):
    """Subclasses add the ForeignKey to their content and declare `file` with
    `upload_to=PublicUpload("<folder>", owner="<that ForeignKey>")` (portal.files), which makes the
    file public exactly while that content is."""

    title = models.CharField("附件名称", max_length=200)
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.title
