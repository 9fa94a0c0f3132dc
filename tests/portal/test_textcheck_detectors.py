"""portal.textcheck detectors: what is personal data and what only looks like it; masking; 错敏字."""
import pytest

from portal.textcheck import blocking_terms, check_wording, find_personal_data, mask
from portal.textcheck.personal import id_checksum_ok, luhn_ok


def found(text):
    return [(f.kind, f.text) for f in find_personal_data(text)]


@pytest.mark.parametrize("text, kind, written", [
    ("请联系13912345678办理", "mobile", "13912345678"),
    ("手机：139 1234 5678。", "mobile", "139 1234 5678"),
    ("手机139-1234-5678", "mobile", "139-1234-5678"),
    ("+86 13912345678", "mobile", "+86 13912345678"),
    ("手机１３９１２３４５６７８", "mobile", "１３９１２３４５６７８"),
    ("电话0731-88881234转12", "landline", "0731-88881234转12"),
    ("联系电话：(0731)88881234。", "landline", "(0731)88881234"),
    ("电话（0731）88881234", "landline", "（0731）88881234"),
    ("咨询0731 88881234", "landline", "0731 88881234"),
    ("服务热线400-123-4567", "landline", "400-123-4567"),
    ("身份证号码430102199001011238", "id_card", "430102199001011238"),
    ("身份证11010519491231002X。", "id_card", "11010519491231002X"),
    ("旧身份证430102900101123", "id_card", "430102900101123"),
    ("卡号6222 0202 0011 2233 446", "bank_card", "6222 0202 0011 2233 446"),
    ("账号6217002920118282822", "bank_card", "6217002920118282822"),
    ("请发至zhang.san@163.com", "email", "zhang.san@163.com"),
    ("家住长沙市芙蓉区五一大道123号", "address", "长沙市芙蓉区五一大道123号"),
    ("住芙蓉小区3栋2单元502室", "address", "住芙蓉小区3栋2单元502室"),
])
def test_personal_data_is_found(text, kind, written):
    assert found(text) == [(kind, written)]


@pytest.mark.parametrize("text", [
    "湘政发〔2023〕13912345678号",  # a 发文字号 number, however long
    "湘财预〔2024〕7号",
    "索引号：430000-02-2023-00012",
    "2023-12-01", "20231201", "2024年12月31日前", "2026年1月1日起施行",
    "邮编410011", "邮政编码：410011",
    "金额1234567890元", "补助13912345678元", "共计6222020200112233446元", "增加12345678万元",
    "统一社会信用代码11430000006149373R",
    "https://www.gov.cn/zhengce/13912345678.htm",
    "政务服务便民热线12345", "第3路公交车",
    "公开办邮箱xxgk@hunan.gov.cn",  # a government mailbox is an office's
    "6217002920118282823",  # fails Luhn
    "430102199001011235",  # fails the ID checksum (and Luhn)
    "0731-1234567",  # too short for a subscriber number starting 1
])
def test_look_alikes_are_not_flagged(text):
    assert found(text) == []


def test_checksums():
    assert id_checksum_ok("11010519491231002X") and not id_checksum_ok("110105194912310021")
    assert luhn_ok("6217002920118282822") and not luhn_ok("6217002920118282823")


@pytest.mark.parametrize("text, masked", [
    ("13912345678", "139****5678"),
    ("电话139 1234 5678。", "电话139 **** 5678。"),
    ("0731-88881234转12", "0731-****1234转12"),
    ("(0731)88881234", "(0731)****1234"),
    ("400-123-4567", "400-***-4567"),
    ("11010519491231002X", "1101**********002X"),
    ("6222 0202 0011 2233 446", "6222 **** **** ***3 446"),
    ("zhang.san@163.com", "z***@163.com"),
    ("五一大道123号", "五一大道***号"),
    ("芙蓉小区3栋2单元502室", "芙蓉小区*栋*单元***室"),
])
def test_masking(text, masked):
    assert mask(text, find_personal_data(text)) == masked


def test_masking_rich_text_keeps_markup_and_every_occurrence():
    html = '<p>联系人：13912345678（<a href="https://example.cn/a/13912345678">详情</a>）</p><p>再次：13912345678</p>'
    masked = mask(html, find_personal_data(html))
    assert masked.count("139****5678") == 3 and "13912345678" not in masked
    assert masked.startswith("<p>联系人：") and "</a>" in masked


def test_allowed_office_numbers_are_not_findings():
    text = "咨询电话0731-88881234，联系人手机13912345678"
    allowed = {("landline", "073188881234")}
    assert found(text) == [("landline", "0731-88881234"), ("mobile", "13912345678")]
    assert [f.text for f in find_personal_data(text, allowed=allowed)] == ["13912345678"]
    # The same number written another way is still the confirmed office number.
    assert find_personal_data("电话（0731）88881234", allowed=allowed) == []


@pytest.mark.django_db
def test_seeded_misspellings_warn_with_the_correct_form():
    findings = {f.term: f for f in check_wording("<p>请按装软件并布署系统，帐号由付主任审核。截止2024年底，已完成。</p>")}
    assert {t: f.suggestion for t, f in findings.items()} == {
        "按装": "安装", "布署": "部署", "帐号": "账号", "付主任": "副主任", "截止": "截至",
    }
    assert not any(f.blocking for f in findings.values())
    # 截止 at the end of a clause is right.
    assert check_wording("报名于5月1日截止。") == []


@pytest.mark.django_db
def test_banned_words_block():
    assert sorted(blocking_terms("本站代开发票，此处填写联系人")) == ["代开发票", "此处填写"]
    assert blocking_terms("关于做好政务公开工作的通知") == []
    assert [f.blocking for f in check_wording("代开发票")] == [True]


@pytest.mark.parametrize("text, doubled", [
    ("本文件已已修订", ["已已"]),
    ("加强对的的管理", ["的的"]),
    ("完成了了工作", ["了了"]),
    ("这是是一项", ["是是"]),
    ("在在全省", ["在在"]),
])
def test_doubled_characters_warn(text, doubled):
    findings = check_wording(text, rules=[])
    assert [f.term for f in findings] == doubled and findings[0].suggestion == doubled[0][0]


@pytest.mark.parametrize("text", [
    "常常", "天天向上", "的的确确", "为了了解情况", "不了了之", "实事求是是党的思想路线", "实实在在", "是是非非",
    "我们现在在开会", "参与与否", "被被告人起诉", "违法行为为公众所知", "研究所所长", "等等",
])
def test_legitimate_doubles_pass(text):
    assert check_wording(text, rules=[]) == []
