from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from .choices import Audience, RegistrationStatus


class Registration(models.Model):
    """A citizen's sign-up. Personal data: shown only to the activity's department, never in public."""

    activity = models.ForeignKey("themedays.Activity", verbose_name="活动", on_delete=models.CASCADE,
                                 related_name="registrations")
    number = models.CharField("确认号", max_length=16, unique=True, editable=False)
    name = models.CharField("姓名", max_length=40)
    phone = models.CharField("手机号码", max_length=11)
    email = models.EmailField("电子邮箱", blank=True)
    identity = models.CharField("身份", max_length=12, choices=Audience.choices)
    party_size = models.PositiveSmallIntegerField("参加人数", default=1, validators=[MinValueValidator(1)])
    status = models.CharField("状态", max_length=12, choices=RegistrationStatus.choices, db_index=True)
    created_at = models.DateTimeField("报名时间", auto_now_add=True, db_index=True)
    promoted_at = models.DateTimeField("候补转正时间", null=True, blank=True)
    cancelled_at = models.DateTimeField("取消时间", null=True, blank=True)
    reminded_at = models.DateTimeField("提醒发送时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "活动报名"
        ordering = ["created_at", "id"]
        constraints = [
            # The database, not only the form, refuses a second live sign-up with the same phone.
            models.UniqueConstraint(fields=["activity", "phone"], condition=~Q(status=RegistrationStatus.CANCELLED),
                                    name="themedays_one_live_registration_per_phone"),
        ]
        indexes = [models.Index(fields=["activity", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.number}（{self.get_status_display()}）"

    @property
    def masked_phone(self) -> str:
        from themedays.rules import mask_phone

        return mask_phone(self.phone)
