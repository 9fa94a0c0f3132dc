"""The public 依申请公开 form with its anti-abuse pieces, the one-time receipt and tracking."""
import re
import shutil

import pytest
from django.urls import reverse

from openinfo.demo_ids import fake_credit_code, fake_id_card
from openinfo.models import InfoRequest
from portal import antispam

from .helpers import solved, token_from

pytestmark = pytest.mark.django_db
APPLY = "/openinfo/apply/"
TRACK = "/openinfo/track/"


def form_data(department, **extra):
    data = {
        "applicant_type": "natural", "name": "王申请", "id_type": "id_card", "id_number": fake_id_card(7),
        "phone": "13973100007", "email": "wang@example.cn", "address": "长沙市开福区申请路7号", "postcode": "410005",
        "department": department.pk, "description": "湘财预〔2025〕3号文件全文", "delivery": "email",
        "medium": "electronic", "agree": "on",
    }
    data.update(extra)
    return data


def test_citizen_applies_gets_a_receipt_once_and_tracks(client, department, quick_forms):
    page = client.get(APPLY)
    assert page.status_code == 200
    response = client.post(APPLY, {**form_data(department), **solved(page.content.decode())})
    assert response.status_code == 302 and response["Location"] == reverse("openinfo:apply_done")
    done = client.get(response["Location"]).content.decode()
    number = re.search(r'data-testid="tracking-number">([^<]+)<', done).group(1)
    code = re.search(r'data-testid="query-code">(\d{10})<', done).group(1)
    assert InfoRequest.objects.get(tracking_number=number).status == "submitted"
    again = client.get(reverse("openinfo:apply_done")).content.decode()
    assert code not in again and "已显示过" in again

    result = client.post(TRACK, {"tracking_number": number.lower(), "query_code": code}, follow=True)
    html = result.content.decode()
    assert "已提交" in html and "提交申请" in html and number in html
    assert fake_id_card(7) not in html and "13973100007" not in html and "申请路7号" not in html


def test_wrong_number_and_wrong_code_get_the_same_answer(client, department, quick_forms):
    page = client.get(APPLY).content.decode()
    client.post(APPLY, {**form_data(department), **solved(page)})
    receipt = client.session.get("openinfo_receipt") or {}
    req = InfoRequest.objects.get()
    wrong_code = client.post(TRACK, {"tracking_number": req.tracking_number, "query_code": "0000000000"})
    wrong_number = client.post(TRACK, {"tracking_number": "YSQ-2026-999999", "query_code": "0000000000"})
    assert wrong_code.status_code == wrong_number.status_code == 200

    def main(r):
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", r.content.decode().split("<main", 1)[1])
    assert main(wrong_code).replace(req.tracking_number, "YSQ-2026-999999") == main(wrong_number)
    assert "申请编号或查询码不正确" in wrong_code.content.decode()
    assert "openinfo_tracked_request" not in client.session
    del receipt


def test_tracking_is_rate_limited_per_address(client, settings):
    settings.OPENINFO_RATE_LIMITS = {"track": (3, 600)}
    for _ in range(3):
        assert client.post(TRACK, {"tracking_number": "YSQ-2026-000001", "query_code": "1"}).status_code == 200
    limited = client.post(TRACK, {"tracking_number": "YSQ-2026-000001", "query_code": "1"})
    assert limited.status_code == 429 and "过于频繁" in limited.content.decode()
    other = client.post(TRACK, {"tracking_number": "YSQ-2026-000001", "query_code": "1"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_wrong_captcha_keeps_the_input_and_issues_a_new_challenge(client, department, quick_forms):
    page = client.get(APPLY).content.decode()
    fields = solved(page)
    fields["as_answer"] = str(int(fields["as_answer"]) + 1)
    response = client.post(APPLY, {**form_data(department), **fields})
    html = response.content.decode()
    assert response.status_code == 200 and InfoRequest.objects.count() == 0
    assert "验证码不正确" in html and "湘财预〔2025〕3号文件全文" in html and "王申请" in html
    assert token_from(html) != fields["as_token"]


def test_a_captcha_answer_works_only_once(client, department, quick_forms):
    fields = solved(client.get(APPLY).content.decode())
    assert client.post(APPLY, {**form_data(department), **fields}).status_code == 302
    replay = client.post(APPLY, {**form_data(department, id_number=fake_id_card(8)), **fields})
    assert replay.status_code == 200 and "已使用过" in replay.content.decode()
    assert InfoRequest.objects.count() == 1


def test_honeypot_and_too_fast_submissions_are_refused(client, department, settings):
    settings.ANTISPAM_MIN_SECONDS = 3
    fields = solved(client.get(APPLY).content.decode())
    fast = client.post(APPLY, {**form_data(department), **fields})
    assert "提交太快" in fast.content.decode()
    settings.ANTISPAM_MIN_SECONDS = 0
    bot = client.post(APPLY, {**form_data(department), **solved(fast.content.decode()), "as_website": "http://spam"})
    assert "未通过校验" in bot.content.decode() and InfoRequest.objects.count() == 0


def test_applying_is_rate_limited_without_losing_the_input(client, department, quick_forms, settings):
    settings.OPENINFO_RATE_LIMITS = {"apply": (1, 3600)}
    page = client.get(APPLY).content.decode()
    assert client.post(APPLY, {**form_data(department), **solved(page)}).status_code == 302
    page = client.get(APPLY).content.decode()
    limited = client.post(APPLY, {**form_data(department, name="第二次"), **solved(page)})
    html = limited.content.decode()
    assert "太频繁" in html and "第二次" in html and InfoRequest.objects.count() == 1


@pytest.mark.parametrize("field, value, message", [
    ("id_number", "110105194912310021", "校验位"),
    ("phone", "abc", "联系电话格式有误"),
    ("email", "", "请填写电子邮箱"),
])
def test_invalid_input_gets_chinese_errors(client, department, quick_forms, field, value, message):
    data = {**form_data(department), field: value}
    if field == "email":
        data["email"] = ""
        message = "选择电子邮件方式时请填写电子邮箱"
    response = client.post(APPLY, {**data, **solved(client.get(APPLY).content.decode())})
    assert response.status_code == 200 and message in response.content.decode()


def test_organisation_needs_a_valid_credit_code_and_contact(client, department, quick_forms):
    data = form_data(department, applicant_type="business", id_type="credit_code", id_number="91350100M000100Y44")
    html = client.post(APPLY, {**data, **solved(client.get(APPLY).content.decode())}).content.decode()
    assert "统一社会信用代码有误" in html and "请填写联系人" in html
    data.update(id_number=fake_credit_code(3), contact_person="赵经办")
    assert client.post(APPLY, {**data, **solved(client.get(APPLY).content.decode())}).status_code == 302


def test_garbage_never_causes_a_server_error(client):
    response = client.post(APPLY, {"applicant_type": "x" * 5000, "department": "'; drop", "as_token": "..."})
    assert response.status_code == 200
    assert client.get("/captcha/not-a-token/image.png").status_code == 404


def test_captcha_has_an_image_and_a_spoken_or_written_alternative(client):
    html = client.get(APPLY).content.decode()
    token = token_from(html)
    image = client.get(reverse("portal:captcha_image", args=[token]))
    assert image.status_code == 200 and image.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert 'alt="验证码图片' in html
    if shutil.which("espeak-ng"):
        assert "听语音验证码" in html
        audio = client.get(reverse("portal:captcha_audio", args=[token]))
        assert audio.status_code == 200 and audio.content[:4] == b"RIFF" and len(audio.content) > 10000
    else:
        assert "文字问题：" in html


def test_text_question_when_no_speech_engine(client, monkeypatch):
    monkeypatch.setattr(antispam, "ESPEAK", None)
    html = client.get(APPLY).content.decode()
    token = token_from(html)
    spoken = "、".join(antispam.DIGITS[int(d)] for d in antispam.answer_for(token))
    assert f"文字问题：四位数字依次是{spoken}" in html and "听语音验证码" not in html
    new = client.get(reverse("portal:captcha_new")).json()
    assert new["audio"] == "" and new["text"].startswith("四位数字依次是")


def test_answered_case_shows_reply_letter_and_private_files(client, make_request, handler, settings):
    from django.core.files.base import ContentFile

    from openinfo import services
    from openinfo.models import Outcome, RequestFile

    req = make_request()
    code = req.query_code_plain
    services.request_reply(req=req, actor=handler, outcome=Outcome.PUBLIC, reply_text="见附件",
                           replied_on=req.received_on)
    draft = services.document_draft(req=req, kind="reply", actor=handler)
    item = RequestFile(request=req, title="预算公开表")
    item.file.save("budget.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    assert not item.file.path.startswith(str(settings.MEDIA_ROOT) + "/")  # never served as public media
    file_url = reverse("openinfo:track_file", args=[item.pk])
    assert client.get(file_url).status_code == 404  # not without number + code
    html = client.post(TRACK, {"tracking_number": req.tracking_number, "query_code": code}, follow=True)
    assert "政府信息公开申请答复书" not in html.content.decode()  # a draft is not the reply the applicant got
    doc = services.document_issue(doc=draft, actor=handler)
    html = client.get(reverse("openinfo:track_result")).content.decode()
    assert "政府信息公开申请答复书" in html and "第三十六条第（二）项" in html and "预算公开表" in html
    assert doc.doc_number in html
    download = client.get(file_url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 test"
