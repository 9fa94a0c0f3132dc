"""Forms of the back-office case handling (one small form per workflow step)."""
from __future__ import annotations

from django import forms
from django.utils import timezone

from openinfo import date_rules, fees
from openinfo.models import Channel, InfoRequest, Outcome, RequestPause
from openinfo.validators import validate_id_number

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _today():
    return timezone.localdate()


class RegisterForm(forms.ModelForm):
    """Staff register a paper, letter, fax or in-person application (Art. 31 decides the receipt date)."""

    submitted_on = forms.DateField(label="提交/收件日期", initial=_today, widget=DATE,
                                   help_text="当面提交：即收到申请之日")
    signed_on_input = forms.DateField(label="签收日期", required=False, widget=DATE,
                                      help_text="挂号信/快递：以签收之日为收到申请之日")
    confirmed_on_input = forms.DateField(label="双方确认日期", required=False, widget=DATE,
                                         help_text="平信、传真：以与申请人确认之日为收到申请之日；尚未确认可留空")

    class Meta:
        model = InfoRequest
        fields = ["department", "channel", "applicant_type", "name", "contact_person", "id_type", "id_number",
                  "phone", "email", "address", "postcode", "description", "delivery", "medium"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [c for c in Channel.choices if c[0] != Channel.ONLINE]
        self.fields["channel"].initial = Channel.IN_PERSON

    def clean(self):
        data = super().clean()
        if data.get("id_type") and data.get("id_number"):
            try:
                data["id_number"] = validate_id_number(data["id_type"], data["id_number"])
            except forms.ValidationError as exc:
                self.add_error("id_number", exc)
        if data.get("channel") == Channel.REGISTERED_MAIL and not data.get("signed_on_input"):
            self.add_error("signed_on_input", "挂号信/快递请填写签收日期。")
        if data.get("submitted_on"):
            try:
                date_rules.check_receipt(today=_today(), submitted_on=data["submitted_on"],
                                         signed_on=data.get("signed_on_input"),
                                         confirmed_on=data.get("confirmed_on_input"))
            except forms.ValidationError as exc:
                self.add_error(None, exc)
        return data


class AcceptForm(forms.Form):
    confirmed_on = forms.DateField(label="确认收到日期", initial=_today, widget=DATE,
                                   help_text="网上申请以双方确认之日为收到申请之日")


class CorrectionForm(forms.Form):
    items = forms.CharField(label="需补正事项（一次性告知）", widget=forms.Textarea(attrs={"rows": 3}))
    notice_on = forms.DateField(label="告知日期", initial=_today, widget=DATE)
    deadline = forms.DateField(label="补正期限", required=False, widget=DATE, help_text="留空为告知后15个工作日")
    late_reason = forms.CharField(label="逾期告知理由", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                  help_text="告知日期距收到申请超过7个工作日时必填，本案将标记为“补正告知逾期”")


class CorrectedForm(forms.Form):
    corrected_on = forms.DateField(label="收到补正日期", initial=_today, widget=DATE)


class ExtendForm(forms.Form):
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 2}))
    approver = forms.CharField(label="批准的工作机构负责人", max_length=40)
    approved_on = forms.DateField(label="批准日期", initial=_today, widget=DATE)


class ConsultForm(forms.Form):
    kind = forms.ChoiceField(label="征求对象", choices=[
        (RequestPause.Kind.THIRD_PARTY, "第三方（第三十二条）"), (RequestPause.Kind.OTHER_AGENCY, "其他机关（第三十三条）")])
    started = forms.DateField(label="发函日期", initial=_today, widget=DATE)
    note = forms.CharField(label="说明（不对申请人显示第三方名称）", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class FeeForm(forms.Form):
    method = forms.ChoiceField(label="计费方式", choices=list(fees.METHOD_LABELS.items()))
    units = forms.IntegerField(label="本月第几件 / 页数", min_value=1,
                               help_text="按件计收：填该申请人本自然月内的第几件申请；按量计收：填页数")
    notice_on = forms.DateField(label="通知日期", initial=_today, widget=DATE)


class ResumeForm(forms.Form):
    ended = forms.DateField(label="收到意见/缴费日期", initial=_today, widget=DATE)
    note = forms.CharField(label="说明", required=False)


class ReplyForm(forms.Form):
    outcome = forms.ChoiceField(label="办理结果（年报口径）", choices=[
        c for c in Outcome.choices if c[0] not in (Outcome.OTHER_CORRECTION, Outcome.OTHER_FEE)])
    reply_text = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 4}),
                                 help_text="申请人在查询页可见；答复书模板中的{{答复内容}}")
    replied_on = forms.DateField(label="答复日期", initial=_today, widget=DATE)


class DateOnlyForm(forms.Form):
    on = forms.DateField(label="日期", initial=_today, widget=DATE)


class DraftForm(forms.Form):
    kind = forms.ChoiceField(label="文书类型", choices=[])
    outcome = forms.ChoiceField(label="答复结果（仅答复书）", required=False,
                                choices=[("", "按已选办理结果")] + list(Outcome.choices))

    def __init__(self, *args, **kwargs):
        from openinfo.models import DocKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = DocKind.choices


class LetterReplyForm(forms.Form):
    reply = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 5}))
    publish = forms.BooleanField(label="在网站公开（来信人已同意时）", required=False)


class LetterRejectForm(forms.Form):
    reason = forms.CharField(label="不予受理理由", widget=forms.Textarea(attrs={"rows": 2}))

