"""Nightly housekeeping of ops: old resolved failures and expired sessions go, open failures stay."""
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from portal.ops.models import FailedTask
from portal.ops.tasks import clear_expired_sessions, purge_resolved_failures


@pytest.mark.django_db
def test_purge_keeps_open_failures_and_recent_resolutions():
    old = timezone.now() - timedelta(days=200)
    gone = FailedTask.objects.create(task_name="a", exception="E", resolved_at=old)
    open_old = FailedTask.objects.create(task_name="b", exception="E")
    FailedTask.objects.filter(pk=open_old.pk).update(failed_at=old)
    recent = FailedTask.objects.create(task_name="c", exception="E", resolved_at=timezone.now())
    assert purge_resolved_failures() == 1
    assert set(FailedTask.objects.values_list("pk", flat=True)) == {open_old.pk, recent.pk}
    assert not FailedTask.objects.filter(pk=gone.pk).exists()


@pytest.mark.django_db
def test_expired_sessions_are_cleared(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    Session.objects.create(session_key="x" * 32, session_data="", expire_date=timezone.now() - timedelta(hours=1))
    Session.objects.create(session_key="y" * 32, session_data="", expire_date=timezone.now() + timedelta(hours=1))
    clear_expired_sessions()
    assert list(Session.objects.values_list("session_key", flat=True)) == ["y" * 32]


def test_both_jobs_are_in_the_beat_schedule():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"portal.ops.tasks.purge_resolved_failures", "portal.ops.tasks.clear_expired_sessions"} <= tasks
