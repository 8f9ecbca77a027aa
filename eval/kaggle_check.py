"""A sanity check on real resumes: the Kaggle set's 962 resumes in 25 categories, one posting per category.

Relevance is the category: the posting's own category is grade 2, an adjacent one grade 1. It is
coarse (a Java resume is "relevant" however junior), so it is a signal beside the graded set, not a
replacement for it. The file is read from the shared data folder, never by product code.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from eval import product
from eval.embedding_cache import EmbedTexts
from eval.kaggle_jobs import POSTINGS, grade
from eval.methods import METHODS, JobPosting, rank_everything
from eval.metrics import mean, ndcg_at, precision_at

DEFAULT_CSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "resume-categories" / "UpdatedResumeDataSet.csv"


def load_rows(path: Path) -> list[tuple[str, str, str]]:
    """(resume id, category, text) per row of the CSV."""
    # Some resumes are longer than csv's default field limit of 128 KiB.
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            (f"kaggle-{number:04d}", row["Category"], row["Resume"])
            for number, row in enumerate(csv.DictReader(handle))
        ]


def read_all(rows: list[tuple[str, str, str]]) -> dict[str, product.ProductResume]:
    """Every row through ingest as a plain-text upload (the set repeats texts: each is parsed once)."""
    by_text: dict[str, product.ProductResume] = {}
    resumes: dict[str, product.ProductResume] = {}
    for resume_id, _, text in rows:
        read = by_text.get(text)
        if read is None:
            read = by_text[text] = product.read_resume(text.encode("utf-8"), resume_id=resume_id)
        resumes[resume_id] = read
    return resumes


def _measures(
    rankings: Mapping[str, Sequence[str]], categories: Mapping[str, str], jobs: Sequence[JobPosting]
) -> tuple[dict[str, float | None], dict[str, float]]:
    """Mean P@10 and NDCG@10 over the postings, and NDCG@10 per posting, over the resumes in `categories`."""
    p10: list[float] = []
    ndcg: list[float] = []
    per_job: dict[str, float] = {}
    for job in jobs:
        grades = {rid: grade(job.job_id, category) for rid, category in categories.items()}
        ranking = [rid for rid in rankings[job.job_id] if rid in categories]
        p10.append(precision_at(ranking, grades, 10, relevant_from=2))
        ndcg.append(ndcg_at(ranking, grades, 10))
        per_job[job.job_id] = ndcg[-1]
    return {"p@10": mean(p10), "ndcg@10": mean(ndcg)}, per_job


def kaggle_check(path: Path, embed: EmbedTexts) -> dict[str, Any] | None:
    """P@10 (own category) and NDCG@10 (own 2, adjacent 1) per method, averaged over the 25 postings; None without the file.

    The set repeats most texts (962 rows, far fewer distinct resumes), so one resume can fill a top
    ten with its copies: the measures are also given over the first copy of each text only.
    """
    if not path.is_file():
        return None
    rows = load_rows(path)
    categories = {resume_id: category for resume_id, category, _ in rows}
    first_copies: dict[str, str] = {}
    for resume_id, _, text in rows:
        first_copies.setdefault(text, resume_id)
    distinct = {resume_id: categories[resume_id] for resume_id in first_copies.values()}
    resumes = read_all(rows)
    jobs = [
        JobPosting(job_id=posting.category, title=posting.title, description=posting.description)
        for posting in POSTINGS
    ]
    rankings = rank_everything(jobs, resumes, embed)
    methods: dict[str, dict[str, float | None]] = {}
    methods_distinct: dict[str, dict[str, float | None]] = {}
    per_category: dict[str, dict[str, float]] = {}
    for method in METHODS:
        methods[method], per_job = _measures(rankings[method], categories, jobs)
        methods_distinct[method], _ = _measures(rankings[method], distinct, jobs)
        for job_id, value in per_job.items():
            per_category.setdefault(job_id, {})[method] = value
    failed = sum(1 for read in resumes.values() if read.payload is None)
    return {
        "resumes": len(rows),
        "distinct_resumes": len(distinct),
        "postings": len(jobs),
        "unreadable": failed,
        "methods": methods,
        "methods_distinct_texts": methods_distinct,
        "per_category_ndcg@10": per_category,
    }
