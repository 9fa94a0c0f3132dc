"""Public forms of openinfo. Every one that writes uses portal.antispam."""
from __future__ import annotations

from django import forms

from openinfo.models import ApplicantType, Delivery, IdType, Letter, Medium
from openinfo.validators import validate_id_number
from portal import antispam
from portal.models import Department
from portal.submissions import SubmissionKeyMixin

NATURAL_IDS = [IdType.ID_CARD, IdType.PASSPORT, IdType.HK_MACAO, IdType.TAIWAN, IdType.OTHER]
ORG_IDS = [IdType.CREDIT_CODE, IdType.OTHER]
REQUIRED = "请填写{}。"


def _req(label: str) -> dict:
    return {"required": REQUIRED.format(label)}


class DepartmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ApplyForm(SubmissionKeyMixin, antispam.AntiSpamFormMixin, forms.Form):
    applicant_type = forms.ChoiceField(label="申请人类型", choices=ApplicantType.choices, widget=forms.RadioSelect,
                                       initial=ApplicantType.NATURAL, error_messages=_req("申请人类型"))
    name = forms.CharField(label="姓名或名称", max_length=100, error_messages=_req("姓名或名称"))
    contact_person = forms.CharField(label="联系人", max_length=40, required=False,
                                     help_text="法人或其他组织请填写经办联系人")
    id_type = forms.ChoiceField(label="证件类型", choices=IdType.choices, initial=IdType.ID_CARD,
                                error_messages=_req("证件类型"))
    id_number = forms.CharField(label="证件号码", max_length=40, error_messages=_req("证件号码"),
                                help_text="居民身份证18位，统一社会信用代码18位",
                                widget=forms.TextInput(attrs={"autocomplete": "off"}))
    phone = forms.RegexField(label="联系电话", regex=r"^[0-9\-+\s()（）]{7,20}$", max_length=30,
                             error_messages={**_req("联系电话"), "invalid": "联系电话格式有误，请填写手机或固定电话号码。"},
                             widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
    email = forms.EmailField(label="电子邮箱", required=False, help_text="选填；填写后办理进展会以邮件通知您",
                             error_messages={"invalid": "电子邮箱格式有误。"},
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    address = forms.CharField(label="通信地址", max_length=200, required=False, help_text="选择“邮寄”时必填",
                              widget=forms.TextInput(attrs={"autocomplete": "address-line1"}))
    postcode = forms.RegexField(label="邮政编码", regex=r"^\d{6}$", required=False,
                                error_messages={"invalid": "邮政编码应为6位数字。"},
                                widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}))
    department = DepartmentChoiceField(label="受理机关", queryset=Department.objects.all(),
                                       empty_label="请选择受理机关", error_messages=_req("受理机关"))
    description = forms.CharField(
        label="所需信息的名称、文号或其他特征性描述", max_length=3000, error_messages=_req("所需信息的描述"),
        help_text="请尽量写明文件名称、文号、形成时间等，便于查找；不需要说明用途",
        widget=forms.Textarea(attrs={"rows": 5}))
    delivery = forms.ChoiceField(label="获取方式", choices=Delivery.choices, widget=forms.RadioSelect,
                                 initial=Delivery.EMAIL, error_messages=_req("获取方式"))
    medium = forms.ChoiceField(label="提供形式", choices=Medium.choices, widget=forms.RadioSelect,
                               initial=Medium.ELECTRONIC, error_messages=_req("提供形式"))
    agree = forms.BooleanField(label="我确认所填信息真实有效", error_messages={"required": "请确认所填信息真实有效。"})

    def clean(self):
        data = super().clean()
        kind, id_type = data.get("applicant_type"), data.get("id_type")
        if kind and id_type:
            allowed = NATURAL_IDS if kind == ApplicantType.NATURAL else ORG_IDS
            if id_type not in allowed:
                self.add_error("id_type", "自然人请选择个人证件；法人或其他组织请选择统一社会信用代码或其他证件。")
            elif data.get("id_number"):
                try:
                    data["id_number"] = validate_id_number(id_type, data["id_number"])
                except forms.ValidationError as exc:
                    self.add_error("id_number", exc)
        if kind and kind != ApplicantType.NATURAL and not data.get("contact_person"):
            self.add_error("contact_person", "法人或其他组织请填写联系人。")
        if data.get("delivery") == Delivery.POST and not data.get("address"):
            self.add_error("address", "选择邮寄方式时请填写通信地址。")
        if data.get("delivery") == Delivery.EMAIL and not data.get("email"):
            self.add_error("email", "选择电子邮件方式时请填写电子邮箱。")
        return data

    def service_data(self) -> dict:
        fields = ("applicant_type", "name", "contact_person", "id_type", "id_number", "phone", "email", "address",
                  "postcode", "description", "delivery", "medium")
        return {name: self.cleaned_data[name] for name in fields}


class TrackForm(forms.Form):
    tracking_number = forms.CharField(label="申请编号", max_length=20, error_messages=_req("申请编号"),
                                      help_text="如 YSQ-2026-000123",
                                      widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    query_code = forms.CharField(label="查询码", max_length=20, error_messages=_req("查询码"),
                                 help_text="提交申请时显示的10位数字",
                                 widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}))


class LetterForm(SubmissionKeyMixin, antispam.AntiSpamFormMixin, forms.Form):
    kind = forms.ChoiceField(label="类型", choices=Letter.Kind.choices, widget=forms.RadioSelect,
                             initial=Letter.Kind.CONSULT, error_messages=_req("类型"))
    department = DepartmentChoiceField(label="写信给", queryset=Department.objects.all(), empty_label="请选择部门",
                                       error_messages=_req("收信部门"))
    subject = forms.CharField(label="标题", max_length=120, error_messages=_req("标题"))
    content = forms.CharField(label="内容", max_length=5000, error_messages=_req("内容"),
                              widget=forms.Textarea(attrs={"rows": 8}),
                              help_text="投诉举报请写明事实经过；涉及依申请公开的，请使用“依申请公开”栏目")
    name = forms.CharField(label="姓名", max_length=40, error_messages=_req("姓名"),
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = forms.RegexField(label="联系电话", regex=r"^[0-9\-+\s()（）]{7,20}$", max_length=30,
                             error_messages={**_req("联系电话"), "invalid": "联系电话格式有误。"},
                             widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
    email = forms.EmailField(label="电子邮箱", required=False, help_text="选填；答复后会以邮件通知您",
                             error_messages={"invalid": "电子邮箱格式有误。"})
    consent_publish = forms.BooleanField(
        label="同意公开我的来信内容和答复（不公开姓名、电话、邮箱）", required=False)


class LetterRatingForm(forms.Form):
    rating = forms.ChoiceField(label="您对答复的评价", choices=Letter.Rating.choices, widget=forms.RadioSelect,
                               error_messages=_req("评价"))
    comment = forms.CharField(label="评价意见（选填）", required=False, max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 3}))


class CommentForm(SubmissionKeyMixin, antispam.AntiSpamFormMixin, forms.Form):
    content = forms.CharField(label="您的意见建议", max_length=5000, error_messages=_req("意见内容"),
                              widget=forms.Textarea(attrs={"rows": 6}))
    name = forms.CharField(label="姓名（选填，不公开）", max_length=40, required=False)
    contact = forms.CharField(label="联系方式（选填，不公开）", max_length=100, required=False,
                              help_text="便于我们就您的意见与您沟通")

