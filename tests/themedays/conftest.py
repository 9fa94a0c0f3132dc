import datetime as dt
import uuid

import pytest
from django.utils import timezone

from portal.models import PublishStatus
from themedays.models import Activity, ActivityForm, ThemeDayPlan


@pytest.fixture(autouse=True)
def fresh_rate_limits(settings):
    """Each test counts its own rate limits (its own key prefix; the cache is shared with Celery
    in CI, so it is never cleared)."""
    settings.ANTISPAM_CACHE_PREFIX = f"themedays:test:{uuid.uuid4().hex}"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # The officials the fixtures create need no slow hashing here; login is tested elsewhere.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def instant_forms(settings):
    # Tests post forms at once; the minimum-time check has its own test that sets it back.
    settings.ANTISPAM_MIN_SECONDS = 0


@pytest.fixture
def plan(office):
    return ThemeDayPlan.objects.create(
        title="湖南省2023年“政务公开主题日”活动计划安排表", year=2023, level="province",
        department=office.department, status=PublishStatus.PUBLISHED, published_at=timezone.now(), start_month=3,
    )


def make_activity(department, **overrides) -> Activity:
    start = overrides.pop("start_at", timezone.now() + dt.timedelta(days=7))
    fields = {
        "title": "法律问题我来答", "form": ActivityForm.SITE_VISIT, "summary": "现场观摩12348热线。",
        "start_at": start, "end_at": start + dt.timedelta(hours=2), "place": "湖南省司法厅12348热线呼叫中心",
        "department": department, "status": PublishStatus.PUBLISHED, "published_at": timezone.now(),
        "registration_required": True, "capacity": 10, "max_party_size": 3,
    }
    fields.update(overrides)
    return Activity.objects.create(**fields)


@pytest.fixture
def activity(department):
    return make_activity(department)
