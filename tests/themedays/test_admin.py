"""Back office: registrations belong to the activity's department alone; cancelling; exports."""
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portal.models import Role
from tests.factories import official
from themedays.models import RegistrationStatus

from .conftest import make_activity
from .helpers import login, sign_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(department):
    activity = make_activity(department, capacity=1)
    mine = sign_up(activity, "13812345678", name="=HYPERLINK(\"http://evil\")")
    waiting = sign_up(activity, "13900000000", name="候补者")
    return activity, mine, waiting


def test_registrations_visible_to_the_activity_department_only(client, registered, editor, office, other_department):
    activity, mine, _ = registered
    changelist = reverse("admin:themedays_registration_changelist")
    login(client, editor)
    assert mine.number in client.get(changelist).content.decode()
    assert client.get(reverse("admin:themedays_registration_change", args=[mine.pk])).status_code == 200
    for outsider in (office, official(Role.REVIEWER, other_department)):
        login(client, outsider)
        assert mine.number not in client.get(changelist).content.decode()
        assert client.get(reverse("admin:themedays_registration_change", args=[mine.pk])).status_code == 403
        assert client.get(reverse("admin:themedays_activity_export", args=[activity.pk])).status_code == 403


def test_export_masks_phones_and_defuses_formulas(client, registered, editor):
    activity, mine, _ = registered
    login(client, editor)
    response = client.get(reverse("admin:themedays_activity_export", args=[activity.pk]))
    assert response.status_code == 200
    rows = [[c.value for c in row] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()]
    assert rows[1][:3] == ["确认号", "姓名", "手机号码（脱敏）"]
    mine_row = next(r for r in rows if r[0] == mine.number)
    assert mine_row[2] == "138****5678" and mine_row[5] == "报名成功"
    assert mine_row[1].startswith("'=")  # shown as text, never run as a formula
    assert "13812345678" not in str(rows)


def test_department_cancels_a_registration_and_the_waitlist_moves_up(client, registered, editor):
    activity, mine, waiting = registered
    login(client, editor)
    client.post(reverse("admin:themedays_registration_changelist"),
                {"action": "cancel_selected", "_selected_action": [mine.pk]})
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_raising_capacity_promotes_the_waitlist(client, registered, reviewer):
    activity, _, waiting = registered
    from themedays.services.registration import registration_fill_waitlist

    activity.capacity = 2
    activity.save()
    registration_fill_waitlist(activity_id=activity.pk)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_cancel_activity_page_requires_a_reason_and_notifies(client, registered, reviewer, capsys):
    activity, _, _ = registered
    login(client, reviewer)
    url = reverse("admin:themedays_activity_cancel", args=[activity.pk])
    assert "请填写取消原因" in client.post(url, {"reason": ""}).content.decode()
    response = client.post(url, {"reason": "因场地维修，活动改期。"})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.is_cancelled and activity.cancel_reason == "因场地维修，活动改期。"


def test_other_department_cannot_open_the_activity(client, registered, other_department):
    activity, _, _ = registered
    login(client, official(Role.EDITOR, other_department))
    assert client.get(reverse("admin:themedays_activity_change", args=[activity.pk])).status_code == 403
    assert client.get(reverse("admin:themedays_activity_cancel", args=[activity.pk])).status_code == 403


def test_admin_pages_render(client, registered, office, plan):
    login(client, office)
    for name in ("activity", "proposal", "themedayplan", "activityreport", "survey", "monthlystat", "answer"):
        assert client.get(reverse(f"admin:themedays_{name}_changelist")).status_code == 200, name
        assert client.get(reverse(f"admin:themedays_{name}_add")).status_code in (200, 403), name
    activity, _, _ = registered
    page = client.get(reverse("admin:themedays_activity_change", args=[activity.pk])).content.decode()
    assert "取消活动" in page and "导出报名名单" not in page  # 公开办 is not the organiser
