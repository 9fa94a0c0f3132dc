"""Production settings pass Django's deployment checklist, and pages carry the security headers."""
import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(50)),
           "ALLOWED_HOSTS": "gov.example.cn", "HTTPS": "1", "OTP_REQUIRED": "1",
           "STATIC_ROOT": str(tmp_path / "static"), "MEDIA_ROOT": str(tmp_path / "media")}
    # The browser tests set this for Playwright in the test process; production never has it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_turn_on_https_protections(tmp_path):
    env = {**os.environ, "DEBUG": "0", "HTTPS": "1", "SECRET_KEY": secrets.token_urlsafe(50),
           "ALLOWED_HOSTS": "gov.example.cn", "STATIC_ROOT": str(tmp_path / "static")}
    code = ("from django.conf import settings as s; print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
            "s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.X_FRAME_OPTIONS, s.SECURE_REFERRER_POLICY, "
            "'portal.security.csp.ContentSecurityPolicyMiddleware' in s.MIDDLEWARE, "
            "'django_otp.middleware.OTPMiddleware' in s.MIDDLEWARE)")
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.stdout.split()[-8:] == ["31536000", "True", "True", "True", "DENY", "same-origin", "True", "True"], \
        result.stdout + result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/policies/", "/search/?q=政务公开", "/admin/login/"])
def test_pages_carry_csp_and_security_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self'",
                      "font-src 'self'", "connect-src 'self'", "object-src 'none'", "frame-ancestors 'none'"):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_report_only_mode_for_a_trial(client, settings):
    from portal.security.csp import ContentSecurityPolicyMiddleware

    settings.CSP_REPORT_ONLY = True
    middleware = ContentSecurityPolicyMiddleware(lambda request: __import__("django.http").http.HttpResponse("ok"))
    response = middleware(None)
    assert "Content-Security-Policy-Report-Only" in response and "Content-Security-Policy" not in response
