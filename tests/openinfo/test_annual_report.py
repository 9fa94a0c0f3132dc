"""年报 表二/表三/表四: computed totals, the 一+二 = 三+四 check, HTML layout and Excel."""
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from openinfo import services
from openinfo.annual_report import build_report, build_table3
from openinfo.models import AnnualReportEntry, OUTCOME_GROUPS, Outcome
from policies.models import DocType, Validity
from tests.factories import PolicyFactory

pytestmark = pytest.mark.django_db
NATURAL, BUSINESS, TOTAL = 0, 1, 6


@pytest.fixture
def year_of_cases(make_request, handler):
    """2 carried in from 2024, 5 new in 2025, 6 concluded in 2025, 1 carried out to 2026."""
    def reply(req, outcome, on):
        services.request_reply(req=req, actor=handler, outcome=outcome, reply_text="答复", replied_on=on)

    reply(make_request(dt.date(2024, 12, 20), n=1), Outcome.PUBLIC, dt.date(2025, 1, 10))
    reply(make_request(dt.date(2024, 12, 27), n=2, kind="business"), Outcome.DENY_THIRD, dt.date(2025, 1, 20))
    reply(make_request(dt.date(2024, 11, 4), n=3), Outcome.PUBLIC, dt.date(2024, 11, 20))  # all in 2024
    reply(make_request(dt.date(2025, 3, 3), n=4), Outcome.PARTIAL, dt.date(2025, 3, 20))
    reply(make_request(dt.date(2025, 4, 7), n=5, kind="business"), Outcome.NONE_HELD, dt.date(2025, 4, 30))
    services.request_withdraw(req=make_request(dt.date(2025, 5, 6), n=6), actor=handler, on=dt.date(2025, 5, 8))
    req = make_request(dt.date(2025, 6, 2), n=7, kind="legal")
    services.request_ask_correction(req=req, actor=handler, items="请写明文号", notice_on=dt.date(2025, 6, 3),
                                    deadline=dt.date(2025, 6, 17))
    services.request_abandon(req=req, actor=handler, on=dt.date(2025, 6, 20))
    make_request(dt.date(2025, 12, 22), n=8)  # still open at the end of 2025


def test_table3_counts_every_row_and_column(year_of_cases):
    t = build_table3(2025)
    assert t.row("new").values == [3, 1, 0, 0, 1, 0, 5]
    assert t.row("carried_in").values == [1, 1, 0, 0, 0, 0, 2]
    assert t.row(Outcome.PUBLIC).values[TOTAL] == 1
    assert t.row(Outcome.PARTIAL).values[NATURAL] == 1
    assert t.row(Outcome.DENY_THIRD).values[BUSINESS] == 1
    assert t.row(Outcome.NONE_HELD).values[BUSINESS] == 1
    assert t.row(Outcome.OTHER).values[TOTAL] == 1  # withdrawn
    assert t.row(Outcome.OTHER_CORRECTION).values == [0, 0, 0, 0, 1, 0, 1]
    assert t.row("total").values == [3, 2, 0, 0, 1, 0, 6]
    assert t.row("carried_out").values == [1, 0, 0, 0, 0, 0, 1]
    assert t.balanced and all(c["left"] == c["right"] for c in t.check)
    # Every sub-row of the official template is present, in order.
    codes = [code for _, rows in OUTCOME_GROUPS for _, code in rows]
    assert [r.key for r in t.rows] == ["new", "carried_in", *codes, "total", "carried_out"]
    assert len(codes) == 2 + 8 + 3 + 5 + 3


def test_the_check_reveals_inconsistent_data(year_of_cases):
    from openinfo.models import InfoRequest

    # A case concluded before it was received cannot balance.
    InfoRequest.objects.filter(received_on=dt.date(2025, 3, 3)).update(received_on=dt.date(2026, 1, 5))
    t = build_table3(2025)
    assert not t.balanced
    assert [c["ok"] for c in t.check][NATURAL] is False


def test_table2_from_policies_and_entered_figures(department):
    PolicyFactory(issuer=department, doc_type=DocType.RULE, issued_date=dt.date(2025, 3, 1))
    PolicyFactory(issuer=department, doc_type=DocType.NORMATIVE, issued_date=dt.date(2025, 5, 1))
    PolicyFactory(issuer=department, doc_type=DocType.NORMATIVE, issued_date=dt.date(2020, 5, 1))
    PolicyFactory(issuer=department, doc_type=DocType.NORMATIVE, issued_date=dt.date(2019, 5, 1),
                  validity=Validity.REPEALED, expiry_date=dt.date(2025, 8, 1))
    PolicyFactory(issuer=department, doc_type=DocType.OTHER, issued_date=dt.date(2025, 5, 1))
    AnnualReportEntry.objects.create(year=2025, department=department, licensing=12, penalties=3, enforcement=1,
                                     fees_wan=2.5, review_upheld=2, suit_pending=1, overview="总体情况良好。")
    report = build_report(2025, department)
    assert report.table2_docs == [("规章", 1, 0, 1), ("行政规范性文件", 1, 1, 2)]
    assert report.figures["licensing"] == 12 and report.overview == "总体情况良好。"
    assert report.table4[:5] == [2, 0, 0, 0, 2] and report.table4[5:10] == [0, 0, 0, 1, 1]


def test_government_report_adds_up_the_departments(department, other_department):
    AnnualReportEntry.objects.create(year=2025, department=None, overview="本级政府", licensing=100)
    AnnualReportEntry.objects.create(year=2025, department=department, licensing=10)
    AnnualReportEntry.objects.create(year=2025, department=other_department, licensing=5)
    report = build_report(2025)
    assert report.overview == "本级政府" and report.figures["licensing"] == 115


def test_report_page_and_excel(client, year_of_cases, department):
    html = client.get("/openinfo/annual-report/2025/").content.decode()
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        assert heading in html
    assert "第一项加第二项之和，等于第三项加第四项之和" in html and "8.属于行政查询事项" in html
    assert "各列勾稽关系均相符" in html and "7 = 7" in html
    own = client.get(f"/openinfo/annual-report/2025/?department={department.pk}").content.decode()
    assert department.name in own
    response = client.get("/openinfo/annual-report/2025/?format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["正文", "二、主动公开", "三、申请情况", "四、复议诉讼"]
    ws = wb["三、申请情况"]
    rows = {r[0].value or r[1].value: [c.value for c in r[3:]] for r in ws.iter_rows(min_row=4) if r[0].value or r[1].value}
    assert rows["一、本年新收政府信息公开申请数量"][-1] == 5
    assert rows["四、结转下年度继续办理"][-1] == 1
    assert client.get("/openinfo/annual-report/1990/").status_code == 404
