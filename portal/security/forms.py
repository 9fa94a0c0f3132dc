"""The admin login form: throttled, and asking for the TOTP code of officials who enrolled."""
from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError

from portal import ratelimit
from portal.security import otp, throttle
from portal.security.request_ip import client_ip


class AdminLoginForm(AdminAuthenticationForm):
    otp_token = forms.CharField(
        label="动态验证码", required=False, max_length=16,
        help_text="已启用双因素认证的账号，请输入手机验证器显示的 6 位数字；未启用的可留空。",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "otp_required": "此账号已启用双因素认证，请输入动态验证码。",
        "otp_invalid": "动态验证码不正确或已过期，请确认手机时间准确后重新输入。",
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request) if self.request else ""
        if throttle.is_locked(username, ip):
            if self.request is not None:  # answered 429 with Retry-After, like every rate limit
                ratelimit.refused(self.request, throttle.lock_seconds())
            raise ValidationError(throttle.locked_message(), code="throttled")
        try:
            cleaned = super().clean()  # password, is_active, is_staff
            self._check_otp(self.get_user())
        except ValidationError:
            throttle.record_failure(username, ip)
            raise
        throttle.reset(username, ip)
        return cleaned

    def _check_otp(self, user) -> None:
        device = otp.confirmed_device(user)
        if device is None:
            return  # not enrolled; OTPRequiredMiddleware sends them to enrolment when it is required
        token = self.cleaned_data.get("otp_token")
        if not token:
            raise ValidationError(self.error_messages["otp_required"], code="otp_required")
        accepted, reason = otp.verify(device, token)
        if reason == "throttled":
            raise ValidationError(otp.THROTTLED_MESSAGE, code="otp_throttled")
        if not accepted:
            raise ValidationError(self.error_messages["otp_invalid"], code="otp_invalid")
        # django_otp's user_logged_in handler stores this device in the session: the session is verified.
        user.otp_device = device


class EnrolForm(forms.Form):
    token = forms.CharField(
        label="验证器显示的 6 位数字", max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        error_messages={"required": "请输入验证器显示的 6 位数字。"},
    )

    def __init__(self, *args, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = self.cleaned_data["token"]
        if len(otp.clean_token(token)) != 6:
            raise ValidationError("请输入 6 位数字。")
        accepted, reason = otp.verify(self.device, token)
        if reason == "throttled":
            raise ValidationError(otp.THROTTLED_MESSAGE)
        if not accepted:
            raise ValidationError("验证码不正确。请确认手机时间准确，并输入验证器当前显示的数字。")
        return token
