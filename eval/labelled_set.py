"""Reading the labelled set that `eval.dataset.build` writes: jobs, resumes with labels, graded pairs."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SPLITS = ("tune", "heldout")
# Beside the data: the fingerprint of the generator that wrote it.
_STAMP = ".generator"


@dataclass(frozen=True)
class LabelledJob:
    """One posting of the set."""

    job_id: str
    title: str
    description: str
    profession: str
    seniority: str | None = None


@dataclass(frozen=True)
class ResumeLabels:
    """What a resume truly says, written down when it was generated."""

    name: str | None
    email: str | None
    phone: str | None
    skills: tuple[str, ...]
    total_months: int | None


@dataclass(frozen=True)
class LabelledResume:
    """One resume file of the set, its rendering and its labels."""

    resume_id: str
    path: Path
    format: str
    layout: str
    profession: str
    labels: ResumeLabels
    traits: tuple[str, ...] = ()


@dataclass(frozen=True)
class Split:
    """One half of the set: every resume is graded against every job."""

    name: str
    jobs: list[LabelledJob]
    resumes: list[LabelledResume]
    # job_id -> resume_id -> grade 0-3
    grades: dict[str, dict[str, int]] = field(default_factory=dict)


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def _labels(raw: dict[str, Any]) -> ResumeLabels:
    months = raw.get("total_months")
    return ResumeLabels(
        name=raw.get("name"),
        email=raw.get("email"),
        phone=raw.get("phone"),
        skills=tuple(raw.get("skills") or ()),
        total_months=int(months) if months is not None else None,
    )


def load_split(root: Path, name: str) -> Split:
    """Read one split (`<root>/<name>/{jobs,resumes,grades}.jsonl`)."""
    base = root / name
    jobs = [
        LabelledJob(
            job_id=str(row["job_id"]),
            title=row["title"],
            description=row["description"],
            profession=row.get("profession") or "unknown",
            seniority=row.get("seniority"),
        )
        for row in _lines(base / "jobs.jsonl")
    ]
    resumes = [
        LabelledResume(
            resume_id=str(row["resume_id"]),
            path=base / row["file"],
            format=row.get("format") or Path(row["file"]).suffix.lstrip("."),
            layout=row.get("layout") or "plain",
            profession=row.get("profession") or "unknown",
            labels=_labels(row.get("labels") or {}),
            traits=tuple(row.get("traits") or ()),
        )
        for row in _lines(base / "resumes.jsonl")
    ]
    grades: dict[str, dict[str, int]] = {job.job_id: {} for job in jobs}
    for row in _lines(base / "grades.jsonl"):
        grades.setdefault(str(row["job_id"]), {})[str(row["resume_id"])] = int(row["grade"])
    return Split(name=name, jobs=jobs, resumes=resumes, grades=grades)


def is_built(root: Path, splits: tuple[str, ...] = SPLITS) -> bool:
    """Whether every split's files are present."""
    files = ("jobs.jsonl", "resumes.jsonl", "grades.jsonl")
    return all((root / split / name).is_file() for split in splits for name in files)


def generator_fingerprint() -> str:
    """A hash of the generator's code: a set written by other code is stale."""
    package = Path(__file__).resolve().parent / "dataset"
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        if "tests" not in path.relative_to(package).parts:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_built(root: Path) -> None:
    """Generate the set with `eval.dataset.build` unless the current generator already wrote it there."""
    stamp = root / _STAMP
    fingerprint = generator_fingerprint()
    if is_built(root) and stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == fingerprint:
        return
    # A child process: the builder is another package's command-line tool, run as its users run it.
    subprocess.run([sys.executable, "-m", "eval.dataset.build", "--out", str(root)], check=True)
    stamp.write_text(fingerprint + "\n", encoding="utf-8")
