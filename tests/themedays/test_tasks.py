"""Background work: reminders the day before, messages to registrants, stages, nightly statistics."""
import datetime as dt
import logging

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from portal.models import ChangeLog
from themedays.models import Activity, MonthlyStat, RegistrationStatus, Stage
from themedays.services.activities import activity_cancel, refresh_stages
from themedays.services.registration import registration_cancel
from themedays.tasks import refresh_statistics, send_reminders

from .conftest import make_activity
from .helpers import sign_up

pytestmark = pytest.mark.django_db
TZ = timezone.get_current_timezone()


def test_reminders_go_once_to_confirmed_registrants_of_tomorrow(department, capsys, caplog,
                                                                django_capture_on_commit_callbacks):
    now = dt.datetime(2024, 5, 9, 10, 0, tzinfo=TZ)
    activity = make_activity(department, start_at=dt.datetime(2024, 5, 10, 9, 30, tzinfo=TZ), capacity=1,
                             registration_opens_at=None)
    later = make_activity(department, title="后天的活动", start_at=dt.datetime(2024, 5, 11, 9, 30, tzinfo=TZ))
    Activity.objects.filter(pk__in=[activity.pk, later.pk]).update(registration_closes_at=None)
    make = activity.registrations.create
    make(number="ZTA", name="甲", phone="13811112222", identity="public", status=RegistrationStatus.CONFIRMED,
         email="jia@example.com")
    make(number="ZTB", name="乙", phone="13833334444", identity="public", status=RegistrationStatus.WAITLISTED)
    later.registrations.create(number="ZTC", name="丙", phone="13855556666", identity="public",
                               status=RegistrationStatus.CONFIRMED)
    with caplog.at_level(logging.INFO, logger="themedays"), django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(now.isoformat()) == 1
        assert send_reminders(now.isoformat()) == 0
    out = capsys.readouterr().out
    assert "138****2222" in out and "提醒" in out and "ZTA" in out
    for phone in ("13811112222", "13833334444", "13855556666"):
        assert phone not in out and phone not in caplog.text
    assert [m.to for m in mail.outbox] == [["jia@example.com"]]
    assert "活动提醒" in mail.outbox[0].subject


def test_sign_up_and_promotion_messages(department, capsys, django_capture_on_commit_callbacks):
    activity = make_activity(department, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = sign_up(activity, "13800000001", email="first@example.com")
        sign_up(activity, "13800000002")
    out = capsys.readouterr().out
    assert "报名成功" in out or "您已成功报名" in out
    assert "已进入候补" in out or "您已进入候补" in out
    assert mail.outbox[0].to == ["first@example.com"]
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration_id=first.pk)
    out = capsys.readouterr().out
    assert "138****0002" in out and "已有名额，报名成功" in out
    assert "13800000002" not in out


def test_cancelling_an_activity_tells_everyone_signed_up(department, reviewer, capsys,
                                                         django_capture_on_commit_callbacks):
    activity = make_activity(department, capacity=1)
    sign_up(activity, "13800000001")
    sign_up(activity, "13800000002")
    capsys.readouterr()
    with django_capture_on_commit_callbacks(execute=True):
        activity_cancel(activity=activity, reason="因场地维修，活动改期。", actor=reviewer)
    out = capsys.readouterr().out
    assert out.count("已取消。原因：因场地维修，活动改期。") == 2
    assert Activity.objects.get(pk=activity.pk).stage == Stage.CANCELLED
    assert ChangeLog.objects.filter(action="取消活动", note="因场地维修，活动改期。").exists()


def test_stages_move_on_with_time(department):
    activity = make_activity(department)
    assert activity.stage == Stage.REGISTERING
    earlier = timezone.now() - dt.timedelta(days=2)
    Activity.objects.filter(pk=activity.pk).update(start_at=earlier, end_at=earlier + dt.timedelta(hours=2))
    assert refresh_stages() == 1
    assert Activity.objects.get(pk=activity.pk).stage == Stage.HELD
    assert refresh_stages() == 0
    assert ChangeLog.objects.filter(action="状态更新").count() == 1


def test_nightly_statistics_task(department):
    held = timezone.now() - dt.timedelta(days=3)
    make_activity(department, start_at=held, registration_required=False)
    assert refresh_statistics() == 1
    assert MonthlyStat.objects.get().activities_held == 1


def test_beat_schedule_is_registered():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"themedays.tasks.send_reminders", "themedays.tasks.refresh_stages",
            "themedays.tasks.refresh_statistics"} <= tasks
