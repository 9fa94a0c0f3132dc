"""Admin login: throttling per username+address, and the 2-factor (TOTP) flow."""
import time

import pytest
from django.core.cache import cache
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.models import Role
from tests.security.accounts import PASSWORD, official

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def login(client, username, password=PASSWORD, token="", ip="198.51.100.7"):
    return client.post(LOGIN, {"username": username, "password": password, "otp_token": token,
                               "next": "/admin/"}, REMOTE_ADDR=ip)


def code_for(device, offset=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_pair_even_against_the_right_password(client):
    user = official(Role.EDITOR)
    for _ in range(5):
        response = login(client, user.username, "wrong-password-123")
        assert response.status_code == 200
        assert "请输入一个正确的" in response.content.decode() or "正确" in response.content.decode()
    response = login(client, user.username)  # the right password now gets no answer
    body = response.content.decode()
    assert response.status_code == 429 and int(response["Retry-After"]) == 15 * 60  # like every rate limit
    assert "登录失败次数过多" in body
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_lock_is_per_username_and_address(client):
    user = official(Role.EDITOR)
    other = official(Role.EDITOR)
    for _ in range(5):
        login(client, user.username, "wrong-password-123")
    # Another address for the same account, and another account from the same address, still log in.
    assert login(client, user.username, ip="203.0.113.9").status_code == 302
    client.logout()
    assert login(client, other.username).status_code == 302


@pytest.mark.django_db
def test_success_resets_the_counter(client):
    user = official(Role.EDITOR)
    for _ in range(4):
        login(client, user.username, "wrong-password-123")
    assert login(client, user.username).status_code == 302
    client.logout()
    for _ in range(4):
        login(client, user.username, "wrong-password-123")
    assert login(client, user.username).status_code == 302


@pytest.mark.django_db
def test_forwarded_address_is_believed_only_from_the_trusted_proxy(client, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    user = official(Role.EDITOR)
    for n in range(5):
        # An attacker rotating a forged X-Real-IP from outside does not escape the lock.
        client.post(LOGIN, {"username": user.username, "password": "nope-nope-nope"},
                    REMOTE_ADDR="198.51.100.7", HTTP_X_REAL_IP=f"10.0.0.{n}")
    assert "登录失败次数过多" in login(client, user.username).content.decode()
    # Behind nginx, each real client address has its own counter.
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD, "next": "/admin/"},
                           REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="192.0.2.44")
    assert response.status_code == 302


@pytest.mark.django_db
def test_login_page_asks_for_the_dynamic_code(client):
    body = client.get("/admin/login/").content.decode()
    assert 'name="otp_token"' in body and "动态验证码" in body


@pytest.mark.django_db
def test_enrol_with_qr_then_login_needs_the_code(client):
    user = official(Role.REVIEWER)
    assert login(client, user.username).status_code == 302

    page = client.get("/admin/security/twofactordevice/enrol/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "启用双因素认证" in body and "qrcode.svg" in body
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret_first_group = page.context["secret_groups"][0]
    assert secret_first_group in body  # the key is readable without the picture
    qr = client.get("/admin/security/twofactordevice/enrol/qrcode.svg")
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content

    wrong = client.post("/admin/security/twofactordevice/enrol/", {"token": "000000" if code_for(device) != "000000"
                                                                    else "111111"})
    assert "验证码不正确" in wrong.content.decode()
    # django-otp backs off after a wrong code (1 s after the first): the right code is refused meanwhile.
    assert "尝试过于频繁" in client.post("/admin/security/twofactordevice/enrol/",
                                    {"token": code_for(device)}).content.decode()
    time.sleep(1.1)
    done = client.post("/admin/security/twofactordevice/enrol/", {"token": code_for(device)}, follow=True)
    assert "双因素认证已启用" in done.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200  # this session was verified by enrolling

    client.logout()
    response = login(client, user.username)
    assert "请输入动态验证码" in response.content.decode()
    response = login(client, user.username, token="123 456" if code_for(device) != "123456" else "654321")
    assert "动态验证码不正确" in response.content.decode()
    time.sleep(2.1)  # the back-off doubles after the second wrong code
    # The code used for enrolment may not be used again: the next time step's code is.
    response = login(client, user.username, token=code_for(device, offset=1))
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_session_from_before_enrolment_must_log_in_again(client):
    user = official(Role.EDITOR)
    TOTPDevice.objects.create(user=user, name="手机验证器", confirmed=True)
    # A session that exists without a verified device (logged in before enrolment).
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_otp_required_sends_unenrolled_officials_to_enrolment(client, settings):
    settings.OTP_REQUIRED = True
    user = official(Role.EDITOR)
    assert login(client, user.username).status_code == 302
    response = client.get("/admin/policies/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/security/twofactordevice/enrol/"
    assert "本系统要求所有工作人员启用双因素认证" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_officials_see_only_their_own_devices_and_never_the_key(client):
    user = official(Role.EDITOR)
    other = official(Role.EDITOR, user.department)
    mine = TOTPDevice.objects.create(user=user, name="手机验证器", confirmed=True)
    theirs = TOTPDevice.objects.create(user=other, name="手机验证器", confirmed=True)
    client.force_login(user)
    from django_otp import DEVICE_ID_SESSION_KEY

    session = client.session
    session[DEVICE_ID_SESSION_KEY] = mine.persistent_id
    session.save()
    listing = client.get("/admin/security/twofactordevice/")
    assert listing.status_code == 200
    assert [d.pk for d in listing.context["cl"].result_list] == [mine.pk]
    assert mine.key not in listing.content.decode()
    assert client.get(f"/admin/security/twofactordevice/{theirs.pk}/change/").status_code == 403


@pytest.mark.django_db
def test_admin_resets_a_lost_device(client):
    admin_user = official(Role.ADMIN)
    lost = TOTPDevice.objects.create(user=official(Role.EDITOR), name="手机验证器", confirmed=True)
    client.force_login(admin_user)
    response = client.post(f"/admin/security/twofactordevice/{lost.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=lost.pk).exists()
