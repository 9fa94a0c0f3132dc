"""Capacity, waitlist, duplicates and cancellation, through the service and the public pages."""
import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from portal import antispam
from portal.models import ChangeLog
from tests.openinfo.helpers import solved
from themedays.models import RegistrationStatus
from themedays.services.registration import registration_cancel, registration_find, waitlist_position

from .conftest import make_activity
from .helpers import form_data, sign_up

pytestmark = pytest.mark.django_db


def test_capacity_counts_people_and_overflow_goes_to_waitlist(department):
    activity = make_activity(department, capacity=3)
    first = sign_up(activity, "13800000001", party_size=2)
    second = sign_up(activity, "13800000002", party_size=1)
    third = sign_up(activity, "13800000003", party_size=1)
    assert [first.status, second.status, third.status] == [
        RegistrationStatus.CONFIRMED, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]
    assert waitlist_position(third) == 1


def test_full_without_waitlist_is_refused(department):
    activity = make_activity(department, capacity=1, waitlist_enabled=False)
    sign_up(activity, "13800000001")
    with pytest.raises(ValidationError, match="名额已满"):
        sign_up(activity, "13800000002")


def test_one_registration_per_phone_even_when_written_differently(activity):
    sign_up(activity, "13800000001")
    with pytest.raises(ValidationError, match="该手机号已报名"):
        sign_up(activity, "+86 138-0000-0001")
    assert activity.registrations.count() == 1


def test_cancelling_frees_the_place_for_the_first_waiting(department):
    activity = make_activity(department, capacity=2)
    a = sign_up(activity, "13800000001", party_size=2)
    b = sign_up(activity, "13800000002")
    c = sign_up(activity, "13800000003")
    found = registration_find(number=a.number.lower(), phone="138 0000 0001")
    registration_cancel(registration_id=found.pk)
    b.refresh_from_db()
    c.refresh_from_db()
    assert b.status == c.status == RegistrationStatus.CONFIRMED
    assert b.promoted_at is not None
    # History records the state changes only, never who the registrant is.
    entry = ChangeLog.objects.filter(action="候补转正").first()
    assert entry is not None and "13800000002" not in str(entry.changes) and "李四" not in str(entry.changes)


def test_after_cancelling_the_same_phone_may_sign_up_again(activity):
    reg = sign_up(activity, "13800000001")
    registration_cancel(registration_id=reg.pk)
    again = sign_up(activity, "13800000001")
    assert again.status == RegistrationStatus.CONFIRMED and again.number != reg.number


def test_wrong_phone_finds_nothing(activity):
    reg = sign_up(activity, "13800000001")
    assert registration_find(number=reg.number, phone="13800000009") is None


def test_registration_only_inside_the_window(department):
    later = make_activity(department, registration_opens_at=timezone.now() + dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="报名尚未开始"):
        sign_up(later, "13800000001")
    closed = make_activity(department, registration_closes_at=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="报名已截止"):
        sign_up(closed, "13800000001")
    cancelled = make_activity(department, cancelled_at=timezone.now(), cancel_reason="场地维修")
    with pytest.raises(ValidationError, match="已取消"):
        sign_up(cancelled, "13800000001")


def test_cannot_cancel_online_once_started(department):
    activity = make_activity(department)
    reg = sign_up(activity, "13800000001")
    with pytest.raises(ValidationError, match="活动已开始"):
        registration_cancel(registration_id=reg.pk, now=activity.start_at + dt.timedelta(minutes=1))


# --- the public pages ------------------------------------------------------------------------------

def test_register_through_the_page_shows_number_and_masked_phone(client, activity):
    response = client.post(activity.get_absolute_url(), form_data(phone="13812345678"))
    assert response.status_code == 302
    page = client.get(response["Location"])
    reg = activity.registrations.get()
    html = page.content.decode()
    assert reg.number in html and "138****5678" in html
    assert "13812345678" not in html


def test_duplicate_phone_on_the_page_keeps_what_was_typed(client, activity):
    sign_up(activity, "13812345678")
    response = client.post(activity.get_absolute_url(), form_data(name="赵六", phone="13812345678"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "该手机号已报名本活动" in html and 'value="赵六"' in html


@pytest.mark.parametrize("fields, message", [
    ({"phone": "12345"}, "请填写正确的 11 位手机号码"),
    ({"name": ""}, "请填写姓名"),
    ({"identity": "hacker"}, "请选择身份"),
    ({"party_size": "99"}, "请选择参加人数"),
    ({"agree": ""}, "请勾选同意后再提交"),
    ({"as_website": "http://spam.example"}, "提交未通过校验"),
    ({"as_token": "forged"}, "验证码已过期"),
    ({"as_answer": ""}, "请填写验证码"),
])
def test_bad_input_gets_chinese_errors_not_500(client, activity, fields, message):
    response = client.post(activity.get_absolute_url(), form_data(**fields))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert activity.registrations.count() == 0


def test_too_fast_submission_is_refused(client, activity, settings):
    settings.ANTISPAM_MIN_SECONDS = 3
    response = client.post(activity.get_absolute_url(), form_data())
    assert "提交太快了" in response.content.decode()
    assert activity.registrations.count() == 0


def test_rate_limit_per_address(client, activity):
    for n in range(10):
        client.post(activity.get_absolute_url(), form_data(phone=f"138000000{n:02d}"))
    response = client.post(activity.get_absolute_url(), form_data(phone="13900000000"))
    assert response.status_code == 429
    assert antispam.RATE_LIMIT_MESSAGE in response.content.decode()
    assert activity.registrations.count() == 10


def test_csrf_is_enforced(activity):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(activity.get_absolute_url(), form_data())
    assert response.status_code == 403


def test_lookup_then_cancel_promotes_the_waitlist(client, department):
    activity = make_activity(department, capacity=1)
    mine = sign_up(activity, "13812345678")
    waiting = sign_up(activity, "13900000000")
    lookup = reverse("themedays:lookup")
    wrong = client.post(lookup, {"action": "lookup", "number": mine.number, "phone": "13800000000", **solved()})
    assert "确认号与手机号不匹配" in wrong.content.decode()
    client.post(lookup, {"action": "lookup", "number": mine.number, "phone": "13812345678",
                         **solved(wrong.content.decode())})
    page = client.get(lookup).content.decode()
    assert "138****5678" in page and "取消报名" in page
    client.post(lookup, {"action": "cancel", **solved(page)})
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_cancel_without_lookup_does_nothing(client, activity):
    reg = sign_up(activity, "13812345678")
    client.post(reverse("themedays:lookup"), {"action": "cancel", **solved()})
    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.CONFIRMED
