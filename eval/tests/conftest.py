"""A tiny labelled set of the shape `eval.dataset.build` writes, and a fake embedder, for the runner's tests."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pytest

from eval.embedding_cache import Vectors

RESUMES = {
    "r-python": (
        "backend_python",
        "Alex Morgan\nalex.morgan@example.com | +1 (555) 010-0199\n\n"
        "Experience\nBackend Developer, Acme Corp, Jan 2019 - Nov 2024\n"
        "- Built REST services in Python and Django on PostgreSQL\n"
        "- Deployed them with Docker\n\nSkills\nPython, Django, PostgreSQL, Docker\n",
        {
            "name": "Alex Morgan",
            "email": "alex.morgan@example.com",
            "phone": "+1 (555) 010-0199",
            "skills": ["Python", "Django", "PostgreSQL", "Docker"],
            "total_months": 71,
        },
    ),
    "r-nurse": (
        "nursing",
        "Sam Rivera\nsam.rivera@example.org | 07700 900123\n\n"
        "Experience\nRegistered Nurse, St Mary's Hospital, Mar 2017 - Nov 2024\n"
        "- Patient care on a surgical ward, medication administration, wound care\n\n"
        "Licences\nRegistered Nurse licence, BLS\n",
        {
            "name": "Sam Rivera",
            "email": "sam.rivera@example.org",
            "phone": "07700 900123",
            "skills": ["Patient Care", "Wound Care", "Medication Administration"],
            "total_months": 93,
        },
    ),
    "r-frontend": (
        "frontend",
        "Jordan Lee\njordan.lee@example.net | +44 20 7946 0958\n\n"
        "Experience\nFrontend Developer, Pixel Ltd, Feb 2021 - Nov 2024\n"
        "- Built user interfaces in React and TypeScript, styled with CSS\n\n"
        "Skills\nReact, TypeScript, CSS, JavaScript\n",
        {
            "name": "Jordan Lee",
            "email": "jordan.lee@example.net",
            "phone": "+44 20 7946 0958",
            "skills": ["React", "TypeScript", "CSS", "JavaScript"],
            "total_months": 46,
        },
    ),
    "r-accountant": (
        "accounting",
        "Casey Brown\ncasey.brown@example.com | +1 (555) 010-0142\n\n"
        "Experience\nStaff Accountant, Ledger & Co, Jun 2018 - Nov 2024\n"
        "- Month-end close, account reconciliations and accounts payable in QuickBooks\n\n"
        "Skills\nQuickBooks, Excel, Accounts Payable\n",
        {
            "name": "Casey Brown",
            "email": "casey.brown@example.com",
            "phone": "+1 (555) 010-0142",
            "skills": ["QuickBooks", "Microsoft Excel", "Accounts Payable"],
            "total_months": 78,
        },
    ),
}
JOBS = [
    {
        "job_id": "j-backend",
        "title": "Backend Python Developer",
        "description": "About the role: build our APIs.\nRequirements:\n- 3+ years of Python\n- Django\n- PostgreSQL\n"
        "Nice to have: Docker",
        "profession": "backend_python",
        "seniority": "mid",
    },
    {
        "job_id": "j-nurse",
        "title": "Registered Nurse",
        "description": "We are hiring a registered nurse for our surgical ward.\nRequirements:\n- Patient care\n"
        "- Medication administration\n- Wound care\n- BLS",
        "profession": "nursing",
        "seniority": "mid",
    },
]
GRADES = {
    "j-backend": {"r-python": 3, "r-frontend": 1, "r-nurse": 0, "r-accountant": 0},
    "j-nurse": {"r-nurse": 3, "r-python": 0, "r-frontend": 0, "r-accountant": 0},
}


def _write_jsonl(path: Path, rows: Sequence[Mapping[str, object]]) -> None:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")


@pytest.fixture
def tiny_set(tmp_path: Path) -> Path:
    """A labelled set with one split (`tune`): two jobs, four plain-text resumes, every pair graded."""
    root = tmp_path / "data"
    split = root / "tune"
    (split / "resumes").mkdir(parents=True)
    rows: list[dict[str, object]] = []
    for resume_id, (profession, text, labels) in RESUMES.items():
        (split / "resumes" / f"{resume_id}.txt").write_text(text, encoding="utf-8")
        rows.append(
            {
                "resume_id": resume_id,
                "file": f"resumes/{resume_id}.txt",
                "format": "txt",
                "layout": "plain",
                "profession": profession,
                "traits": [],
                "labels": labels | {"roles": []},
            }
        )
    _write_jsonl(split / "resumes.jsonl", rows)
    _write_jsonl(split / "jobs.jsonl", JOBS)
    _write_jsonl(
        split / "grades.jsonl",
        [
            {"job_id": job, "resume_id": resume, "grade": grade, "rule": "hand"}
            for job, grades in GRADES.items()
            for resume, grade in grades.items()
        ],
    )
    return root


def fake_embed(texts: Sequence[str]) -> Vectors:
    """Hashed bag of words, unit length: texts sharing words are similar, without loading a model."""
    vectors = np.zeros((len(texts), 64), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in re.findall(r"\w+", text.lower()):
            vectors[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % 64] += 1.0
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit: Vectors = vectors / np.maximum(norms, 1e-9)
    return unit
