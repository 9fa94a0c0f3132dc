"""The metric functions of the judged evaluation set (bench/eval/metrics.py) on hand-made rankings."""
import math

import pytest

from bench.eval.metrics import ndcg_at, recall_at, reciprocal_rank

JUDGED = {"a": 2, "b": 2, "c": 1}


def test_ideal_ranking_scores_one():
    assert ndcg_at(["a", "b", "c", "x"], JUDGED) == pytest.approx(1.0)
    assert recall_at(["a", "b", "c"], JUDGED) == 1.0
    assert reciprocal_rank(["a", "b"], JUDGED) == 1.0


def test_ndcg_of_a_worse_order():
    # gains 2^g - 1: ranking x, c, a → 0, 1/log2(3), 3/log2(4); ideal a, b, c → 3 + 3/log2(3) + 1/log2(4)
    expected = (1 / math.log2(3) + 3 / 2) / (3 + 3 / math.log2(3) + 1 / 2)
    assert ndcg_at(["x", "c", "a"], JUDGED) == pytest.approx(expected)


def test_only_the_top_k_count():
    ranking = [f"x{i}" for i in range(10)] + ["a", "b"]
    assert ndcg_at(ranking, JUDGED) == 0.0
    assert recall_at(ranking, JUDGED) == 0.0
    assert reciprocal_rank(ranking, JUDGED) == pytest.approx(1 / 11)


def test_recall_counts_wanted_documents_only_and_caps_at_k():
    assert recall_at(["c", "a"], JUDGED) == 0.5
    many = {f"d{i}": 2 for i in range(30)}
    assert recall_at([f"d{i}" for i in range(10)], many) == 1.0
    assert recall_at([f"d{i}" for i in range(5)], many) == 0.5


def test_mrr_ignores_partial_matches():
    assert reciprocal_rank(["c", "x", "b"], JUDGED) == pytest.approx(1 / 3)
    assert reciprocal_rank([], JUDGED) == 0.0


def test_no_wanted_document_scores_zero():
    assert ndcg_at(["a"], {}) == 0.0
    assert recall_at(["a"], {"a": 1}) == 0.0


def test_the_judging_rule_grades_by_document_fields():
    from bench.eval.build import grade
    from bench.eval.corpus import Doc

    def doc(**fields):
        base = dict(key="k", title="湖南省公共租赁住房管理办法", summary="", text="", issuer="湖南省住房和城乡建设厅",
                    year=2023, topic="", subtopic="", valid=True, doc_number="湘建房〔2023〕45号")
        return Doc(**{**base, **fields})

    need = {"words": ["公共租赁住房"], "place": "湖南省", "year": 2023}
    assert grade(doc(), need) == 2
    assert grade(doc(valid=False), need) == 1  # on topic, no longer valid
    assert grade(doc(year=2019), need) == 1  # on topic, another year
    assert grade(doc(issuer="长沙市人民政府办公厅"), need) == 1  # on topic, another place
    assert grade(doc(title="湖南省住房公积金提取管理办法"), need) == 0
    assert grade(doc(valid=False), {"doc_number": "湘建房[2023]45号"}) == 2  # that document, whatever its validity
    assert grade(doc(), {"issuer": "湖南省民政厅"}) == 0
