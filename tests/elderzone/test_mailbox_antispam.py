"""长者信箱 carries portal.antispam like every public form: a CAPTCHA with a spoken question, honeypot,
minimum fill-in time and per-address rate limits on writing and on look-ups — with errors in plain
Chinese that keep everything an elder typed."""
import pytest
from django.urls import reverse

from elderzone import mailbox
from elderzone.views import mailbox as views
from portal import antispam
from tests.factories import DepartmentFactory
from tests.openinfo.helpers import solved, token_from

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(mailbox.letters_api() is None, reason="openinfo 尚未提供政务信箱：长者专区信箱测试跳过"),
]

WRITE = reverse("elderzone:mailbox_write")
LOOKUP = reverse("elderzone:mailbox_lookup")


@pytest.fixture
def civil(db):
    return DepartmentFactory(name="萍乡市民政局", code="360300-01")


@pytest.fixture
def letter(client, civil):
    """A letter written through the zone; (tracking number, 查询码)."""
    response = client.post(WRITE, {**letter_fields(civil), **solved()})
    assert response.status_code == 302
    receipt = client.session["elderzone_letter_receipt"]
    return receipt["tracking_number"], receipt["query_code"]


def letter_fields(to) -> dict:
    return {"kind": mailbox.letter_kinds()[0][0], "department": to.pk, "subject": "老年证怎么补办",
            "content": "我的老年证丢了，想问问去哪里补办，要带什么材料。", "name": "刘秀英",
            "phone": "13800138001", "email": "", "consent_publish": ""}


def letters() -> int:
    from openinfo.models import Letter

    return Letter.objects.count()


@pytest.fixture(params=["write", "lookup"])
def form(request, client, civil):
    """(url, fields an elder types, a value that must stay in the re-shown form, did it take effect?)"""
    if request.param == "write":
        return WRITE, letter_fields(civil), 'value="刘秀英"', lambda response: letters() == 1
    number, code = request.getfixturevalue("letter")
    return LOOKUP, {"tracking_number": number, "query_code": code}, f'value="{number}"', \
        lambda response: "来信办理情况" in response.content.decode()


def test_the_captcha_question_is_large_with_a_visible_audio_button(client):
    for url in (WRITE, LOOKUP):
        html = client.get(url).content.decode()
        assert 'class="captcha"' in html and "/static/portal/antispam.css" in html  # drawn at the zone's sizes
        assert "/static/portal/antispam.js" in html and "照着图上的四位数字" in html
        assert "听语音验证码" in html and 'class="captcha-audio"' in html


def test_the_audio_captcha_speaks_the_question(client):
    html = client.get(WRITE).content.decode()
    audio_url = html.split('class="captcha-audio" href="')[1].split('"')[0]
    assert audio_url == reverse("portal:captcha_audio", args=[token_from(html)])
    response = client.get(audio_url)
    assert response.status_code == 200 and response["Content-Type"] == "audio/wav"
    assert response.content[:4] == b"RIFF" and len(response.content) > 10000


def test_a_solved_captcha_goes_through(client, form):
    url, fields, _, done = form
    response = client.post(url, {**fields, **solved()}, follow=True)
    assert response.status_code == 200 and done(response)


@pytest.mark.parametrize("answer, message", [("", "还没有填验证码：请照着图上的四位数字填在框里。"), ("99", "验证码不正确")])
def test_no_or_wrong_captcha_is_refused_in_plain_chinese_and_the_input_stays(client, form, answer, message):
    url, fields, typed, done = form
    before = letters()
    response = client.post(url, {**fields, **solved(), "as_answer": answer})
    html = response.content.decode()
    assert response.status_code == 200 and message in html and typed in html
    assert letters() == before and not done(response)
    assert 'role="alert"' in html  # the error summary at the top says what to fix
    retry = client.post(url, {**fields, **solved(html)}, follow=True)
    assert done(retry)


def test_the_honeypot_is_refused(client, form):
    url, fields, _, done = form
    before = letters()
    response = client.post(url, {**fields, **solved(), "as_website": "http://spam.example"})
    assert "提交未通过校验" in response.content.decode() and letters() == before and not done(response)


def test_too_fast_is_refused(client, form, settings):
    url, fields, typed, done = form
    settings.ANTISPAM_MIN_SECONDS = 3
    before = letters()
    response = client.post(url, {**fields, **solved()})
    html = response.content.decode()
    assert "提交太快了" in html and typed in html and letters() == before and not done(response)


def test_over_the_rate_limit_nothing_is_saved_and_the_input_stays(client, form, monkeypatch):
    url, fields, typed, done = form
    monkeypatch.setattr(views, "WRITE_LIMIT", 0)
    monkeypatch.setattr(views, "LOOKUP_LIMIT", 0)
    before = letters()
    response = client.post(url, {**fields, **solved()})
    html = response.content.decode()
    assert response.status_code == 429 and antispam.RATE_LIMIT_MESSAGE in html and typed in html
    assert letters() == before and not done(response)


def test_writing_is_limited_per_address(client, civil):
    for _ in range(views.WRITE_LIMIT):
        assert client.post(WRITE, {**letter_fields(civil), **solved()}).status_code == 302
    response = client.post(WRITE, {**letter_fields(civil), **solved()})
    assert response.status_code == 429 and letters() == views.WRITE_LIMIT
    other = client.post(WRITE, {**letter_fields(civil), **solved()}, REMOTE_ADDR="203.0.113.7")
    assert other.status_code == 302 and letters() == views.WRITE_LIMIT + 1
