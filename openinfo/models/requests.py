"""依申请公开 (条例 2019 Art. 27–45): the application, its pauses, events, files and documents."""
from django.conf import settings
from django.db import models
from django.urls import reverse

from openinfo.storage import private_storage
from portal.uploads import validate_attachment

from .common import DueDateText
from .outcomes import Outcome


class ApplicantType(models.TextChoices):
    NATURAL = "natural", "自然人"
    BUSINESS = "business", "商业企业"
    RESEARCH = "research", "科研机构"
    WELFARE = "welfare", "社会公益组织"
    LEGAL = "legal", "法律服务机构"
    OTHER_ORG = "other_org", "其他组织"


ORGANISATION_TYPES = [t for t in ApplicantType if t != ApplicantType.NATURAL]


class IdType(models.TextChoices):
    ID_CARD = "id_card", "居民身份证"
    CREDIT_CODE = "credit_code", "统一社会信用代码"
    PASSPORT = "passport", "护照"
    HK_MACAO = "hk_macao", "港澳居民来往内地通行证"
    TAIWAN = "taiwan", "台湾居民来往大陆通行证"
    OTHER = "other", "其他有效证件"


class Delivery(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "自行领取"
    ONLINE = "online", "在线查看"


class Medium(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子"


class Channel(models.TextChoices):
    """How the application arrived; decides which date is the receipt date (Art. 31)."""

    ONLINE = "online", "网上申请"
    IN_PERSON = "in_person", "当面提交"
    REGISTERED_MAIL = "registered", "挂号信/快递"
    ORDINARY_MAIL = "ordinary", "平信"
    FAX = "fax", "传真"


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", "已提交"
    ACCEPTED = "accepted", "已受理"
    CORRECTION = "correction", "待补正"
    REPLIED = "replied", "已答复"
    WITHDRAWN = "withdrawn", "已撤回"
    ABANDONED = "abandoned", "视为放弃"


CLOSED_STATUSES = (RequestStatus.REPLIED, RequestStatus.WITHDRAWN, RequestStatus.ABANDONED)


class InfoRequest(DueDateText, models.Model):
    tracking_number = models.CharField("申请编号", max_length=20, unique=True)
    query_code_hash = models.CharField("查询码（散列）", max_length=100, editable=False)
    department = models.ForeignKey(
        "portal.Department", verbose_name="受理机关", on_delete=models.PROTECT, related_name="info_requests"
    )
    # Applicant — personal data: only the department's own case view shows it in full.
    applicant_type = models.CharField("申请人类型", max_length=12, choices=ApplicantType.choices)
    name = models.CharField("姓名或名称", max_length=100)
    contact_person = models.CharField("联系人", max_length=40, blank=True, help_text="法人或其他组织填写")
    id_type = models.CharField("证件类型", max_length=12, choices=IdType.choices)
    id_number = models.CharField("证件号码", max_length=40)
    phone = models.CharField("联系电话", max_length=30)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    # What is asked for (Art. 29).
    description = models.TextField("所需信息的名称、文号或其他特征性描述")
    delivery = models.CharField("获取方式", max_length=10, choices=Delivery.choices)
    medium = models.CharField("提供形式", max_length=12, choices=Medium.choices)
    channel = models.CharField("申请渠道", max_length=12, choices=Channel.choices, default=Channel.ONLINE)

    status = models.CharField("状态", max_length=12, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED,
                              db_index=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="承办人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField("提交/登记时间", auto_now_add=True)
    signed_on = models.DateField("签收日期", null=True, blank=True, help_text="挂号信/快递：签收之日")
    confirmed_on = models.DateField("确认日期", null=True, blank=True, help_text="网上/传真/平信：双方确认之日")
    received_on = models.DateField("收到申请日期", null=True, blank=True, db_index=True,
                                   help_text="依《条例》第三十一条确定，年报按此日期统计新收申请")
    # Where the 20 working days start: the receipt date, or the day the corrected application arrived.
    clock_start = models.DateField("计时起算日", null=True, blank=True)
    due_date = models.DateField("答复期限", null=True, blank=True, db_index=True)
    due_explanation = models.CharField("期限说明", max_length=400, blank=True)
    due_provisional = models.CharField(
        "期限暂定说明", max_length=100, blank=True,
        help_text="期限计入了尚未录入放假安排的年份时注明（按法定节假日暂算），录入后自动重算",
    )

    extended = models.BooleanField("已延期", default=False)
    extension_reason = models.TextField("延期理由", blank=True)
    extension_approver = models.CharField("批准延期的负责人", max_length=40, blank=True)
    extension_approved_on = models.DateField("延期批准日期", null=True, blank=True)

    correction_items = models.TextField("需补正事项", blank=True)
    correction_requested_on = models.DateField("补正通知日期", null=True, blank=True)
    correction_deadline = models.DateField("补正期限", null=True, blank=True)
    corrected_on = models.DateField("收到补正日期", null=True, blank=True)
    # Set only when the 补正 notice went out after the 7 working days of Art. 30: the case is flagged by it.
    correction_late_reason = models.TextField("补正逾期告知理由", blank=True)

    outcome = models.CharField("办理结果", max_length=20, choices=Outcome.choices, blank=True, db_index=True)
    reply_text = models.TextField("答复内容", blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    # The day the case left the office (答复, 撤回, 视为放弃): 年报 counts results by this date.
    concluded_on = models.DateField("办结日期", null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "政府信息公开申请"
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["department", "status", "due_date"])]

    def __str__(self) -> str:
        return self.tracking_number

    def get_absolute_url(self) -> str:
        return reverse("openinfo:track")

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES

    @property
    def applicant_category(self) -> str:
        return "自然人" if self.applicant_type == ApplicantType.NATURAL else "法人或其他组织"

    @property
    def correction_late(self) -> bool:
        return bool(self.correction_late_reason)

    @property
    def masked_id(self) -> str:
        """证件号 as lists show it: first 3 and last 2 characters only."""
        value = self.id_number or ""
        if len(value) <= 5:
            return "*" * len(value)
        return value[:3] + "*" * (len(value) - 5) + value[-2:]


class RequestPause(models.Model):
    """Time not counted in the reply period: 第三方征求意见 (Art. 32), other agencies (Art. 33), fees."""

    class Kind(models.TextChoices):
        THIRD_PARTY = "third_party", "第三方征求意见"
        OTHER_AGENCY = "other_agency", "征求其他机关意见"
        FEE = "fee", "收费通知（待缴费）"

    request = models.ForeignKey(InfoRequest, verbose_name="申请", on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField("类型", max_length=14, choices=Kind.choices)
    started = models.DateField("开始日期", help_text="发出征求意见函或收费通知之日")
    limit_date = models.DateField("对方答复/缴费期限", null=True, blank=True)
    ended = models.DateField("结束日期", null=True, blank=True, help_text="收到意见或缴费之日；为空表示仍在暂停")
    note = models.TextField("说明", blank=True)
    fee_method = models.CharField("计费方式", max_length=12, blank=True)
    fee_units = models.PositiveIntegerField("件数/页数", null=True, blank=True)
    fee_amount = models.DecimalField("收费金额（元）", max_digits=10, decimal_places=2, null=True, blank=True)
    paid_on = models.DateField("缴费日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "暂停计时"
        ordering = ["started", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started}"


class RequestEvent(models.Model):
    """The timeline: every step of the case. `public` events are shown on the track page."""

    request = models.ForeignKey(InfoRequest, verbose_name="申请", on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField("时间", auto_now_add=True)
    on = models.DateField("日期")
    action = models.CharField("事项", max_length=40)
    public_text = models.CharField("对申请人显示", max_length=400, blank=True)
    note = models.TextField("内部说明", blank=True)
    public = models.BooleanField("申请人可见", default=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = verbose_name_plural = "办理记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.action}"


class RequestFile(models.Model):
    """Files sent with the reply; private storage, downloaded through the track page only."""

    request = models.ForeignKey(InfoRequest, verbose_name="申请", on_delete=models.CASCADE, related_name="files")
    title = models.CharField("文件名称", max_length=200)
    file = models.FileField("文件", storage=private_storage, upload_to="openinfo/replies/%Y/",
                            validators=[validate_attachment])
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "答复附件"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title
