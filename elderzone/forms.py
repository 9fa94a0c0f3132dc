"""The zone's mailbox forms: few fields, plain Chinese errors, and portal.antispam like every public form."""
import re

from django import forms

from portal import antispam
from portal.models import Department
from portal.submissions import SubmissionKeyMixin

PHONE = re.compile(r"^[0-9\-\s+()（）]{7,20}$")


class ElderAntiSpamForm(antispam.AntiSpamFormMixin, forms.Form):
    """Pass `request=`. The CAPTCHA's hint in the zone's plain words (the block is drawn large by
    static/portal/antispam.css inside .elder-zone)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        answer = self.fields["as_answer"]
        answer.label = "验证码（照着填）"
        answer.help_text = "请照着图上的四位数字填写，例如 3706。看不清可以点“放大图片”，或点“听语音验证码”听一遍。"
        answer.error_messages["required"] = "还没有填验证码：请照着图上的四位数字填在框里。"


class LetterForm(SubmissionKeyMixin, ElderAntiSpamForm):
    kind = forms.ChoiceField(label="您要", widget=forms.RadioSelect, error_messages={"required": "请选择来信类型。", "invalid_choice": "请选择来信类型。"})
    department = forms.ModelChoiceField(
        label="写给哪个部门", queryset=Department.objects.order_by("sort_order", "id"), empty_label="请选择部门",
        error_messages={"required": "请选择部门。", "invalid_choice": "请从列表中选择部门。"},
    )
    subject = forms.CharField(label="标题（一句话说明事情）", max_length=100,
                              error_messages={"required": "请填写标题。", "max_length": "标题不能超过 100 个字。"})
    content = forms.CharField(label="具体内容", max_length=2000, widget=forms.Textarea(attrs={"rows": 6}),
                              error_messages={"required": "请填写具体内容。", "max_length": "内容不能超过 2000 个字。"})
    name = forms.CharField(label="您的姓名", max_length=40,
                           error_messages={"required": "请填写姓名。", "max_length": "姓名不能超过 40 个字。"})
    phone = forms.CharField(label="联系电话", max_length=20, widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
                            error_messages={"required": "请填写联系电话，方便工作人员联系您。", "max_length": "电话号码太长了，请检查。"})
    email = forms.EmailField(label="电子邮箱（可以不填）", required=False,
                             error_messages={"invalid": "电子邮箱格式不对，可以不填。"})
    consent_publish = forms.BooleanField(label="同意在网站上公开我的来信和答复（不会公开姓名和电话）", required=False)

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(kinds)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not PHONE.match(phone) or sum(ch.isdigit() for ch in phone) < 7:
            raise forms.ValidationError("电话号码格式不对，请填写手机号或座机号。")
        return phone

    def clean_content(self):
        content = self.cleaned_data["content"].strip()
        if len(content) < 5:
            raise forms.ValidationError("内容太短了，请多写几句，方便工作人员了解情况。")
        return content


class LookupForm(ElderAntiSpamForm):
    tracking_number = forms.CharField(label="办件编号", max_length=30,
                                      error_messages={"required": "请填写办件编号。", "max_length": "办件编号不对，请检查。"})
    query_code = forms.CharField(label="查询码", max_length=30,
                                 error_messages={"required": "请填写查询码。", "max_length": "查询码不对，请检查。"})

    def clean_tracking_number(self):
        return self.cleaned_data["tracking_number"].strip().upper()

    def clean_query_code(self):
        return self.cleaned_data["query_code"].strip()
