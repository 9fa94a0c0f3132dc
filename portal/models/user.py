from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    """The four roles of the back office; each is also a Group holding its model permissions."""

    EDITOR = "editor", "信息员"
    REVIEWER = "reviewer", "审核员"
    OFFICE = "office", "公开办"
    ADMIN = "admin", "系统管理员"


class User(AbstractUser):
    department = models.ForeignKey(
        "portal.Department", verbose_name="所属机构", null=True, blank=True, on_delete=models.PROTECT,
        related_name="officials",
    )
    role = models.CharField("角色", max_length=10, choices=Role.choices, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "工作人员"

    @property
    def sees_all_departments(self) -> bool:
        """公开办 and 系统管理员 work across departments; everyone else sees only their own."""
        return self.is_superuser or self.role in (Role.OFFICE, Role.ADMIN)

    @property
    def can_publish(self) -> bool:
        return self.is_superuser or self.role in (Role.REVIEWER, Role.OFFICE, Role.ADMIN)
