"""Each kind of query a citizen types finds the document meant (top 3), on the fixture corpus."""
import pytest

from portal.search import service

pytestmark = pytest.mark.both_engines


def top(query, n=3, **kwargs):
    return [item.obj for item in service.search(query, **kwargs).items[:n]]


@pytest.mark.parametrize("query, key", [
    ("养老金", "pension"),                  # 基本养老金 in the document
    ("驾照", "driving"),                    # 机动车驾驶证
    ("公租房", "public_rental"),            # 公共租赁住房
    ("身份证", "id_card"),                  # 居民身份证
    ("失业金", "unemployment"),             # 失业保险金
    ("城乡居民医保", "medical_valid"),       # 城乡居民基本医疗保险
])
def test_synonym_finds_the_official_wording(corpus, query, key):
    assert corpus[key] in top(query)


def test_synonym_scores_below_the_literal_word(corpus, db):
    from tests.factories import PolicyFactory

    literal = PolicyFactory(title="驾照考试预约服务指南", body="<p>考生可在网上预约考试。</p>", keywords="")
    from portal.search.engines import rebuild

    rebuild()
    found = top("驾照", n=5)
    assert found.index(literal) < found.index(corpus["driving"])


def test_full_pinyin(corpus):
    results = service.search("yanglaojin diaozheng")
    assert corpus["pension"] in [i.obj for i in results.items[:3]]
    assert results.suggestion == "养老金 调整"


def test_pinyin_without_spaces(corpus):
    assert corpus["pension"] in top("yanglaojindiaozheng")


def test_initials(corpus):
    assert corpus["pension"] in top("ylj")
    assert corpus["provident"] in top("gjj")


def test_homophone_typo_is_corrected_with_a_suggestion(corpus):
    results = service.search("养老金调正")
    assert results.suggestion == "养老金调整"
    assert results.corrected
    assert corpus["pension"] in [i.obj for i in results.items[:3]]


def test_correct_spelling_gets_no_suggestion(corpus):
    results = service.search("养老金调整")
    assert results.suggestion == ""
    assert results.items[0].obj == corpus["pension"]


def test_question_drops_question_words(corpus):
    assert corpus["unemployment"] in top("失业了能领多少钱")
    assert corpus["public_rental"] in top("公租房怎么申请？")
    assert corpus["pension"] in top("退休了养老金每月能领多少")


@pytest.mark.parametrize("variant", [
    "湘政发〔2023〕1号", "湘政发[2023]1号", "湘政发(2023)1号", "湘政发（2023）1号", "湘政发2023年1号",
    "湘政发〔2023〕1", "湘政发〔2023〕第1号", "湘政发［２０２３］１号", " 湘政发 〔2023〕 1号 ",
])
def test_doc_number_variants_rank_the_document_first(corpus, variant):
    results = service.search(variant)
    assert results.items[0].obj == corpus["business"]
    assert results.items[0].exact
    # The document that cites it is found too, after it.
    assert corpus["citation"] in [i.obj for i in results.items[1:]]


def test_unknown_doc_number_falls_back_to_its_words(corpus):
    results = service.search("湘政发〔2099〕7号")
    assert all(not item.exact for item in results.items)


def test_traditional_characters(corpus):
    assert corpus["pension"] in top("養老金調整")
    assert corpus["driving"] in top("機動車駕駛證")


def test_full_width_input(corpus):
    assert corpus["tax"] in top("ＥＴＣ 小微企业") or corpus["tax"] in top("小微企业")
    assert corpus["pension"] in top("２０２４年　养老金")


def test_phrase_query_needs_the_words_together(corpus):
    found = top('"营商环境"', n=10)
    assert corpus["business"] in found and corpus["citation"] in found
    # 营商条件 … 环境保护: both words, but not together.
    assert corpus["business_scattered"] not in found


def test_phrase_across_words(corpus):
    found = top('"激发市场主体活力"', n=10)
    assert found == [corpus["business"]]


def test_valid_ranks_above_repealed_for_the_same_words(corpus):
    found = top("城乡居民基本医疗保险实施办法", n=2)
    assert found == [corpus["medical_valid"], corpus["medical_repealed"]]


def test_title_match_ranks_above_body_match(corpus, db):
    from portal.search.engines import rebuild
    from tests.factories import PolicyFactory

    body_only = PolicyFactory(title="关于做好年度统计工作的通知",
                              body="<p>" + "统计工作要求。" * 5 + "做好高龄津贴发放情况统计。</p>", keywords="统计")
    rebuild()
    found = top("高龄津贴", n=2)
    assert found == [corpus["elderly"], body_only]


def test_sort_by_time(corpus):
    results = service.search("通知", sort="time")
    dates = [i.obj.issued_date for i in results.items]
    assert dates == sorted(dates, reverse=True) and len(dates) > 2


def test_expanded_query_facets_count_synonym_matches(corpus):
    from policies.selectors import PolicyFilters

    results = service.search_policies("医保", filters=PolicyFilters())
    validity = {f["value"]: f["count"] for f in results.facets["validity"]}
    assert validity == {"valid": 1, "repealed": 1}
    assert results.count == 2


def test_facet_filter_narrows_ranked_results(corpus):
    from policies.selectors import PolicyFilters

    results = service.search_policies("医保", filters=PolicyFilters(validity="valid"))
    assert [i.obj for i in results.items] == [corpus["medical_valid"]]
    assert results.count == 1
    assert {f["value"] for f in results.facets["validity"]} == {"valid"}


def test_pinyin_typed_a_syllable_at_a_time_reads_as_typed_joined(corpus):
    assert corpus["pension"] in top("yang lao jin") and top("yang lao jin") == top("yanglaojin")


def test_only_runs_of_pinyin_syllables_are_joined():
    from portal.search.understand import join_syllables

    assert join_syllables(["kuo", "da", "nei", "xu"]) == ["kuodaneixu"]
    assert join_syllables(["yanglaojin", "diaozheng"]) == ["yanglaojin", "diaozheng"]  # words already
    assert join_syllables(["养老", "jin"]) == ["养老", "jin"]  # a lone syllable stays
    assert join_syllables(["the", "gong", "zi", "养老"]) == ["the", "gongzi", "养老"]
