"""政务信箱 in the zone: a large-type front to openinfo's letters (channel 长者专区)."""
import pytest
from django.urls import reverse

from elderzone import mailbox
from portal import antispam
from elderzone.views.mailbox import LOOKUP_LIMIT
from tests.factories import DepartmentFactory
from tests.openinfo.helpers import solved

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(mailbox.letters_api() is None,
                       reason="openinfo 尚未提供 letter_submit / letter_lookup（政务信箱由 openinfo 负责），长者专区信箱测试跳过"),
]


@pytest.fixture
def civil(db):
    return DepartmentFactory(name="萍乡市民政局", code="360300-01")


def form_data(to, **overrides):
    data = {"kind": mailbox.letter_kinds()[0][0], "department": to.pk, "subject": "高龄津贴什么时候发",
            "content": "我父亲今年八十岁了，想问高龄津贴怎么申请，什么时候发放。", "name": "张桂兰",
            "phone": "13800138000", "email": "", "consent_publish": "", **solved()}
    return {**data, **overrides}


def submit(client, to, **overrides):
    return client.post(reverse("elderzone:mailbox_write"), form_data(to, **overrides))


def test_write_shows_tracking_number_and_query_code_in_large_type(client, civil):
    from openinfo.models import Letter

    response = submit(client, civil)
    assert response.status_code == 302 and response["Location"] == reverse("elderzone:mailbox_sent")
    letter = Letter.objects.get()
    assert letter.channel == "elder" and letter.department == civil and letter.name == "张桂兰"
    page = client.get(response["Location"]).content.decode()
    assert letter.tracking_number in page and 'class="big-code"' in page
    code = page.split('id="query-code">')[1].split("<")[0]
    assert code and code not in letter.query_code_hash  # shown once to the writer, stored hashed
    assert "打印" in page and 'class="read-aloud"' in page
    assert "张桂兰" not in page and "13800138000" not in page  # the receipt carries no personal data

    lookup = client.post(reverse("elderzone:mailbox_lookup"),
                         {"tracking_number": letter.tracking_number.lower(), "query_code": code, **solved()})
    body = lookup.content.decode()
    assert lookup.status_code == 200 and "来信办理情况" in body and letter.get_status_display() in body
    assert "高龄津贴什么时候发" in body and 'class="read-aloud"' in body


def test_lookup_shows_the_reply(client, civil):
    from openinfo.models import Letter
    from openinfo.services import letter_reply
    from portal.models import Role
    from tests.factories import official

    submit(client, civil)
    code = client.session["elderzone_letter_receipt"]["query_code"]
    letter = Letter.objects.get()
    letter_reply(letter=letter, actor=official(Role.REVIEWER, civil), reply="高龄津贴每月 10 日前发放到社保卡。")
    body = client.post(reverse("elderzone:mailbox_lookup"),
                       {"tracking_number": letter.tracking_number, "query_code": code, **solved()}).content.decode()
    assert "答复内容" in body and "高龄津贴每月 10 日前发放到社保卡。" in body


def test_wrong_code_is_refused_and_guessing_is_throttled(client, civil):
    from openinfo.models import Letter

    submit(client, civil)
    number = Letter.objects.get().tracking_number
    url = reverse("elderzone:mailbox_lookup")
    for _ in range(LOOKUP_LIMIT):
        body = client.post(url, {"tracking_number": number, "query_code": "000000", **solved()}).content.decode()
        assert "办件编号或查询码不对" in body and "来信办理情况" not in body
    right = client.session["elderzone_letter_receipt"]["query_code"]
    response = client.post(url, {"tracking_number": number, "query_code": right, **solved()})
    body = response.content.decode()
    assert response.status_code == 429 and antispam.RATE_LIMIT_MESSAGE in body and "来信办理情况" not in body
    assert f'value="{number}"' in body  # what was typed stays


def test_form_errors_are_chinese_and_keep_what_was_typed(client, civil):
    from openinfo.models import Letter

    response = submit(client, civil, phone="abc", subject="", content="我父亲今年八十岁了，想问问。")
    body = response.content.decode()
    assert response.status_code == 200 and Letter.objects.count() == 0
    assert "电话号码格式不对" in body and "请填写标题" in body
    assert "我父亲今年八十岁了，想问问。" in body and "张桂兰" in body  # nothing typed is lost
    for junk in ({"department": "abc"}, {"department": "999999"}, {"kind": "<x>"}, {"content": "x" * 5000},
                 {"email": "not-an-email"}, {"subject": "\x00"}):
        response = submit(client, civil, **junk)
        assert response.status_code == 200
    assert Letter.objects.count() == 0


def test_sent_page_without_a_letter_goes_back_to_the_mailbox(client):
    response = client.get(reverse("elderzone:mailbox_sent"))
    assert response.status_code == 302 and response["Location"] == reverse("elderzone:mailbox")
