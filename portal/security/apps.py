from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "portal.security"
    label = "security"
    verbose_name = "账号安全"

    def ready(self):
        from django.contrib import admin

        from portal.security.forms import AdminLoginForm

        # The one admin site gets a login form that throttles guessing and asks for the
        # 2-factor code of officials who enrolled (portal.urls keeps using admin.site).
        admin.site.login_form = AdminLoginForm
        admin.site.login_template = "security/admin_login.html"
