"""Extracted keywords are whole terms (政策文件 关键词, the page tags' Keywords): never 保障局, 各市, 日起."""
import re

import jieba
import pytest

from portal.search.segment import current_terms, extract_keywords

# A 通知 as departments write them: issuers' full names, 各市州, dates with 起, 经省人民政府同意.
NOTICE = """湖南省人力资源和社会保障厅 湖南省财政厅关于2024年调整退休人员基本养老金的通知
各市州人力资源和社会保障局、财政局，省直有关单位：
根据国家统一部署，经省人民政府同意，自2024年1月1日起调整退休人员基本养老金。各市要按时足额发放到位，
所需资金从企业职工基本养老保险基金中列支。市场监督管理局、住房和城乡建设厅按职责做好配合。
退休人员可通过社会保障卡查询调整结果。本通知自发布之日起施行，由省人力资源和社会保障厅负责解释。"""
# The longer terms of the text that the fragments are cut out of.
LONGER_TERMS = ("人力资源和社会保障局", "人力资源和社会保障厅", "各市州", "各市", "市场监督管理局", "住房和城乡建设厅",
                "经省人民政府", "1月1日起", "之日起", "湖南省财政厅")
FRAGMENTS = {"保障局", "保障厅", "各市", "日起", "经省", "之日起", "管理局", "建设厅", "财政厅", "财政局", "本通知"}
FUNCTION_WORDS = {"根据", "有关", "通过", "按照", "做好", "要求", "通知", "负责", "施行", "各地", "所需"}


@pytest.fixture(scope="module")
def stock_dictionary():
    jieba.dt.initialize()
    return {word for word, freq in jieba.dt.FREQ.items() if freq}


def outside_longer_terms(word: str, text: str) -> bool:
    """Whether the word occurs somewhere in the text other than inside one of LONGER_TERMS."""
    covered = set()
    for term in LONGER_TERMS:
        for match in re.finditer(re.escape(term), text):
            covered.update(range(match.start(), match.end()))
    return any(not set(range(m.start(), m.end())) <= covered for m in re.finditer(re.escape(word), text))


def test_keywords_are_whole_dictionary_terms(stock_dictionary):
    keywords = extract_keywords(NOTICE, top=10)
    assert "基本养老金" in keywords and "退休" in keywords
    vocabulary = current_terms()
    for word in keywords:
        assert len(word) > 1, word
        assert word in stock_dictionary or word in vocabulary, f"{word} is not a dictionary word"
        assert word not in FRAGMENTS and word not in FUNCTION_WORDS, word
        assert outside_longer_terms(word, NOTICE), f"{word} only occurs inside a longer term"


def test_imported_documents_get_whole_term_keywords(tmp_path, db):
    from django.core.management import call_command

    from policies.models import PolicyDocument
    from tests.policies.importing_helpers import record, write_jsonl

    title, _, body = NOTICE.partition("\n")
    path = write_jsonl(tmp_path / "a.jsonl", [record(title=title[title.index("关于"):], body=body)])
    call_command("import_policies", path, "--no-progress", "--no-index")
    keywords = PolicyDocument.objects.get().keyword_list
    assert keywords and "基本养老金" in keywords
    assert not FRAGMENTS & set(keywords), keywords
