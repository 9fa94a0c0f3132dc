"""News, notices and media coverage (政务动态 / 通知公告 / 媒体聚焦) and the 专栏 that group them."""
from django.db import models
from django.urls import reverse

from portal.files import PublicUpload
from portal.models.attachment import AttachmentBase
from portal.models.publishing import Publishable, PublishStatus
from portal.text import plain_text, sanitize_html
from portal.uploads import validate_attachment, validate_image


class Openness(models.TextChoices):
    """The 五公开 of 法定主动公开内容 (决策、执行、管理、服务、结果公开)."""

    DECISION = "decision", "决策公开"
    EXECUTION = "execution", "执行公开"
    MANAGEMENT = "management", "管理公开"
    SERVICE = "service", "服务公开"
    RESULT = "result", "结果公开"


class ArticleCategory(models.TextChoices):
    NEWS = "news", "政务动态"
    NOTICE = "notice", "通知公告"
    MEDIA = "media", "媒体聚焦"


# The URL segment of each category's list page (/articles/<slug>/).
CATEGORY_SLUGS = {
    ArticleCategory.NEWS: "news",
    ArticleCategory.NOTICE: "notices",
    ArticleCategory.MEDIA: "media-coverage",
}


class ColumnQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Column(models.Model):
    """专栏: a curated group of articles (e.g. 政务公开主题日专栏, 政府常务会议)."""

    name = models.CharField("专栏名称", max_length=60, unique=True)
    slug = models.SlugField("网址标识", max_length=60, unique=True, help_text="英文字母、数字或连字符，用于专栏网址。")
    description = models.TextField("专栏简介", blank=True)
    department = models.ForeignKey(
        "portal.Department", verbose_name="主办机构", on_delete=models.PROTECT, related_name="columns"
    )
    banner = models.ImageField(
        "专栏题图", upload_to=PublicUpload("portal/columns"), max_length=255, blank=True, validators=[validate_image],
        help_text="显示在专栏页顶部，建议宽图（如 1200×240）。",
    )
    banner_alt = models.CharField("题图说明", max_length=120, blank=True, help_text="供读屏软件朗读的图片说明。")
    openness = models.CharField(
        "五公开类别", max_length=12, choices=Openness.choices, blank=True,
        help_text="专栏内容在“五公开”导航中的归类；文章可单独指定。",
    )
    on_home = models.BooleanField("首页展示", default=False, help_text="在首页“专题专栏”中显示入口。")
    is_active = models.BooleanField("启用", default=True)
    sort_order = models.PositiveIntegerField("排序", default=100)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = ColumnQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "专栏"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portal:column_detail", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return self.is_active


class ArticleQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status=PublishStatus.PUBLISHED)

    def newest(self):
        return self.order_by("-published_at", "-id")


class Article(Publishable):
    title = models.CharField("标题", max_length=200)
    category = models.CharField("栏目", max_length=10, choices=ArticleCategory.choices, default=ArticleCategory.NEWS, db_index=True)
    columns = models.ManyToManyField(Column, verbose_name="所属专栏", blank=True, related_name="articles")
    is_headline = models.BooleanField("要闻", default=False, db_index=True, help_text="在首页“要闻”中显示。")
    summary = models.TextField("摘要", blank=True, help_text="列表和订阅中显示；留空则取正文开头。")
    body = models.TextField("正文")
    cover = models.ImageField("题图", upload_to=PublicUpload("portal/articles"), max_length=255, blank=True,
                              validators=[validate_image])
    cover_alt = models.CharField("题图说明", max_length=120, blank=True, help_text="供读屏软件朗读的图片说明。")
    source = models.CharField("来源", max_length=100, blank=True, help_text="如：湖南日报、省政府办公厅供稿。")
    source_url = models.URLField("原文链接", max_length=500, blank=True, help_text="媒体聚焦文章的原始报道地址。")
    byline = models.CharField("作者", max_length=60, blank=True)
    keywords = models.CharField("关键词", max_length=200, blank=True, help_text="以逗号分隔。")
    openness = models.CharField("五公开类别", max_length=12, choices=Openness.choices, blank=True)
    pinned = models.BooleanField("置顶", default=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "新闻与公告"
        ordering = ["-pinned", "-published_at", "-id"]
        indexes = [models.Index(fields=["status", "category", "-published_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:article_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    @property
    def body_text(self) -> str:
        return plain_text(self.body)

    @property
    def teaser(self) -> str:
        text = self.summary or self.body_text
        return text if len(text) <= 120 else text[:118] + "……"

    @property
    def category_slug(self) -> str:
        return CATEGORY_SLUGS[ArticleCategory(self.category)]

    @property
    def source_label(self) -> str:
        return self.source or self.department.name


class ArticleAttachment(AttachmentBase):
    article = models.ForeignKey(Article, verbose_name="文章", on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to=PublicUpload("portal/attachments", owner="article"), max_length=255,
                            validators=[validate_attachment])

    class Meta(AttachmentBase.Meta):
        verbose_name = verbose_name_plural = "附件"
