"""Forms citizens fill in on the 专栏. Errors are Chinese; nothing they typed is lost on an error.
Every one carries portal.antispam (honeypot, minimum fill-in time, CAPTCHA); the views add the rate limits."""
from __future__ import annotations

from django import forms

from portal import antispam
from portal.submissions import SubmissionKeyMixin
from themedays.models import Audience, QuestionKind, Survey
from themedays.rules import is_mobile, normalize_phone


class PublicForm(antispam.AntiSpamFormMixin, forms.Form):
    """Pass `request=`. Labels sit above their fields in the 专栏: no trailing colon."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def entry_fields(self):
        """What the visitor fills in; the anti-abuse fields are drawn by form.antispam_fields."""
        return [field for field in self.visible_fields() if field.name not in antispam.AntiSpamFormMixin.base_fields]


class RegistrationForm(SubmissionKeyMixin, PublicForm):
    name = forms.CharField(label="姓名", max_length=40, error_messages={"required": "请填写姓名。",
                                                                       "max_length": "姓名不超过 40 个字。"},
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = forms.CharField(label="手机号码", max_length=20, error_messages={"required": "请填写手机号码。"},
                            help_text="用于接收报名结果和活动提醒，不会公开。",
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}))
    identity = forms.ChoiceField(label="身份", choices=[("", "请选择")] + Audience.choices,
                                 error_messages={"required": "请选择身份。", "invalid_choice": "请选择身份。"})
    party_size = forms.TypedChoiceField(label="参加人数（含本人）", coerce=int, initial=1,
                                        error_messages={"invalid_choice": "请选择参加人数。", "required": "请选择参加人数。"})
    email = forms.EmailField(label="电子邮箱（选填）", required=False,
                             error_messages={"invalid": "请填写有效的电子邮箱地址。"},
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    agree = forms.BooleanField(label="我已阅读并同意报名须知（报名信息仅用于本次活动的组织和通知）",
                               error_messages={"required": "请勾选同意后再提交。"})

    def __init__(self, *args, max_party_size: int = 3, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party_size"].choices = [(n, f"{n} 人") for n in range(1, max_party_size + 1)]

    def clean_phone(self):
        phone = normalize_phone(self.cleaned_data["phone"])
        if not is_mobile(phone):
            raise forms.ValidationError("请填写正确的 11 位手机号码。")
        return phone

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("请填写姓名。")
        return name


class LookupForm(PublicForm):
    number = forms.CharField(label="确认号", max_length=20, error_messages={"required": "请填写确认号。"},
                             widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}))
    phone = forms.CharField(label="报名手机号码", max_length=20, error_messages={"required": "请填写手机号码。"},
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}))


class CancelForm(PublicForm):
    """Shown after a successful look-up; the session says which registration it is."""

    # One button, shown only to someone who just passed the look-up: no minimum time to wait out.
    antispam_min_seconds = 0


class SurveyForm(SubmissionKeyMixin, PublicForm):
    """One field per question, named q<id>; optional phone when the survey asks for it."""

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.questions = list(survey.questions.prefetch_related("choices"))
        for question in self.questions:
            name = f"q{question.pk}"
            label = f"{question.order}. {question.text}" + ("" if question.required else "（选答）")
            required_msg = {"required": f"请回答第 {question.order} 题。",
                            "invalid_choice": f"第 {question.order} 题的选项无效，请重新选择。"}
            choices = [(c.pk, c.text) for c in question.choices.all()]
            if question.kind == QuestionKind.SINGLE:
                field = forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect,
                                          required=question.required, error_messages=required_msg)
            elif question.kind == QuestionKind.MULTIPLE:
                field = forms.MultipleChoiceField(label=label, choices=choices, widget=forms.CheckboxSelectMultiple,
                                                  required=question.required, error_messages=required_msg)
            else:
                field = forms.CharField(label=label, required=question.required, max_length=2000,
                                        widget=forms.Textarea(attrs={"rows": 4}),
                                        error_messages={**required_msg, "max_length": f"第 {question.order} 题回答不超过 2000 字。"})
            field.question = question
            self.fields[name] = field
        if survey.ask_phone:
            self.fields["phone"] = forms.CharField(
                label="手机号码", max_length=20, help_text="每个手机号只能填写一次；号码不会保存或公开。",
                error_messages={"required": "请填写手机号码。"},
                widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}))
        # The CAPTCHA goes last in the form.
        self.order_fields([f"q{q.pk}" for q in self.questions] + ["phone", "as_answer"])

    def question_fields(self):
        return [self[f"q{q.pk}"] for q in self.questions]

    def answers(self) -> dict[int, list[int] | str]:
        result = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}")
            if question.kind == QuestionKind.TEXT:
                result[question.pk] = value or ""
            elif question.kind == QuestionKind.SINGLE:
                result[question.pk] = [int(value)] if value else []
            else:
                result[question.pk] = [int(v) for v in value or []]
        return result


class CalendarFilterForm(forms.Form):
    department = forms.ChoiceField(label="单位", required=False)
    form = forms.ChoiceField(label="活动形式", required=False)

    def __init__(self, *args, departments=(), forms_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", "全部单位")] + [(str(d.pk), d.display_name) for d in departments]
        self.fields["form"].choices = [("", "全部形式")] + list(forms_choices)
