"""账号安全 in admin: each official enrols their own authenticator; 系统管理员 can reset a lost one."""
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.admin_mixins import DepartmentScopedAdmin
from portal.models import Role
from portal.security import otp
from portal.security.forms import EnrolForm
from portal.security.models import TwoFactorDevice

# django-otp's own TOTP admin shows secret keys and is in English: this one replaces it.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


def _operator(user) -> bool:
    return user.is_superuser or user.role == Role.ADMIN


@admin.register(TwoFactorDevice)
class TwoFactorDeviceAdmin(DepartmentScopedAdmin):
    department_lookup = "user__department"
    list_display = ("user", "name", "state", "created_at", "last_used_at")
    list_filter = ("confirmed",)
    search_fields = ("user__username", "user__first_name", "user__last_name")
    # The secret key is shown once, on the enrolment page, to its owner only.
    fields = readonly_fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    change_list_template = "security/device_change_list.html"

    def get_queryset(self, request):
        qs = TwoFactorDevice.objects.select_related("user")
        return qs if _operator(request.user) else qs.filter(user=request.user)

    def owns(self, request, obj) -> bool:
        return obj is None or _operator(request.user) or obj.user_id == request.user.pk

    # Every official manages their own second factor, whatever their content permissions.
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and self.owns(request, obj)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        if not self.has_module_permission(request) or not self.owns(request, obj):
            return False
        # Where 2FA is mandatory only 系统管理员 resets a device (a lost phone); otherwise a stolen
        # session could swap in the thief's authenticator.
        return _operator(request.user) or not otp.otp_required()

    @admin.display(description="状态", boolean=False, ordering="confirmed")
    def state(self, obj):
        return "已启用" if obj.confirmed else "未完成绑定"

    def get_urls(self):
        return [
            path("enrol/", self.admin_site.admin_view(self.enrol_view), name="security_twofactordevice_enrol"),
            path("enrol/qrcode.svg", self.admin_site.admin_view(self.qrcode_view),
                 name="security_twofactordevice_qrcode"),
        ] + super().get_urls()

    def add_view(self, request, form_url="", extra_context=None):
        return redirect("admin:security_twofactordevice_enrol")

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "has_device": otp.confirmed_device(request.user) is not None}
        return super().changelist_view(request, extra_context)

    def enrol_view(self, request):
        existing = otp.confirmed_device(request.user)
        context = {
            **self.admin_site.each_context(request),
            "title": "启用双因素认证",
            "opts": self.model._meta,
            "required": otp.otp_required(),
        }
        if existing is not None:
            context["existing"] = existing
            return TemplateResponse(request, "security/enrol.html", context)
        device = otp.pending_device(request.user)
        form = EnrolForm(request.POST or None, device=device)
        if request.method == "POST" and form.is_valid():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
            otp_login(request, device)  # this session is verified from now on
            self.log_addition(request, device, "启用双因素认证")
            messages.success(request, "双因素认证已启用。以后登录后台时，除密码外还需输入手机验证器上的动态验证码。")
            return redirect("admin:index")
        secret = b32encode(device.bin_key).decode().rstrip("=")
        context.update({
            "form": form,
            "device": device,
            # Grouped by four for reading out or typing by hand: the non-visual alternative to the QR code.
            "secret_groups": [secret[i:i + 4] for i in range(0, len(secret), 4)],
            "account": request.user.get_username(),
        })
        return TemplateResponse(request, "security/enrol.html", context)

    def qrcode_view(self, request):
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("-pk").first()
        if device is None:
            raise PermissionDenied("没有待绑定的验证器。")
        image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
        response = HttpResponse(image.to_string(), content_type="image/svg+xml")
        response["Cache-Control"] = "no-store"
        return response
