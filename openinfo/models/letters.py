"""政务信箱 / 咨询: letters from the public, answered by a department within set working days."""
from django.conf import settings
from django.db import models

from .common import DueDateText


class Letter(DueDateText, models.Model):
    class Kind(models.TextChoices):
        CONSULT = "consult", "咨询"
        SUGGEST = "suggest", "建议"
        HELP = "help", "求助"
        COMPLAINT = "complaint", "投诉"

    class Channel(models.TextChoices):
        WEB = "web", "网站"
        ELDER = "elder", "长者专区"
        PHONE = "phone", "电话"
        MAIL = "mail", "来信"
        VISIT = "visit", "来访"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "待受理"
        ACCEPTED = "accepted", "办理中"
        REPLIED = "replied", "已答复"
        REJECTED = "rejected", "不予受理"

    class Rating(models.TextChoices):
        SATISFIED = "satisfied", "满意"
        BASIC = "basic", "基本满意"
        UNSATISFIED = "unsatisfied", "不满意"

    tracking_number = models.CharField("办件编号", max_length=20, unique=True)
    query_code_hash = models.CharField("查询码（散列）", max_length=100, editable=False)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices, default=Kind.CONSULT)
    department = models.ForeignKey(
        "portal.Department", verbose_name="受理机构", on_delete=models.PROTECT, related_name="letters"
    )
    subject = models.CharField("标题", max_length=120)
    content = models.TextField("内容")
    # Personal data: shown only in the department's own case view, never on public pages or exports.
    name = models.CharField("来信人", max_length=40)
    phone = models.CharField("联系电话", max_length=30)
    email = models.EmailField("电子邮箱", blank=True)
    channel = models.CharField("渠道", max_length=10, choices=Channel.choices, default=Channel.WEB)
    consent_publish = models.BooleanField("同意公开", default=False, help_text="来信人同意公开来信与答复（不含个人信息）")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.SUBMITTED, db_index=True)

    submitted_at = models.DateTimeField("来信时间", auto_now_add=True, db_index=True)
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    due_date = models.DateField("答复期限", null=True, blank=True)
    due_provisional = models.CharField(
        "期限暂定说明", max_length=100, blank=True,
        help_text="期限计入了尚未录入放假安排的年份时注明（按法定节假日暂算），录入后自动重算",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="承办人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    reply = models.TextField("答复内容", blank=True)
    replied_at = models.DateTimeField("答复时间", null=True, blank=True)
    reply_department = models.ForeignKey(
        "portal.Department", verbose_name="答复部门", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    reject_reason = models.TextField("不予受理理由", blank=True)

    # The department decides separately whether a consented letter goes on the public list, and may
    # shorten the subject there so that nothing identifying remains.
    published = models.BooleanField("在网站公开", default=False)
    public_subject = models.CharField("公开标题", max_length=120, blank=True, help_text="为空时使用原标题")

    rating = models.CharField("评价", max_length=12, choices=Rating.choices, blank=True)
    rating_comment = models.TextField("评价意见", blank=True)
    rated_at = models.DateTimeField("评价时间", null=True, blank=True)

    public_filter = {"published": True, "consent_publish": True, "status": Status.REPLIED}

    class Meta:
        verbose_name = verbose_name_plural = "政务信箱来信"
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["department", "status"])]

    def __str__(self) -> str:
        return f"{self.tracking_number} {self.subject}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("openinfo:letter_detail", args=[self.tracking_number])

    @property
    def is_public(self) -> bool:
        return self.published and self.consent_publish and self.status == self.Status.REPLIED

    def textcheck_fields(self) -> tuple[str, ...]:
        """What the public list and page show (portal.textcheck guards it): the subject shown and the reply."""
        return ("public_subject" if self.public_subject else "subject", "reply")

    @property
    def display_subject(self) -> str:
        return self.public_subject or self.subject
