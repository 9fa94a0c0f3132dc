"""Ranking metrics of the judged evaluation set (bench/search_quality.py).

A ranking is the list of document keys a search returned, best first; judgements map a key to its
grade (0, 1 or 2; unjudged keys count as 0). "Relevant" for Recall and MRR means grade 2 — what the
citizen wants — while nDCG also gives grade 1 (on topic, wrong place/year or no longer valid) a
little credit.
"""
from __future__ import annotations

import math

WANTED = 2


def gain(grade: int) -> float:
    return float(2 ** grade - 1)


def dcg(grades: list[int]) -> float:
    return sum(gain(g) / math.log2(rank + 2) for rank, g in enumerate(grades))


def ndcg_at(ranking: list[str], judgements: dict[str, int], k: int = 10) -> float:
    """nDCG@k with exponential gains; the ideal ordering is that of every judged document."""
    ideal = dcg(sorted(judgements.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([judgements.get(key, 0) for key in ranking[:k]]) / ideal


def recall_at(ranking: list[str], judgements: dict[str, int], k: int = 10) -> float:
    """Share of the wanted documents in the top k, out of as many as fit in k (a query with 30 wanted
    documents scores 1.0 when its top 10 are all wanted)."""
    wanted = sum(1 for g in judgements.values() if g >= WANTED)
    if wanted == 0:
        return 0.0
    found = sum(1 for key in ranking[:k] if judgements.get(key, 0) >= WANTED)
    return found / min(wanted, k)


def reciprocal_rank(ranking: list[str], judgements: dict[str, int]) -> float:
    for rank, key in enumerate(ranking, start=1):
        if judgements.get(key, 0) >= WANTED:
            return 1.0 / rank
    return 0.0
