"""The runner on a tiny hand-made set, with a fake embedder: loading, ranking every method, measuring."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from eval import labelled_set
from eval.embedding_cache import CachedEmbedder, Vectors
from eval.labelled_set import is_built, load_split
from eval.methods import METHODS, JobPosting, bm25_rankings, rank_by_score, tokenise
from eval.run import evaluate_split
from eval.tests.conftest import fake_embed

pytestmark = pytest.mark.unit


def test_the_split_loads_with_every_pair_graded(tiny_set: Path) -> None:
    split = load_split(tiny_set, "tune")
    assert [job.job_id for job in split.jobs] == ["j-backend", "j-nurse"]
    assert {resume.resume_id for resume in split.resumes} == {"r-python", "r-nurse", "r-frontend", "r-accountant"}
    assert split.grades["j-backend"]["r-python"] == 3
    assert split.resumes[0].labels.total_months == 71
    assert split.resumes[0].path.is_file()
    assert not is_built(tiny_set)  # the held-out half is missing


def test_the_set_is_rebuilt_when_the_generator_changes(tiny_set: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[list[str]] = []
    monkeypatch.setattr(subprocess, "run", lambda command, check: runs.append(command))
    for split in labelled_set.SPLITS:
        (tiny_set / split).mkdir(exist_ok=True)
        for name in ("jobs.jsonl", "resumes.jsonl", "grades.jsonl"):
            (tiny_set / split / name).touch()
    labelled_set.ensure_built(tiny_set)
    assert len(runs) == 1  # no stamp yet: built
    labelled_set.ensure_built(tiny_set)
    assert len(runs) == 1  # same generator: kept
    monkeypatch.setattr(labelled_set, "generator_fingerprint", lambda: "other code")
    labelled_set.ensure_built(tiny_set)
    assert len(runs) == 2


def test_tokenise_lower_cases_words() -> None:
    assert tokenise("Python/Django, PostgreSQL 15!") == ["python", "django", "postgresql", "15"]


def test_rank_by_score_puts_unscored_resumes_last() -> None:
    assert rank_by_score({"b": 0.2, "a": 0.9}, ["c", "b", "a"]) == ["a", "b", "c"]


def test_bm25_ranks_the_resume_with_the_posting_words_first() -> None:
    jobs = [JobPosting("j", "Nurse", "patient care on a surgical ward")]
    texts = {
        "w": "accounts payable reconciliations",
        "x": "python django services",
        "y": "nurse giving patient care on a ward",
        "v": "forklift driver in a warehouse",
        "z": "",
    }
    ranking = bm25_rankings(jobs, texts)["j"]
    assert ranking[0] == "y"
    assert ranking[-1] == "z"  # no text: ranked last


def test_every_method_ranks_the_right_resume_first_on_the_tiny_set(tiny_set: Path) -> None:
    result = evaluate_split(tiny_set, "tune", fake_embed)
    ranking = result["ranking"]
    assert set(ranking["methods"]) == set(METHODS)
    for method in ("bm25", "product"):
        # One job per profession: the right resume first gives MRR 1 for both jobs.
        assert ranking["methods"][method]["mrr"] == pytest.approx(1.0), method
    assert set(ranking["per_profession_ndcg@10"]["product"]) == {"backend_python", "nursing"}


def test_parsing_measures_of_the_tiny_set(tiny_set: Path) -> None:
    parsing = evaluate_split(tiny_set, "tune", fake_embed)["parsing"]
    overall = parsing["all"]["all"]
    assert overall["resumes"] == 4
    assert overall["failed"] == 0
    assert overall["email_accuracy"] == 1.0
    assert overall["name_accuracy"] == 1.0
    assert overall["phone_accuracy"] == 1.0
    assert overall["months_within_3"] == 1.0
    assert 0.5 < overall["skills_recall"] <= 1.0
    assert set(parsing["format"]) == {"txt"}
    assert set(parsing["profession"]) == {"backend_python", "nursing", "frontend", "accounting"}


def test_the_embedding_cache_computes_each_text_once(tmp_path: Path) -> None:
    calls: list[int] = []

    def counting(texts: Sequence[str]) -> Vectors:
        calls.append(len(texts))
        return fake_embed(texts)

    path = tmp_path / "cache.npz"
    first = CachedEmbedder(counting, path)
    vectors = first(["a b", "c d", "a b"])
    assert calls == [2]
    again = CachedEmbedder(counting, path)(["c d", "a b"])
    assert calls == [2]
    np.testing.assert_array_equal(again, vectors[[1, 0]])
