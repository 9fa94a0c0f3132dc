from django_otp.plugins.otp_totp.models import TOTPDevice


class TwoFactorDevice(TOTPDevice):
    """django-otp's TOTP device, listed in admin under 账号安全 with the enrolment page."""

    class Meta:
        proxy = True
        verbose_name = verbose_name_plural = "双因素认证"
