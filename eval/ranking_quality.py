"""Ranking measures of every method over one split of the labelled set, overall and per profession."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from eval.labelled_set import Split
from eval.methods import Rankings
from eval.metrics import mean, ndcg_at, precision_at, reciprocal_rank


def ranking_measures(rankings: Mapping[str, Rankings], split: Split) -> dict[str, Any]:
    """Per method: NDCG@10, MRR and P@5 averaged over the split's jobs, and NDCG@10 per job profession."""
    methods: dict[str, dict[str, float | None]] = {}
    per_profession: dict[str, dict[str, float | None]] = {}
    for method, by_job in rankings.items():
        ndcg: list[float] = []
        rr: list[float | None] = []
        p5: list[float] = []
        by_profession: dict[str, list[float]] = {}
        for job in split.jobs:
            grades = split.grades.get(job.job_id, {})
            ranking = by_job[job.job_id]
            ndcg.append(ndcg_at(ranking, grades, 10))
            rr.append(reciprocal_rank(ranking, grades))
            p5.append(precision_at(ranking, grades, 5, relevant_from=2))
            by_profession.setdefault(job.profession, []).append(ndcg[-1])
        methods[method] = {"ndcg@10": mean(ndcg), "mrr": mean(rr), "p@5": mean(p5)}
        per_profession[method] = {profession: mean(values) for profession, values in sorted(by_profession.items())}
    return {
        "jobs": len(split.jobs),
        "resumes": len(split.resumes),
        "methods": methods,
        "per_profession_ndcg@10": per_profession,
    }
