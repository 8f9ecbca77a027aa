"""Ranking measures over graded relevance, and reciprocal-rank fusion.

Grades are the labelled set's 0-3 (or the Kaggle check's 0-2). A ranking is a list of document ids,
best first; `grades` maps an id to its grade, and an id missing from it counts as grade 0.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

# The rank constant of reciprocal-rank fusion (Cormack et al. 2009): large enough that one method's
# top document does not drown the other method's opinion.
RRF_K = 60


def dcg(gains: Sequence[float]) -> float:
    """Discounted cumulative gain with linear gains (trec_eval's and scikit-learn's convention)."""
    return sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1))


def ndcg_at(ranking: Sequence[str], grades: Mapping[str, int], k: int = 10) -> float:
    """NDCG@k: the ranking's DCG over the best possible DCG of the same graded pool (0 when nothing is relevant)."""
    ideal = dcg(sorted((float(grade) for grade in grades.values() if grade > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([float(grades.get(doc, 0)) for doc in ranking[:k]]) / ideal


def reciprocal_rank(ranking: Sequence[str], grades: Mapping[str, int]) -> float | None:
    """1/rank of the first grade-3 document, or of the first grade >= 2 when the job has no 3; None if neither exists."""
    best = max(grades.values(), default=0)
    if best < 2:
        return None
    wanted = 3 if best >= 3 else 2
    for rank, doc in enumerate(ranking, start=1):
        if grades.get(doc, 0) >= wanted:
            return 1.0 / rank
    return 0.0


def precision_at(ranking: Sequence[str], grades: Mapping[str, int], k: int = 5, *, relevant_from: int = 2) -> float:
    """Share of the top k with a grade of at least `relevant_from` (a short ranking still divides by k)."""
    return sum(1 for doc in ranking[:k] if grades.get(doc, 0) >= relevant_from) / k


def rrf_fuse(rankings: Iterable[Sequence[str]], *, k: int = RRF_K) -> list[str]:
    """Reciprocal-rank fusion: each document scores sum(1 / (k + rank)) over the rankings, ranks from 1."""
    scores: dict[str, float] = {}
    first_seen: dict[str, int] = {}
    for ranking in rankings:
        for rank, doc in enumerate(ranking, start=1):
            scores[doc] = scores.get(doc, 0.0) + 1.0 / (k + rank)
            first_seen.setdefault(doc, len(first_seen))
    # Ties (a document first in one ranking and second in the other, and vice versa) keep the first ranking's order.
    return sorted(scores, key=lambda doc: (-scores[doc], first_seen[doc]))


def mean(values: Iterable[float | None]) -> float | None:
    """The mean of the values that are not None; None when there are none."""
    kept = [value for value in values if value is not None]
    return sum(kept) / len(kept) if kept else None
