"""Concurrent sign-ups against one activity: real threads, each with its own database connection.

A short pause inside the critical section (after counting the places, before writing) widens the
race window, so that without the row lock these tests overbook; on PostgreSQL the control test
proves it by switching the lock off.
"""
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Sum

from tests.services import need_postgres
from themedays.models import Activity, RegistrationStatus
from themedays.services import registration as service

from .conftest import make_activity
from .helpers import sign_up

pytestmark = pytest.mark.django_db(transaction=True)

WORKERS = 12


@pytest.fixture
def slow_count(monkeypatch):
    original = service.seats_taken

    def counted_then_pause(activity):
        taken = original(activity)
        time.sleep(0.05)
        return taken

    monkeypatch.setattr(service, "seats_taken", counted_then_pause)


def run_at_once(jobs) -> tuple[list, list]:
    barrier = threading.Barrier(len(jobs))
    results, errors = [], []

    def run(job):
        try:
            barrier.wait()
            results.append(job())
        except ValidationError as exc:
            errors.append(exc.messages[0])
        except Exception as exc:  # noqa: BLE001 - the assertion below shows what went wrong
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def confirmed_people(activity) -> int:
    return activity.registrations.filter(status=RegistrationStatus.CONFIRMED).aggregate(n=Sum("party_size"))["n"] or 0


def test_concurrent_sign_ups_never_exceed_capacity(department, slow_count):
    activity = make_activity(department, capacity=5)
    jobs = [lambda n=n: sign_up(activity, f"1380000{n:04d}") for n in range(WORKERS)]
    results, errors = run_at_once(jobs)
    assert errors == []
    assert confirmed_people(activity) == 5
    assert activity.registrations.filter(status=RegistrationStatus.WAITLISTED).count() == WORKERS - 5
    # Everyone got a distinct confirmation number.
    assert len({r.number for r in results}) == WORKERS


def test_concurrent_duplicates_leave_one_registration(department, slow_count):
    activity = make_activity(department, capacity=50)
    results, errors = run_at_once([lambda: sign_up(activity, "13800000001") for _ in range(6)])
    assert len(results) == 1
    assert errors == ["该手机号已报名本活动。如需查询或取消，请使用确认号。"] * 5


def test_concurrent_cancellations_promote_exactly_the_freed_places(department, slow_count):
    activity = make_activity(department, capacity=4)
    confirmed = [sign_up(activity, f"1380000{n:04d}") for n in range(4)]
    waiting = [sign_up(activity, f"1390000{n:04d}") for n in range(6)]
    assert all(w.status == RegistrationStatus.WAITLISTED for w in waiting)
    jobs = [lambda r=r: service.registration_cancel(registration_id=r.pk) for r in confirmed[:3]]
    jobs += [lambda n=n: sign_up(activity, f"1370000{n:04d}") for n in range(3)]
    _, errors = run_at_once(jobs)
    assert errors == []
    assert confirmed_people(activity) == 4
    # The three freed places went to the three who waited longest, not to the late-comers.
    promoted = activity.registrations.filter(status=RegistrationStatus.CONFIRMED, promoted_at__isnull=False)
    assert sorted(r.phone for r in promoted) == [w.phone for w in waiting[:3]]


def test_without_the_lock_the_same_race_overbooks(department, slow_count, monkeypatch):
    """Control: shows the harness really races on PostgreSQL (SQLite serialises whole transactions)."""
    need_postgres()
    monkeypatch.setattr(service, "_lock_activity", lambda pk: Activity.objects.get(pk=pk))
    activity = make_activity(department, capacity=5)
    run_at_once([lambda n=n: sign_up(activity, f"1380000{n:04d}") for n in range(WORKERS)])
    assert confirmed_people(activity) > 5
