from django.db import models


class Department(models.Model):
    """机构: every piece of content belongs to one department; departments form a tree."""

    class Level(models.TextChoices):
        PROVINCE = "province", "省级"
        CITY = "city", "市级"
        COUNTY = "county", "县级"
        TOWNSHIP = "township", "乡镇/街道"

    name = models.CharField("机构名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=40, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    # The 机构代码 that starts every 索引号 of this department (e.g. 430000-01).
    code = models.CharField("机构代码", max_length=30, unique=True)
    level = models.CharField("层级", max_length=10, choices=Level.choices, default=Level.PROVINCE)
    parent = models.ForeignKey(
        "self", verbose_name="上级机构", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    functions = models.TextField("机构职能", blank=True)
    address = models.CharField("办公地址", max_length=200, blank=True)
    phone = models.CharField("办公电话", max_length=40, blank=True)
    office_hours = models.CharField("办公时间", max_length=100, blank=True)
    head = models.CharField("负责人", max_length=40, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=100)

    class Meta:
        verbose_name = verbose_name_plural = "机构"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def descendants_and_self(self) -> list["Department"]:
        """The department and everything under it (a few levels deep, so a loop is fine)."""
        found, frontier = [self], [self]
        while frontier:
            children = list(Department.objects.filter(parent__in=frontier))
            found.extend(children)
            frontier = children
        return found
