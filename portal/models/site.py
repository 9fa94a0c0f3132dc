"""Site-wide settings edited in admin: the government's name, 网站标识码, 备案号, contact, 二维码矩阵."""
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import DatabaseError, models

from portal.files import PublicUpload
from portal.uploads import validate_image

CACHE_KEY = "portal:site-settings:v1"
CACHE_SECONDS = 300


class SiteSettings(models.Model):
    """One row (pk=1). Read through SiteSettings.current(), which caches it for every page."""

    site_name = models.CharField("网站名称", max_length=60, default="阳光政务", help_text="显示在页头和浏览器标题中。")
    government_name = models.CharField("政府名称", max_length=60, default="湖南省人民政府", help_text="如：湖南省人民政府。")
    domain = models.CharField("网站域名", max_length=100, blank=True, help_text="如：www.hunan.gov.cn；留空则使用访问地址。")
    site_id_code = models.CharField(
        "网站标识码", max_length=10, blank=True,
        validators=[RegexValidator(r"^[0-9A-Za-z]{10}$", "网站标识码为 10 位数字或字母。")],
    )
    icp_number = models.CharField("ICP 备案号", max_length=40, blank=True, help_text="如：湘ICP备05005093号。")
    police_number = models.CharField("公安机关备案号", max_length=40, blank=True, help_text="如：湘公网安备 43010502000001号。")
    organizer = models.CharField("主办单位", max_length=80, blank=True, help_text="留空则为政府名称。")
    operator = models.CharField("承办单位", max_length=80, blank=True)
    address = models.CharField("地址", max_length=120, blank=True)
    postcode = models.CharField("邮编", max_length=6, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    email = models.EmailField("联系邮箱", blank=True)
    service_hours = models.CharField("服务时间", max_length=80, blank=True)
    kiosk_title = models.CharField("自助终端标题", max_length=40, default="政务公开自助查询", blank=True)
    kiosk_idle_seconds = models.PositiveIntegerField(
        "自助终端无操作返回时间（秒）", default=120, help_text="无人操作超过此时间自动回到首页。"
    )
    hot_words_need_approval = models.BooleanField(
        "热门搜索须经审核", default=True,
        help_text="开启时，搜索词须由公开办在“热词审核”中批准后才显示在首页、搜索页和自助终端的热门搜索中。",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "网站设置"

    def __str__(self) -> str:
        return "网站设置"

    def clean(self):
        if self.kiosk_idle_seconds and not 30 <= self.kiosk_idle_seconds <= 1800:
            raise ValidationError({"kiosk_idle_seconds": "请填写 30 到 1800 之间的秒数。"})

    def save(self, *args, **kwargs):
        self.pk = 1  # a singleton: the admin edits the one row
        super().save(*args, **kwargs)
        cache.delete(CACHE_KEY)

    def delete(self, *args, **kwargs):
        cache.delete(CACHE_KEY)
        return super().delete(*args, **kwargs)

    @property
    def organizer_label(self) -> str:
        return self.organizer or self.government_name

    @classmethod
    def current(cls) -> "SiteSettings":
        """The settings row (cached); defaults when it has not been saved yet or the database is down.

        Every page reads this through the context processor, so it must never raise: an error page
        is rendered with it too.
        """
        found = cache.get(CACHE_KEY)
        if found is not None:
            return found
        try:
            found = cls.objects.filter(pk=1).first()
            accounts = list(found.accounts.filter(is_active=True)) if found else []
        except DatabaseError:
            return cls(site_name=settings.SITE_NAME)
        if found is None:
            found = cls(site_name=settings.SITE_NAME)
        found._accounts = accounts
        cache.set(CACHE_KEY, found, CACHE_SECONDS)
        return found

    @property
    def active_accounts(self) -> list["OfficialAccount"]:
        return getattr(self, "_accounts", None) or []


class OfficialAccount(models.Model):
    """One tile of the 二维码矩阵: an official account people scan to follow (Xinle's 专区)."""

    class Kind(models.TextChoices):
        WECHAT = "wechat", "微信公众号"
        MINIPROGRAM = "miniprogram", "微信小程序"
        WEIBO = "weibo", "政务微博"
        APP = "app", "移动客户端"
        VIDEO = "video", "视频号/抖音号"
        WEBSITE = "website", "政府网站"

    class Level(models.TextChoices):
        NATIONAL = "national", "国家"
        PROVINCE = "province", "省级"
        CITY = "city", "市级"
        COUNTY = "county", "县级"
        TOWNSHIP = "township", "乡镇/街道"
        DEPARTMENT = "department", "部门"

    site = models.ForeignKey(SiteSettings, verbose_name="网站设置", on_delete=models.CASCADE, related_name="accounts")
    name = models.CharField("账号名称", max_length=60)
    kind = models.CharField("类型", max_length=12, choices=Kind.choices, default=Kind.WECHAT)
    level = models.CharField("层级", max_length=12, choices=Level.choices, default=Level.PROVINCE)
    image = models.ImageField(
        "二维码图片", upload_to=PublicUpload("portal/qrcodes"), max_length=255, blank=True, validators=[validate_image],
        help_text="上传官方提供的二维码；留空则按下方链接自动生成。",
    )
    url = models.CharField("链接", max_length=300, blank=True, help_text="扫码后打开的地址。")
    sort_order = models.PositiveIntegerField("排序", default=100)
    is_active = models.BooleanField("显示", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "二维码矩阵"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        return self.is_active

    def clean(self):
        if not self.image and not self.url:
            raise ValidationError("请上传二维码图片或填写链接（二者至少一项）。")

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(CACHE_KEY)

    def delete(self, *args, **kwargs):
        cache.delete(CACHE_KEY)
        return super().delete(*args, **kwargs)
