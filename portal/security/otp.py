"""2-factor login with TOTP (django-otp): who must use it, and checking a code."""
from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice


def otp_required() -> bool:
    """Production sets OTP_REQUIRED=1: every official must enrol before using admin."""
    return bool(getattr(settings, "OTP_REQUIRED", False))


def confirmed_device(user) -> TOTPDevice | None:
    if not getattr(user, "pk", None):
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device being enrolled; the same key until confirmed, so a reload keeps the QR."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="手机验证器", confirmed=False)
    return device


def clean_token(raw: str) -> str:
    """People type codes with spaces or full-width digits ("１２３ ４５６")."""
    table = {ord("０") + i: str(i) for i in range(10)}
    return "".join(ch for ch in (raw or "").translate(table) if ch.isdigit())


THROTTLED_MESSAGE = "验证码尝试过于频繁，请等待几秒后再输入。"


def verify(device: TOTPDevice, raw_token: str) -> tuple[bool, str]:
    """(accepted, reason): reason "throttled" when django-otp's back-off after a wrong code is active."""
    token = clean_token(raw_token)
    if not token or device is None:
        return False, "invalid"
    with transaction.atomic():
        # Row lock: the same code cannot be used twice by two parallel requests.
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            return False, "throttled"
        return (True, "") if device.verify_token(token) else (False, "invalid")
