import datetime as dt

from themedays.models import Stage
from themedays.rules import Party, activity_stage, mask_phone, months_below_goal, normalize_phone, promotable

T = dt.datetime(2024, 5, 10, 9, 0, tzinfo=dt.timezone.utc)


def stage(now, **kw):
    args = {"start_at": T, "end_at": T + dt.timedelta(hours=2), "cancelled": False, "registration_required": True,
            "opens_at": T - dt.timedelta(days=10), "closes_at": None}
    args.update(kw)
    return activity_stage(now=now, **args)


def test_stage_follows_time():
    assert stage(T - dt.timedelta(days=11)) == Stage.PREPARING
    assert stage(T - dt.timedelta(days=3)) == Stage.REGISTERING
    assert stage(T - dt.timedelta(days=1), closes_at=T - dt.timedelta(days=2)) == Stage.UPCOMING
    assert stage(T + dt.timedelta(minutes=5)) == Stage.ONGOING
    assert stage(T + dt.timedelta(hours=2)) == Stage.HELD
    assert stage(T - dt.timedelta(days=3), registration_required=False) == Stage.UPCOMING


def test_cancelled_wins_over_time():
    assert stage(T - dt.timedelta(days=3), cancelled=True) == Stage.CANCELLED
    assert stage(T + dt.timedelta(days=3), cancelled=True) == Stage.CANCELLED


def test_phone_normalised_and_masked():
    assert normalize_phone("+86 138-1234-5678") == "13812345678"
    assert normalize_phone("0086 13812345678") == "13812345678"
    assert mask_phone("13812345678") == "138****5678"
    assert "1234" not in mask_phone("13812345678")


def test_promotion_keeps_order_and_skips_parties_too_big():
    waiting = [Party(1, 3), Party(2, 1), Party(3, 1), Party(4, 2)]
    assert promotable(waiting, 2) == [2, 3]
    assert promotable(waiting, 3) == [1]
    assert promotable(waiting, 0) == []


def test_months_below_goal():
    counts = {3: 2, 4: 1, 5: 3, 6: 0}
    assert months_below_goal(counts, goal=2, first_month=3, last_month=6) == [4, 6]
    assert months_below_goal(counts, goal=2, first_month=3, last_month=0) == []
