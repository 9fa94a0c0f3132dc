"""Admin needs a verified second factor: from officials who enrolled, and from all when OTP_REQUIRED."""
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from portal.security import otp


class OTPRequiredMiddleware:
    """After django_otp.middleware.OTPMiddleware (which sets request.user.is_verified())."""

    ENROL_URL_NAME = "admin:security_twofactordevice_enrol"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._check(request)
        return response if response is not None else self.get_response(request)

    def _check(self, request):
        admin_root = reverse("admin:index")
        if not request.path.startswith(admin_root):
            return None
        user = request.user
        if not (user.is_authenticated and user.is_staff):
            return None  # admin's own login_required handles it
        exempt = {
            reverse("admin:login"), reverse("admin:logout"), reverse("admin:jsi18n"),
            reverse(self.ENROL_URL_NAME), reverse("admin:security_twofactordevice_qrcode"),
        }
        if request.path in exempt:
            return None
        if user.is_verified():
            return None
        if otp.confirmed_device(user) is not None:
            # A session that logged in before the device was enrolled (or was tampered with).
            logout(request)
            messages.warning(request, "此账号已启用双因素认证，请重新登录并输入动态验证码。")
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if otp.otp_required():
            messages.warning(request, "本系统要求工作人员启用双因素认证：请先用手机验证器完成绑定。")
            return redirect(self.ENROL_URL_NAME)
        return None
