"""The ranking measures against cases computed by hand."""

from __future__ import annotations

import math

import pytest

from eval.metrics import mean, ndcg_at, precision_at, reciprocal_rank, rrf_fuse

pytestmark = pytest.mark.unit


def test_ndcg_of_a_hand_computed_ranking() -> None:
    grades = {"a": 3, "b": 0, "c": 2, "d": 1}
    # DCG = 3/log2(2) + 0/log2(3) + 2/log2(4) = 4; ideal = 3 + 2/log2(3) + 1/log2(4).
    ideal = 3 + 2 / math.log2(3) + 0.5
    assert ndcg_at(["a", "b", "c"], grades) == pytest.approx(4 / ideal)
    assert ndcg_at(["a", "b", "c"], grades) == pytest.approx(0.84001, abs=1e-5)


def test_ndcg_is_one_for_the_ideal_order_and_zero_without_relevant_documents() -> None:
    grades = {"a": 1, "b": 3, "c": 2, "z": 0}
    assert ndcg_at(["b", "c", "a", "z"], grades) == pytest.approx(1.0)
    assert ndcg_at(["a", "b"], {"a": 0, "b": 0}) == 0.0


def test_ndcg_counts_only_the_top_k() -> None:
    grades = {f"d{i}": 0 for i in range(12)} | {"hit": 3}
    ranking = [*(f"d{i}" for i in range(10)), "hit"]
    assert ndcg_at(ranking, grades, 10) == 0.0
    # At rank 2 of k=10: (3/log2(3)) / 3.
    assert ndcg_at(["d0", "hit"], grades, 10) == pytest.approx(1 / math.log2(3))


def test_ndcg_ideal_uses_the_whole_graded_pool_not_only_the_ranked_documents() -> None:
    # A ranking that omits a relevant document cannot score 1.
    assert ndcg_at(["a"], {"a": 2, "b": 2}) == pytest.approx(2 / (2 + 2 / math.log2(3)))


def test_reciprocal_rank_looks_for_the_first_grade_three() -> None:
    grades = {"x": 2, "y": 3, "z": 0}
    assert reciprocal_rank(["z", "x", "y"], grades) == pytest.approx(1 / 3)


def test_reciprocal_rank_falls_back_to_grade_two_when_the_job_has_no_three() -> None:
    assert reciprocal_rank(["z", "x"], {"x": 2, "z": 1}) == pytest.approx(0.5)


def test_reciprocal_rank_is_undefined_without_good_resumes_and_zero_when_they_are_not_ranked() -> None:
    assert reciprocal_rank(["a"], {"a": 1}) is None
    assert reciprocal_rank(["a"], {"a": 0, "b": 3}) == 0.0


def test_precision_at_five_counts_grade_two_and_up() -> None:
    grades = {"a": 3, "b": 2, "c": 1, "d": 0, "e": 2, "f": 3}
    assert precision_at(["a", "b", "c", "d", "e", "f"], grades, 5) == pytest.approx(3 / 5)
    # Fewer than k ranked documents still divide by k.
    assert precision_at(["a", "b"], grades, 5) == pytest.approx(2 / 5)


def test_rrf_fuses_by_reciprocal_ranks() -> None:
    # a: 1/61 + 1/62, c: 1/63 + 1/61, b: 1/62 + 1/63.
    assert rrf_fuse([["a", "b", "c"], ["c", "a", "b"]]) == ["a", "c", "b"]


def test_rrf_with_a_document_missing_from_one_ranking() -> None:
    # b: 1/62 + 1/61 beats a: 1/61 alone.
    assert rrf_fuse([["a", "b"], ["b"]]) == ["b", "a"]


def test_rrf_breaks_exact_ties_by_the_first_ranking() -> None:
    assert rrf_fuse([["a", "b"], ["b", "a"]]) == ["a", "b"]
    assert rrf_fuse([["b", "a"], ["a", "b"]]) == ["b", "a"]


def test_mean_skips_undefined_values() -> None:
    assert mean([1.0, None, 0.0]) == 0.5
    assert mean([None]) is None
