from django.db import models
from django.urls import reverse

from policies.docnumber import normalize_doc_number
from policies.topics import TOPIC_CHOICES
from portal.files import PublicUpload
from portal.models import AttachmentBase, Publishable
from portal.text import content_hash, plain_text, sanitize_html
from portal.uploads import validate_attachment


class DocType(models.TextChoices):
    RULE = "rule", "规章"
    NORMATIVE = "normative", "行政规范性文件"
    OTHER = "other", "其他文件"


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"
    AMENDED = "amended", "已修订"


# How a sentence says it ("本文件已修订"): the labels above are table values, and one of them already
# carries 已, so templates must not prefix 已 to a label (that printed "本文件已已修订").
VALIDITY_STATEMENT = {
    Validity.VALID: "现行有效", Validity.EXPIRED: "已失效", Validity.REPEALED: "已废止", Validity.AMENDED: "已修订",
}


class PolicyDocument(Publishable):
    title = models.CharField("标题", max_length=300)
    doc_number = models.CharField("发文字号", max_length=100, blank=True)
    # "湘政发|2023|1": what every variant of the 发文字号 normalises to (policies/docnumber.py).
    doc_number_key = models.CharField("发文字号（规范化）", max_length=120, blank=True, db_index=True, editable=False)
    index_number = models.CharField("索引号", max_length=60, unique=True, blank=True)
    issuer = models.ForeignKey(
        "portal.Department", verbose_name="发文机关", on_delete=models.PROTECT, related_name="issued_policies"
    )
    co_issuers = models.ManyToManyField(
        "portal.Department", verbose_name="联合发文机关", blank=True, related_name="co_issued_policies"
    )
    topic = models.CharField("主题分类", max_length=40, choices=TOPIC_CHOICES, blank=True, db_index=True)
    subtopic = models.CharField("二级分类", max_length=40, blank=True)
    doc_type = models.CharField("文种", max_length=12, choices=DocType.choices, default=DocType.OTHER, db_index=True)
    validity = models.CharField("有效性", max_length=10, choices=Validity.choices, default=Validity.VALID, db_index=True)
    superseded_by = models.ForeignKey(
        "self", verbose_name="替代文件", null=True, blank=True, on_delete=models.SET_NULL, related_name="supersedes"
    )
    written_date = models.DateField("成文日期", null=True, blank=True)
    issued_date = models.DateField("发布日期", null=True, blank=True, db_index=True)
    effective_date = models.DateField("施行日期", null=True, blank=True)
    expiry_date = models.DateField("失效日期", null=True, blank=True)
    body = models.TextField("正文")
    summary = models.TextField("内容概述", blank=True)
    keywords = models.CharField("关键词", max_length=200, blank=True, help_text="以逗号分隔；留空则自动提取。")
    source = models.CharField("来源", max_length=100, blank=True)
    source_url = models.URLField("来源链接", max_length=500, blank=True)
    external_id = models.CharField("外部编号", max_length=100, null=True, blank=True, unique=True)
    content_hash = models.CharField("内容指纹", max_length=64, blank=True, db_index=True, editable=False)
    for_elders = models.BooleanField("涉老政策", default=False, help_text="在长者专区“政府文件”中显示。")
    # Set by the importer when another document's text is nearly the same; an editor decides.
    similar_to = models.ForeignKey(
        "self", verbose_name="疑似重复", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="导入时发现与该文件内容高度相似，请核对。",
    )

    class Meta:
        verbose_name = verbose_name_plural = "政策文件"
        ordering = ["-issued_date", "-id"]
        # The list and the elder zone read "newest first" pages: one index walk, no sort of every row.
        indexes = [models.Index(fields=["status", "-issued_date", "-id"], name="policy_public_newest")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("policies:detail", args=[self.pk])

    @property
    def category_label(self) -> str:
        return f"{self.topic}\\{self.subtopic}" if self.subtopic else self.topic

    @property
    def validity_statement(self) -> str:
        return VALIDITY_STATEMENT[Validity(self.validity)]

    @property
    def body_text(self) -> str:
        return plain_text(self.body)

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.replace("，", ",").split(",") if k.strip()]

    def save(self, *args, **kwargs):
        # Derived fields are kept in step here so every path (admin, import, API) agrees.
        self.body = sanitize_html(self.body)
        self.doc_number_key = normalize_doc_number(self.doc_number)
        self.content_hash = content_hash(self.title, plain_text(self.body))
        super().save(*args, **kwargs)


class Attachment(AttachmentBase):
    policy = models.ForeignKey(PolicyDocument, verbose_name="政策文件", on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to=PublicUpload("policies/attachments", owner="policy"), max_length=255,
                            validators=[validate_attachment])

    class Meta(AttachmentBase.Meta):
        verbose_name = verbose_name_plural = "附件"
