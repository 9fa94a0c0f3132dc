"""The pure parts of the importer: text clean-up, near-duplicate signatures, topic rules."""
from policies.importing.classify import classify
from policies.importing.cleaning import clean_body, clean_title, paragraphs_from_text
from policies.importing.similarity import NearDuplicateIndex, signature
from tests.policies.importing_helpers import BODY, OTHER_BODY


def test_pdf_hard_wraps_are_joined_and_blank_lines_split_paragraphs():
    text = "为更好发挥政务公开促落实作用，湖南省组织开\n展政务公开主题日活动。\n\n\n第二段\u3000文字。\n"
    assert paragraphs_from_text(text) == ["为更好发挥政务公开促落实作用，湖南省组织开展政务公开主题日活动。", "第二段文字。"]


def test_without_blank_lines_every_line_is_a_paragraph():
    assert paragraphs_from_text("第一段。\r\n第二段。\r\n") == ["第一段。", "第二段。"]


def test_plain_text_body_is_escaped_into_paragraphs():
    assert clean_body("甲<乙\n丙&丁") == "<p>甲&lt;乙</p><p>丙&amp;丁</p>"


def test_title_whitespace_and_invisible_characters():
    assert clean_title("\ufeff 关于 印发\u200b《方案》\n的通知 ") == "关于印发《方案》的通知"
    assert clean_title("关于 2024 年 Word 文档 的通知") == "关于 2024 年 Word 文档的通知"


def test_near_duplicate_index_finds_a_reprint_but_not_a_different_text():
    index = NearDuplicateIndex()
    index.add(1, signature(BODY))
    index.add(2, signature(OTHER_BODY))
    twin, score = index.most_similar(signature(BODY.replace("8月底前", "9月底前")))
    assert twin == 1 and score >= 0.9
    assert index.most_similar(signature("关于做好防汛抗旱工作的通知。各地要加强监测预警，提前转移危险区域群众。"))[0] is None
    assert index.most_similar(signature(BODY), exclude=1)[0] is None


def test_short_texts_are_not_compared():
    assert signature("通知") is None


def test_topic_rules():
    assert classify("关于调整退休人员基本养老金的通知", "") == ("劳动、人事、监察", "社会保障")
    assert classify("关于便利机动车驾驶证办理的通知", "") == ("公安、安全、司法", "公安")
    assert classify("关于印发政务公开主题日活动实施方案的通知", "") == ("综合政务", "政务公开")
    assert classify("某某", "高龄津贴按月发放，养老服务") == ("民政、扶贫、救灾", "社会福利")
    assert classify("某某", "无从判断") == ("综合政务", "其他")
