"""`python -m eval.run`: the product against three baselines on the labelled set, parsing measures, and the Kaggle check.

For each split it reads every resume through ingest's pipeline, ranks ALL resumes of the split for
every job with each method, prints Markdown tables and writes `report.json` and `report.md`.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from eval import product
from eval.embedding_cache import EmbedTexts, product_embedder
from eval.kaggle_check import DEFAULT_CSV, kaggle_check
from eval.labelled_set import SPLITS, ensure_built, load_split
from eval.methods import JobPosting, rank_everything
from eval.parsing_quality import parsing_measures
from eval.ranking_quality import ranking_measures
from eval.report import kaggle_section, parsing_section, ranking_section, render


def evaluate_split(root: Path, name: str, embed: EmbedTexts) -> dict[str, Any]:
    """Ranking and parsing measures of one split."""
    split = load_split(root, name)
    resumes = {
        resume.resume_id: product.read_resume(resume.path.read_bytes(), resume_id=resume.resume_id)
        for resume in split.resumes
    }
    jobs = [JobPosting(job_id=job.job_id, title=job.title, description=job.description) for job in split.jobs]
    rankings = rank_everything(jobs, resumes, embed)
    return {
        "ranking": ranking_measures(rankings, split),
        "parsing": parsing_measures((resume, resumes[resume.resume_id]) for resume in split.resumes),
    }


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m eval.run", description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("var/eval/data"), help="the labelled set (built if missing)")
    parser.add_argument("--split", choices=[*SPLITS, "both"], default="both")
    parser.add_argument("--out", type=Path, default=Path("var/eval"), help="where report.json and report.md go")
    parser.add_argument("--cache", type=Path, default=Path("var/eval/cache"), help="embedding cache folder")
    parser.add_argument("--no-cache", action="store_true", help="embed everything afresh, in memory only")
    parser.add_argument("--kaggle", type=Path, default=DEFAULT_CSV, help="the Kaggle resume CSV")
    parser.add_argument("--skip-kaggle", action="store_true")
    return parser.parse_args()


def main() -> None:
    """Run the evaluation the arguments ask for, print it and write the reports."""
    args = _arguments()
    started = time.monotonic()
    ensure_built(args.data)
    embed = product_embedder(None if args.no_cache else args.cache)
    splits = list(SPLITS) if args.split == "both" else [args.split]
    report: dict[str, Any] = {"data": str(args.data), "splits": {}}
    for name in splits:
        report["splits"][name] = evaluate_split(args.data, name, embed)
        print(ranking_section(name, report["splits"][name]["ranking"]), end="\n\n")
        print(parsing_section(name, report["splits"][name]["parsing"]), end="\n\n", flush=True)
    if not args.skip_kaggle:
        report["kaggle"] = kaggle_check(args.kaggle, embed)
        if report["kaggle"] is None:
            print(f"Kaggle check skipped: {args.kaggle} is not present.")
        print(kaggle_section(report["kaggle"]), end="\n\n")
    report["seconds"] = time.monotonic() - started
    report["embedded_texts"] = embed.computed
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (args.out / "report.md").write_text(render(report), encoding="utf-8")
    print(
        f"Run time {report['seconds']:.0f} s ({embed.computed} texts embedded); wrote {args.out}/report.json and report.md"
    )


if __name__ == "__main__":
    main()
