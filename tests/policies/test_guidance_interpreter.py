"""解读人 (Chengdu's 六公开): changes keep history, the page shows the current person, overdue list in admin."""
import datetime as dt

import pytest
from django.urls import reverse

from policies import selectors, services
from policies.models import DocType, PolicyInterpreter, Validity
from portal.audit import history_for
from portal.models import PublishStatus
from tests.factories import PolicyFactory
from tests.policies.test_qa import admin_form_data, login

pytestmark = pytest.mark.django_db

JAN = dt.date(2024, 1, 10)
MAR = dt.date(2025, 3, 1)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def assign(policy, name, *, phone="0731-84590101", today=JAN, organization="湖南省医疗保障局待遇保障处"):
    return services.interpreter_set(policy=policy, organization=organization, name=name, position="处长",
                                    phone=phone, email="dy@ybj.example.gov.cn", today=today)


def test_changing_the_person_keeps_who_was_responsible_from_when_to_when(client):
    policy = PolicyFactory()
    first, outcome = assign(policy, "王建国")
    assert outcome == "created"
    second, outcome = assign(policy, "刘晓燕", phone="0731-84590102", today=MAR)
    assert outcome == "changed"

    first.refresh_from_db()
    assert (first.start_date, first.end_date) == (JAN, MAR - dt.timedelta(days=1))
    assert second.is_current and second.start_date == MAR
    assert selectors.current_interpreter(policy) == second
    assert {"设置解读人", "更换解读人"} <= {entry.action for entry in history_for(policy)}

    html = client.get(policy.get_absolute_url()).content.decode()
    assert "刘晓燕" in html and "0731-84590102" in html
    assert "王建国" not in html and "0731-84590101" not in html


def test_new_contact_details_of_the_same_person_update_the_current_row():
    policy = PolicyFactory()
    row, _ = assign(policy, "王建国")
    again, outcome = assign(policy, "王建国", phone="0731-80000000", today=MAR)
    assert outcome == "updated" and again.pk == row.pk
    assert again.phone == "0731-80000000" and again.confirmed_on == MAR
    assert PolicyInterpreter.objects.filter(policy=policy).count() == 1
    assert assign(policy, "王建国", phone="0731-80000000", today=MAR)[1] == "unchanged"


def test_page_without_interpreter_points_to_the_issuer(client):
    policy = PolicyFactory()
    html = client.get(policy.get_absolute_url()).content.decode()
    assert "解读机构 / 解读人 / 联系方式" in html and policy.issuer.name in html


def test_overdue_list_has_valid_policies_not_updated_for_a_year():
    today = dt.date(2026, 6, 1)
    stale = PolicyFactory(title="一年多没更新")
    assign(stale, "张三", today=dt.date(2025, 5, 1))
    fresh = PolicyFactory(title="最近更新")
    assign(fresh, "李四", today=dt.date(2026, 1, 1))
    missing = PolicyFactory(title="没有解读人")  # a 行政规范性文件 (the factory's default)
    other_kind = PolicyFactory(title="其他文件不要求解读人", doc_type=DocType.OTHER)
    expired = PolicyFactory(title="已失效的文件", validity=Validity.EXPIRED)
    assign(expired, "王五", today=dt.date(2020, 1, 1))
    draft = PolicyFactory(title="草稿", status=PublishStatus.DRAFT)

    listed = set(selectors.stale_interpreter_policies(today).values_list("pk", flat=True))
    assert stale.pk in listed and missing.pk in listed
    assert not {fresh.pk, expired.pk, draft.pk, other_kind.pk} & listed


def test_admin_overdue_list_and_confirm_action(client, reviewer, department):
    policy = PolicyFactory(issuer=department, title="需要核实解读人的文件")
    assign(policy, "张三", today=dt.date(2020, 1, 1))
    PolicyFactory(title="其他机构的文件")  # another department: not in this reviewer's list
    login(client, reviewer)
    url = reverse("admin:policies_interpreterreview_changelist")
    html = client.get(url).content.decode()
    assert "需要核实解读人的文件" in html and "其他机构的文件" not in html and "张三" in html

    client.post(url, {"action": "confirm_interpreters", "_selected_action": [policy.pk]})
    assert "需要核实解读人的文件" not in client.get(url).content.decode()


def test_interpreter_is_changed_from_the_policy_admin_page(client, reviewer, department):
    policy = PolicyFactory(issuer=department)
    assign(policy, "王建国")
    login(client, reviewer)
    url = reverse("admin:policies_policydocument_change", args=[policy.pk])
    page = client.get(url)
    data = admin_form_data(page)
    assert data["interpreter_name"] == "王建国"
    data.update({"interpreter_name": "刘晓燕", "interpreter_phone": "0731-84590102"})
    response = client.post(url, data, follow=True)
    assert any("原解读人的任职记录已保留" in str(m) for m in response.context["messages"])
    rows = list(PolicyInterpreter.objects.filter(policy=policy).order_by("start_date", "id"))
    assert [r.name for r in rows] == ["王建国", "刘晓燕"] and rows[0].end_date is not None

    html = client.get(url).content.decode()
    assert "历任解读人" in html and "王建国" in html  # the history table on the admin page


def test_interpreter_fields_must_be_complete(client, reviewer, department):
    policy = PolicyFactory(issuer=department)
    login(client, reviewer)
    url = reverse("admin:policies_policydocument_change", args=[policy.pk])
    data = {**admin_form_data(client.get(url)), "interpreter_name": "只填了姓名"}
    html = client.post(url, data).content.decode()
    assert "填写解读人时须同时填写：解读机构、联系电话。" in html
    assert not PolicyInterpreter.objects.exists()


def test_weekly_reminder_tells_each_department_which_interpreters_to_update(mailoutbox, settings,
                                                                           django_capture_on_commit_callbacks):
    from django.conf import settings as live

    from policies.reminders import send_interpreter_reminders
    from tests.factories import DepartmentFactory, UserFactory

    today = dt.date(2026, 6, 1)
    health, transport = DepartmentFactory(name="市卫生健康委"), DepartmentFactory(name="市交通运输局")
    stale = PolicyFactory(title="关于做好家庭医生签约服务的通知", department=health, doc_number="长卫发〔2024〕3号")
    assign(stale, "张三", today=dt.date(2025, 5, 1))
    PolicyFactory(title="关于规范网约车管理的意见", department=transport, doc_number="")  # no interpreter at all
    assign(PolicyFactory(title="运输局最近核实", department=transport), "李四", today=dt.date(2026, 5, 1))
    UserFactory(department=health, email="ws@health.example.gov.cn", is_staff=True)
    UserFactory(department=health, email="gone@health.example.gov.cn", is_staff=True, is_active=False)
    UserFactory(department=transport, email="jt@transport.example.gov.cn", is_staff=True)

    with django_capture_on_commit_callbacks(execute=True):  # sent through the outbox after the commit
        assert send_interpreter_reminders(today) == 2
    by_to = {mail.to[0]: mail for mail in mailoutbox}
    assert set(by_to) == {"ws@health.example.gov.cn", "jt@transport.example.gov.cn"}
    health_mail = by_to["ws@health.example.gov.cn"]
    assert health_mail.subject == "【解读人提醒】市卫生健康委 有 1 件政策文件的解读人待更新"
    assert "关于做好家庭医生签约服务的通知（长卫发〔2024〕3号）：解读人 张三 最近核实于 2025-05-01，已超期 31 天" in health_mail.body
    assert "网约车" not in health_mail.body
    transport_body = by_to["jt@transport.example.gov.cn"].body
    assert "关于规范网约车管理的意见：未设置解读人" in transport_body and "运输局最近核实" not in transport_body
    assert "policies.tasks.send_interpreter_reminders" in {job["task"] for job in live.CELERY_BEAT_SCHEDULE.values()}

    services.interpreter_confirm(policy=stale, today=today)  # confirmed: nothing more to say to that department
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send_interpreter_reminders(today)
    assert [mail.to for mail in mailoutbox] == [["jt@transport.example.gov.cn"]]
