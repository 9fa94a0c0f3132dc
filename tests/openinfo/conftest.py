import datetime as dt

import uuid

import pytest

from openinfo import services
from openinfo.demo_ids import fake_credit_code, fake_id_card
from portal.models import Role
from tests.factories import official


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Officials are created in most tests; PBKDF2 would dominate the run time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def own_rate_counters(settings):
    """Rate-limit counters live in the (possibly shared Redis) cache: each test counts under its own
    prefix instead of flushing a cache that Celery may share. CAPTCHA nonces are random anyway."""
    settings.ANTISPAM_CACHE_PREFIX = f"antispam-test-{uuid.uuid4().hex}"


@pytest.fixture
def quick_forms(settings):
    """Tests submit at once; the minimum fill-in time has its own test."""
    settings.ANTISPAM_MIN_SECONDS = 0


@pytest.fixture
def handler(department):
    return official(Role.REVIEWER, department)


def applicant(n: int = 1, kind: str = "natural", **extra) -> dict:
    natural = kind == "natural"
    data = {
        "applicant_type": kind, "name": "张测试" if natural else "湖南测试科技有限公司",
        "contact_person": "" if natural else "李联系",
        "id_type": "id_card" if natural else "credit_code",
        "id_number": fake_id_card(n) if natural else fake_credit_code(n),
        "phone": f"1397310{n:04d}", "email": "", "address": f"长沙市天心区测试路{n}号", "postcode": "410000",
        "description": "2025年部门预算公开表的电子版", "delivery": "email", "medium": "electronic",
    }
    data.update(extra)
    return data


def submit_on(day: dt.date, department, n: int = 1, kind: str = "natural", **extra):
    """An online request as if submitted on `day` (the service stamps today; tests need the past)."""
    from django.utils import timezone

    from openinfo.models import InfoRequest

    req = services.request_submit(department=department, **applicant(n, kind, **extra))
    stamp = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
    InfoRequest.objects.filter(pk=req.pk).update(submitted_at=stamp)
    req.events.update(on=day)  # the timeline's first step moves with it
    req.submitted_at = stamp
    return req


@pytest.fixture
def make_request(department, handler):
    """An online request accepted on `received` (default 2025-09-26)."""
    def make(received=dt.date(2025, 9, 26), n=1, kind="natural", dept=None, **extra):
        req = submit_on(received, dept or department, n, kind, **extra)
        services.request_accept(req=req, actor=handler, confirmed_on=received)
        req.refresh_from_db()
        return req
    return make


def login(client, user) -> None:
    """The factory's password hash is not saved: reload so the session hash matches the row."""
    user.refresh_from_db()
    client.force_login(user)
