"""告知书 numbered and dated like real ones; every template prints clean punctuation (issue 15, item 3)."""
import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from openinfo import doc_defaults, services
from openinfo.models import DocKind, InfoRequest, Outcome, RequestPause
from openinfo.services.documents import Case, fill
from portal.models import Department

from .conftest import login, submit_on

# ---- punctuation: pure, every template × every 年报 outcome ----------------------------------------------

PAIRS = {"（": "）", "“": "”", "〔": "〕", "《": "》", "【": "】", "(": ")"}
DOUBLED = ["。”。", "）。”。", "，，", "。。", "，。", "。，", "；；", "：；", "：，", "、、", "；。", "。；"]
CLOSING = "”’）》」』】〕)]。，；：、！？"


def punctuation_faults(text: str) -> list[str]:
    faults = [f"“{d}”" for d in DOUBLED if d in text]
    for number, line in enumerate(text.split("\n"), 1):
        if line[:1] and line[0] in CLOSING:
            faults.append(f"第{number}行以“{line[0]}”开头")
    stack = []
    for ch in text:
        if ch in PAIRS:
            stack.append(PAIRS[ch])
        elif ch in PAIRS.values():
            if not stack or stack.pop() != ch:
                faults.append(f"多余的“{ch}”")
    faults += [f"未闭合的“{c}”" for c in stack]
    return faults


def test_the_checker_catches_the_reported_defects():
    assert punctuation_faults("申请获取：“关于A项目的批复（A）。”。")
    assert punctuation_faults("因工作量大。，不能")
    assert punctuation_faults("见附件\n。")
    assert punctuation_faults("（申请编号：YSQ")
    assert not punctuation_faults("申请获取：“关于A项目的批复（A）”。")


def _case(outcome: str) -> Case:
    """A case whose texts end in the punctuation people type, so every way of gluing a value into a template
    is exercised."""
    department = Department(name="湖南省财政厅", short_name="省财政厅", phone="0731-85165000")
    req = InfoRequest(
        tracking_number="YSQ-2028-000001", department=department, name="张测试",
        description="关于A项目的批复（湘财〔2026〕1号）。", delivery="email", medium="electronic",
        received_on=dt.date(2028, 3, 1), due_date=dt.date(2028, 3, 29), outcome=outcome,
        reply_text="理由见附件说明。", replied_on=dt.date(2028, 3, 20), correction_items="1. 请写明文号；\n2. 请写明年份。\n",
        correction_requested_on=dt.date(2028, 3, 3), correction_deadline=dt.date(2028, 3, 24),
        extended=True, extension_reason="需调取档案。", extension_approved_on=dt.date(2028, 3, 15),
    )
    fee = RequestPause(kind=RequestPause.Kind.FEE, started=dt.date(2028, 3, 5), limit_date=dt.date(2028, 4, 2),
                       fee_method="pages", fee_amount=Decimal("700"))
    return Case(req, fee, dt.date(2028, 3, 20))


@pytest.mark.parametrize("outcome", Outcome.values)
def test_every_template_prints_clean_punctuation_for_every_outcome(outcome):
    case = _case(outcome)
    for kind, template_outcome, _title, body in doc_defaults.defaults():
        if kind == DocKind.REPLY and template_outcome != outcome:
            continue
        text = fill(body, case)
        assert "{{" not in text, (kind, text)
        assert punctuation_faults(text) == [], (kind, outcome, text)
        assert text.rstrip().endswith("2028年3月20日")  # dated the day of the act, not of printing


def test_every_outcome_has_a_reply_template():
    assert {o for k, o, _t, _b in doc_defaults.defaults() if k == DocKind.REPLY} == set(Outcome.values)


# ---- numbering and dating, through the services and the admin -------------------------------------------

@pytest.mark.django_db
def test_notices_are_numbered_per_department_year_and_kind_when_issued(make_request, handler, other_department):
    first, second = make_request(dt.date(2025, 9, 26), n=1), make_request(dt.date(2025, 9, 26), n=2)
    services.request_ask_correction(req=first, actor=handler, items="请写明文号", notice_on=dt.date(2025, 9, 29))
    for req in (first, second):
        req.refresh_from_db()
    services.request_reply(req=second, actor=handler, outcome="public", reply_text="见附件",
                           replied_on=dt.date(2025, 10, 20))
    reply = services.document_draft(req=second, kind=DocKind.REPLY, actor=handler)
    again = services.document_draft(req=second, kind=DocKind.REPLY, actor=handler)
    correction = services.document_draft(req=first, kind=DocKind.CORRECTION, actor=handler)
    assert reply.doc_number == "" and "{{文书日期}}" not in reply.body  # the reply date is known: filled
    assert "{{文书日期}}" not in correction.body

    numbers = [services.document_issue(doc=d, actor=handler).doc_number for d in (reply, again, correction)]
    assert numbers == ["湖南省财政厅依申请〔2025〕1号", "湖南省财政厅依申请〔2025〕2号", "湖南省财政厅依申请补正〔2025〕1号"]
    # Issuing (or printing) again keeps the number.
    assert services.document_issue(doc=reply, actor=handler).doc_number == numbers[0]
    reply.refresh_from_db()
    assert reply.dated == dt.date(2025, 10, 20) and reply.body.rstrip().endswith("2025年10月20日")
    correction.refresh_from_db()
    assert correction.dated == dt.date(2025, 9, 29) and correction.body.rstrip().endswith("2025年9月29日")

    other = submit_on(dt.date(2025, 9, 26), other_department, n=3)
    services.request_accept(req=other, actor=None, confirmed_on=dt.date(2025, 9, 26))
    services.request_reply(req=other, actor=None, outcome="public", reply_text="见附件", replied_on=dt.date(2025, 10, 9))
    issued = services.document_issue(doc=services.document_draft(req=other, kind=DocKind.REPLY))
    assert issued.doc_number == "湖南省民政厅依申请〔2025〕1号"


@pytest.mark.django_db
def test_a_notice_cannot_be_issued_before_its_act(make_request, handler):
    req = make_request(dt.date(2025, 9, 26))
    draft = services.document_draft(req=req, kind=DocKind.REPLY, actor=handler, outcome="none_held")
    assert "{{文书日期}}" in draft.body  # not answered yet: no date invented
    with pytest.raises(Exception, match="答复后签发"):
        services.document_issue(doc=draft, actor=handler)
    with pytest.raises(Exception, match="延期"):
        services.document_draft(req=req, kind=DocKind.EXTENSION, actor=handler)
    services.request_reply(req=req, actor=handler, outcome="public", reply_text="见附件",
                           replied_on=dt.date(2025, 10, 20))
    req.refresh_from_db()
    with pytest.raises(Exception, match="按“无法提供：本机关不掌握相关政府信息”起草，而申请的答复结果是“予以公开”"):
        services.document_issue(doc=draft, actor=handler)  # drafted for another outcome than the reply's


@pytest.mark.django_db
def test_issuing_in_the_admin_locks_the_text_and_prints_the_number(client, make_request, handler):
    req = make_request(dt.date(2025, 9, 26))
    services.request_reply(req=req, actor=handler, outcome="public", reply_text="见附件",
                           replied_on=dt.date(2025, 10, 20))
    doc = services.document_draft(req=req, kind=DocKind.REPLY, actor=handler)
    login(client, handler)
    change = reverse("admin:openinfo_requestdocument_change", args=[doc.pk])
    printed = reverse("admin:openinfo_requestdocument_print", args=[doc.pk])
    assert "草稿，签发后编号" in client.get(printed).content.decode()
    client.post(reverse("admin:openinfo_requestdocument_issue", args=[doc.pk]))
    client.post(reverse("admin:openinfo_requestdocument_issue", args=[doc.pk]))
    doc.refresh_from_db()
    assert doc.doc_number == "湖南省财政厅依申请〔2025〕1号"
    for _ in range(2):
        assert doc.doc_number in client.get(printed).content.decode()
    html = client.get(change).content.decode()
    assert 'name="body"' not in html and "签发（编号" not in html


# ---- concurrency on PostgreSQL ---------------------------------------------------------------------------

@pytest.mark.django_db(transaction=True)
def test_an_issue_waits_for_the_number_another_official_is_taking(make_request, handler):
    """Official A issues and has not committed yet; B issues meanwhile. B must wait for A's number and take the
    next one (read under a row lock), not read the old counter and print A's number a second time."""
    if connection.vendor != "postgresql":
        pytest.skip("并发编号需要 PostgreSQL（SQLite 整库串行写入，测不出行锁）；CI 以 DATABASE_URL 运行")
    from django.db import connections, transaction

    from openinfo.doc_defaults import defaults
    from openinfo.models import DocumentTemplate

    # A transactional test starts from a flushed database: the templates the migration seeds are gone.
    for kind, outcome, title, body in defaults():
        DocumentTemplate.objects.get_or_create(kind=kind, outcome=outcome, defaults={"title": title, "body": body})
    docs = []
    for n in (1, 2, 3):
        req = make_request(dt.date(2025, 9, 26), n=n)
        services.request_reply(req=req, actor=handler, outcome="public", reply_text="见附件",
                               replied_on=dt.date(2025, 10, 20))
        docs.append(services.document_draft(req=req, kind=DocKind.REPLY))
    services.document_issue(doc=docs.pop())  # the year's counter row exists and is committed
    a_holds, b_waits, numbers = threading.Event(), threading.Event(), {}

    def official_a():
        try:
            with transaction.atomic():
                numbers["a"] = services.document_issue(doc=docs[0]).doc_number
                a_holds.set()
                b_waits.wait()
        finally:
            connections.close_all()

    def official_b():
        try:
            numbers["b"] = services.document_issue(doc=docs[1]).doc_number
        finally:
            connections.close_all()

    first = threading.Thread(target=official_a)
    first.start()
    a_holds.wait()
    second = threading.Thread(target=official_b)
    second.start()
    with connection.cursor() as cursor:  # until B is blocked on A's lock (or has finished, if nothing locks)
        while second.is_alive():
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
            if cursor.fetchone()[0]:
                break
    b_waits.set()
    first.join()
    second.join()
    assert numbers == {"a": "湖南省财政厅依申请〔2025〕2号", "b": "湖南省财政厅依申请〔2025〕3号"}
