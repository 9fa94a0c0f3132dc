"""关爱地图: places that serve elders, and the district centres people may sort by."""
from django.db import models
from django.urls import reverse

from portal.models import Publishable


class District(models.Model):
    """A 区/县 with its centre; editable so that another city can run the map with its own list."""

    name = models.CharField("区县", max_length=30)
    city = models.CharField("所属城市", max_length=30)
    department = models.ForeignKey("portal.Department", verbose_name="维护机构", on_delete=models.PROTECT)
    latitude = models.DecimalField("中心纬度", max_digits=9, decimal_places=6)
    longitude = models.DecimalField("中心经度", max_digits=9, decimal_places=6)
    sort_order = models.PositiveIntegerField("排序", default=100)

    class Meta:
        verbose_name = verbose_name_plural = "区县"
        ordering = ["sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["city", "name"], name="elderzone_district_unique")]

    def __str__(self) -> str:
        return f"{self.city}{self.name}"


class InstitutionKind(models.TextChoices):
    INSTITUTION = "institution", "机构养老"
    COMMUNITY = "community", "社区养老服务中心"
    EMBEDDED = "embedded", "嵌入式养老院"
    CANTEEN = "canteen", "老年食堂"
    CLINIC = "clinic", "社区卫生服务站"


class CareInstitution(Publishable):
    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类型", max_length=12, choices=InstitutionKind.choices, db_index=True)
    district = models.ForeignKey(District, verbose_name="所在区县", on_delete=models.PROTECT, related_name="institutions")
    address = models.CharField("地址", max_length=200)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    beds = models.PositiveIntegerField("床位数", null=True, blank=True, help_text="没有床位的（如老年食堂）留空。")
    hours = models.CharField("开放时间", max_length=100, blank=True)
    services = models.TextField("服务内容", blank=True)
    latitude = models.DecimalField("纬度", max_digits=9, decimal_places=6)
    longitude = models.DecimalField("经度", max_digits=9, decimal_places=6)

    class Meta:
        verbose_name = verbose_name_plural = "关爱地图机构"
        ordering = ["district__sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("elderzone:map") + f"#place-{self.pk}"
