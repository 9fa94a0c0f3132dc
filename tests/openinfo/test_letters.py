"""政务信箱: the elder-zone contract, the public form, consent, rating and statistics."""
import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError

from openinfo import services
from openinfo.models import Letter
from openinfo.selectors import letter_lookup, letter_ratings_by_department
from openinfo.selectors.letter_stats import monthly_statistics

from .helpers import solved

pytestmark = pytest.mark.django_db


def test_letter_submit_and_lookup_contract(department):
    letter = services.letter_submit(kind="咨询", department=department, subject="养老金何时调整", content="请问……",
                                    name="赵长者", phone="13800001111")
    assert re.fullmatch(r"XX-\d{4}-\d{6}", letter.tracking_number)
    assert letter.channel == "elder" and letter.kind == "consult" and not letter.consent_publish
    assert re.fullmatch(r"\d{10}", letter.query_code_plain) and letter.query_code_plain not in letter.query_code_hash
    assert letter.due_date is not None and letter.due_date > dt.date(2026, 1, 1)
    found = letter_lookup(tracking_number=letter.tracking_number.lower(), query_code=letter.query_code_plain)
    assert found == letter
    assert letter_lookup(tracking_number=letter.tracking_number, query_code="0000000000") is None
    assert letter_lookup(tracking_number="XX-2026-999999", query_code=letter.query_code_plain) is None
    spaced = " ".join(letter.query_code_plain)  # elders type codes with spaces
    assert letter_lookup(tracking_number=letter.tracking_number, query_code=spaced) == letter
    with pytest.raises(ValidationError):
        services.letter_submit(kind="咨询", department=department, subject="", content="x", name="a", phone="1")


def test_reply_publish_only_with_consent_and_rate_once(department, reviewer):
    private = services.letter_submit(kind="suggest", department=department, subject="建议", content="内容",
                                     name="钱某", phone="13800002222", channel="web")
    services.letter_reply(letter=private, actor=reviewer, reply="感谢建议", publish=True)
    assert not private.published
    with pytest.raises(ValidationError, match="未同意"):
        services.letter_set_published(letter=private, actor=reviewer, published=True)
    public = services.letter_submit(kind="consult", department=department, subject="公积金提取", content="内容",
                                    name="孙某", phone="13800003333", channel="web", consent_publish=True)
    services.letter_reply(letter=public, actor=reviewer, reply="可在线提取", publish=True)
    assert public.is_public and public.accepted_on and public.reply_department == department
    services.letter_rate(letter=public, rating="基本满意")
    with pytest.raises(ValidationError, match="已评价"):
        services.letter_rate(letter=public, rating="satisfied")
    services.letter_rate(letter=private, rating="unsatisfied")
    [row] = letter_ratings_by_department()
    assert (row["basic"], row["unsatisfied"], row["total"], row["rate"]) == (1, 1, 2, 50.0)


def test_public_pages_show_published_replies_without_personal_data(client, department, reviewer):
    letter = services.letter_submit(kind="consult", department=department, subject="公积金提取", content="我的身份证…",
                                    name="孙某某", phone="13800003333", email="sun@example.cn", channel="web",
                                    consent_publish=True)
    services.letter_reply(letter=letter, actor=reviewer, reply="可在线提取", publish=True)
    for url in ("/openinfo/letters/", letter.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "公积金提取" in html and "孙某某" not in html and "13800003333" not in html and "sun@example" not in html
    detail = client.get(letter.get_absolute_url()).content.decode()
    assert "可在线提取" in detail and "受理日期" in detail and department.name in detail
    hidden = services.letter_submit(kind="consult", department=department, subject="不公开的来信", content="x",
                                    name="a", phone="1390000", channel="web")
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_write_track_and_rate_through_the_web(client, department, reviewer, quick_forms):
    page = client.get("/openinfo/letters/write/").content.decode()
    data = {"kind": "help", "department": department.pk, "subject": "求助：低保申请", "content": "如何申请低保？",
            "name": "周某", "phone": "13912345678", "email": "", **solved(page)}
    assert client.post("/openinfo/letters/write/", data).status_code == 302
    receipt = client.get("/openinfo/letters/done/").content.decode()
    number = re.search(r"<dd>(XX-\d{4}-\d{6})</dd>", receipt).group(1)
    code = re.search(r"<dd>(\d{10})</dd>", receipt).group(1)
    letter = Letter.objects.get(tracking_number=number)
    assert letter.channel == "web" and letter.kind == "help"
    services.letter_reply(letter=letter, actor=reviewer, reply="请到街道办理")
    bad = client.post("/openinfo/letters/track/", {"tracking_number": number, "query_code": "1234567890"})
    assert "不正确" in bad.content.decode()
    shown = client.post("/openinfo/letters/track/", {"tracking_number": number, "query_code": code}, follow=True)
    assert "请到街道办理" in shown.content.decode() and "提交评价" in shown.content.decode()
    rated = client.post("/openinfo/letters/track/result/", {"rating": "satisfied"}, follow=True)
    assert "您的评价：" in rated.content.decode()
    letter.refresh_from_db()
    assert letter.rating == "satisfied"


def test_monthly_statistics_and_accessible_chart(client, department, reviewer):
    for i in range(3):
        letter = services.letter_submit(kind="consult", department=department, subject=f"问{i}", content="x",
                                        name="a", phone="1390000", channel="web")
        if i:
            services.letter_reply(letter=letter, actor=reviewer, reply="答")
    rows = monthly_statistics()
    assert len(rows) == 12 and rows[-1]["received"] == 3 and rows[-1]["replied"] == 2
    html = client.get("/openinfo/letters/statistics/").content.decode()
    assert '<svg class="chart" role="img" aria-labelledby="chart-title chart-desc"' in html
    assert "<caption>按月统计（单位：件）</caption>" in html and "各部门评价情况" in html
