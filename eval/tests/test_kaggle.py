"""The Kaggle sanity check on a tiny CSV of the same shape, with a fake embedder."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from eval.kaggle_check import kaggle_check
from eval.kaggle_jobs import ADJACENT, POSTINGS, grade
from eval.tests.conftest import fake_embed

pytestmark = pytest.mark.unit


def test_every_category_has_one_posting_and_adjacency_names_only_categories() -> None:
    categories = [posting.category for posting in POSTINGS]
    assert len(categories) == len(set(categories)) == 25
    assert {category for pair in ADJACENT for category in pair} <= set(categories)


def test_grades_are_symmetric_for_adjacent_categories() -> None:
    assert grade("Testing", "Testing") == 2
    assert grade("Testing", "Automation Testing") == grade("Automation Testing", "Testing") == 1
    assert grade("Advocate", "Java Developer") == 0


def test_the_check_skips_a_missing_file(tmp_path: Path) -> None:
    assert kaggle_check(tmp_path / "absent.csv", fake_embed) is None


def test_the_check_ranks_every_row_and_counts_repeated_texts_once(tmp_path: Path) -> None:
    nurse = "Skills: patient care, wound care.\nExperience: staff nurse at a city hospital 2015 - 2020."
    path = tmp_path / "resumes.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Category", "Resume"])
        writer.writerow(["Advocate", "LLB, enrolled with the Bar Council. Drafted petitions and argued civil cases."])
        writer.writerow(["Health and fitness", nurse])
        writer.writerow(["Health and fitness", nurse])
        writer.writerow(["Java Developer", "Java, Spring Boot, Hibernate, MySQL. Built REST APIs in Java 2016 - 2021."])
    result = kaggle_check(path, fake_embed)
    assert result is not None
    assert (result["resumes"], result["distinct_resumes"], result["unreadable"]) == (4, 3, 0)
    assert set(result["methods"]) == {"bm25", "embedding", "rrf", "product"}
    bm25 = result["per_category_ndcg@10"]
    # Keywords alone find the advocate for the advocate posting and the Java developer for Java.
    assert bm25["Advocate"]["bm25"] == pytest.approx(1.0)
    assert bm25["Java Developer"]["bm25"] == pytest.approx(1.0)
    # Four rows all fit in a top ten: P@10 is the rows of the posting's own category over 10, averaged over
    # the 25 postings; the nurse's two copies count twice over all rows and once over distinct texts.
    for method in result["methods"]:
        assert result["methods"][method]["p@10"] == pytest.approx((1 + 2 + 1) / 10 / 25)
        assert result["methods_distinct_texts"][method]["p@10"] == pytest.approx((1 + 1 + 1) / 10 / 25)
