"""The evaluation report as Markdown tables: printed to the console and written to `report.md`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

METHOD_LABELS = {
    "bm25": "BM25 (keywords)",
    "embedding": "Embedding cosine",
    "rrf": "BM25 + embedding (RRF)",
    "product": "Talent Connect",
}
SPLIT_LABELS = {"tune": "tune (seen while tuning)", "heldout": "held-out (never tuned on)"}


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GitHub-flavoured Markdown table."""
    lines = [
        "| " + " | ".join(headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
        *("| " + " | ".join(_cell(value) for value in row) + " |" for row in rows),
    ]
    return "\n".join(lines)


def ranking_section(split: str, measures: Mapping[str, Any]) -> str:
    """The methods table and the per-profession NDCG@10 of one split."""
    methods = measures["methods"]
    table = markdown_table(
        ["method", "NDCG@10", "MRR", "P@5"],
        [
            [METHOD_LABELS.get(method, method), values["ndcg@10"], values["mrr"], values["p@5"]]
            for method, values in methods.items()
        ],
    )
    per_profession = measures["per_profession_ndcg@10"]
    shown = [method for method in ("product", "bm25") if method in per_profession]
    professions = sorted({profession for method in shown for profession in per_profession[method]})
    by_profession = markdown_table(
        ["profession", *(f"{METHOD_LABELS[method]} NDCG@10" for method in shown)],
        [[profession, *(per_profession[method].get(profession) for method in shown)] for profession in professions],
    )
    title = SPLIT_LABELS.get(split, split)
    return (
        f"### Ranking, {title}: {measures['jobs']} jobs, {measures['resumes']} resumes\n\n"
        f"{table}\n\nNDCG@10 per profession of the job:\n\n{by_profession}"
    )


def parsing_section(split: str, measures: Mapping[str, Mapping[str, Mapping[str, float | int]]]) -> str:
    """Parsing measures of one split per format, per layout and per profession."""
    headers = ["group", "resumes", "failed", "skills P", "skills R", "skills F1", "name", "email", "phone", "months ±3"]
    keys = [
        "resumes",
        "failed",
        "skills_precision",
        "skills_recall",
        "skills_f1",
        "name_accuracy",
        "email_accuracy",
        "phone_accuracy",
        "months_within_3",
    ]
    rows: list[list[object]] = []
    for grouping in ("all", "format", "layout", "profession"):
        for group, values in measures.get(grouping, {}).items():
            rows.append([group if grouping != "all" else "all resumes", *(values[key] for key in keys)])
    return f"### Parsing, {SPLIT_LABELS.get(split, split)}\n\n{markdown_table(headers, rows)}"


def kaggle_section(result: Mapping[str, Any] | None) -> str:
    """The Kaggle sanity check's table, or why it did not run."""
    if result is None:
        return "### Kaggle resumes\n\nSkipped: the Kaggle CSV is not present."
    distinct = result["methods_distinct_texts"]
    table = markdown_table(
        [
            "method",
            "P@10 (own category)",
            "NDCG@10 (own 2, adjacent 1)",
            f"P@10, {result['distinct_resumes']} distinct texts",
            "NDCG@10, distinct texts",
        ],
        [
            [
                METHOD_LABELS.get(method, method),
                values["p@10"],
                values["ndcg@10"],
                distinct[method]["p@10"],
                distinct[method]["ndcg@10"],
            ]
            for method, values in result["methods"].items()
        ],
    )
    per_category = result["per_category_ndcg@10"]
    methods = list(result["methods"])
    by_category = markdown_table(
        ["posting", *(METHOD_LABELS.get(method, method) for method in methods)],
        [[category, *(values.get(method) for method in methods)] for category, values in sorted(per_category.items())],
    )
    return (
        f"### Kaggle resumes: {result['resumes']} real resumes, {result['postings']} postings "
        f"({result['unreadable']} unreadable)\n\n{table}\n\nNDCG@10 per posting (all {result['resumes']} rows):\n\n"
        f"{by_category}"
    )


def render(report: Mapping[str, Any]) -> str:
    """The whole report as Markdown."""
    parts = ["# Talent Connect evaluation"]
    for split, sections in report["splits"].items():
        parts.append(ranking_section(split, sections["ranking"]))
        parts.append(parsing_section(split, sections["parsing"]))
    if "kaggle" in report:
        parts.append(kaggle_section(report["kaggle"]))
    parts.append(f"Run time: {report['seconds']:.0f} s.")
    return "\n\n".join(parts) + "\n"
