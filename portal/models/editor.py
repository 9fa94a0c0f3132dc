"""Pictures officials put into rich text (正文) through the editor: stored like every public upload."""
from urllib.parse import quote

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q

from portal.files import PublicUpload

# The rich-text fields written with the editor; a picture is public while one of their published rows shows it.
RICH_TEXT_FIELDS = [("policies.PolicyDocument", "body"), ("policies.Interpretation", "body"), ("portal.Article", "body")]


class BodyImage(models.Model):
    image = models.ImageField("图片", upload_to=PublicUpload("body-images"), max_length=255)
    department = models.ForeignKey("portal.Department", on_delete=models.PROTECT, verbose_name="所属机构",
                                   related_name="+", null=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                                    verbose_name="上传人")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    # portal.files: an official of the department previews the pictures of a draft, like its attachments.
    previewable = True

    class Meta:
        verbose_name = verbose_name_plural = "正文图片"

    def __str__(self) -> str:
        return self.image.name

    @property
    def is_public(self) -> bool:
        """Shown to everyone only while published text uses it: a draft's picture stays unreachable."""
        # The text holds the picture's URL, where a name like 流程图.png is percent-encoded.
        names = {self.image.name, quote(self.image.name)}
        for model_path, field in RICH_TEXT_FIELDS:
            used = Q()
            for name in names:
                used |= Q(**{f"{field}__contains": name})
            if apps.get_model(model_path).objects.public().filter(used).exists():
                return True
        return False
