"""The built set: sizes, coverage, grade spread, labels, reproducibility and readable PDFs."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from contracts.skills import default_taxonomy
from eval.dataset.build import build, build_split
from eval.dataset.fields import PROFESSIONS
from eval.dataset.people import SPLITS

pytestmark = pytest.mark.unit


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("eval-data")
    build(out)
    return out


def test_the_set_has_at_least_forty_jobs_and_four_hundred_resumes(built: Path) -> None:
    jobs = sum(len(_rows(built / split / "jobs.jsonl")) for split in SPLITS)
    resumes = sum(len(_rows(built / split / "resumes.jsonl")) for split in SPLITS)
    assert jobs >= 40
    assert resumes >= 400


@pytest.mark.parametrize("split", SPLITS)
def test_every_profession_has_postings_and_resumes_in_each_split(built: Path, split: str) -> None:
    jobs = _rows(built / split / "jobs.jsonl")
    resumes = _rows(built / split / "resumes.jsonl")
    assert {job["profession"] for job in jobs} == set(PROFESSIONS)
    assert {resume["profession"] for resume in resumes} == set(PROFESSIONS)
    assert len(PROFESSIONS) >= 10


@pytest.mark.parametrize("split", SPLITS)
def test_every_pair_is_graded_and_each_job_has_a_graded_spread(built: Path, split: str) -> None:
    jobs = _rows(built / split / "jobs.jsonl")
    resumes = _rows(built / split / "resumes.jsonl")
    grades = _rows(built / split / "grades.jsonl")
    assert len(grades) == len(jobs) * len(resumes)
    assert len({(g["job_id"], g["resume_id"]) for g in grades}) == len(grades)
    per_job: dict[str, Counter[int]] = {job["job_id"]: Counter() for job in jobs}
    for grade in grades:
        assert grade["grade"] in {0, 1, 2, 3}
        assert re.fullmatch(r"R\d+", grade["rule"])
        per_job[grade["job_id"]][grade["grade"]] += 1
    for job_id, counts in per_job.items():
        assert counts[3] >= 3, (job_id, counts)
        assert counts[2] >= 2, (job_id, counts)
        assert counts[1] >= 3, (job_id, counts)
        assert counts[0] > len(resumes) // 2, (job_id, counts)


@pytest.mark.parametrize("split", SPLITS)
def test_formats_are_mixed_forty_thirty_thirty(built: Path, split: str) -> None:
    resumes = _rows(built / split / "resumes.jsonl")
    shares = Counter(resume["format"] for resume in resumes)
    assert abs(shares["pdf"] / len(resumes) - 0.4) < 0.02
    assert abs(shares["docx"] / len(resumes) - 0.3) < 0.02
    assert abs(shares["txt"] / len(resumes) - 0.3) < 0.02
    assert len({resume["layout"] for resume in resumes}) >= 8


@pytest.mark.parametrize("split", SPLITS)
def test_the_hard_cases_are_all_present(built: Path, split: str) -> None:
    traits = Counter(trait for resume in _rows(built / split / "resumes.jsonl") for trait in resume["traits"])
    for trait in (
        "keyword_stuffer",
        "career_changer",
        "too_junior",
        "too_senior",
        "incidental_mention",
        "synonym_rich",
        "no_skills_section",
        "shared_vocabulary",
        "adjacent_field",
        "missing_licence",
        "left_field",
    ):
        assert traits[trait] >= 3, (trait, traits)


@pytest.mark.parametrize("split", SPLITS)
def test_labels_are_canonical_fictional_and_consistent_with_the_roles(built: Path, split: str) -> None:
    taxonomy = default_taxonomy()
    for resume in _rows(built / split / "resumes.jsonl"):
        labels = resume["labels"]
        assert all(taxonomy.canonical(skill) == skill for skill in labels["skills"]), labels["skills"]
        assert re.search(r"@([a-z]+\.)?example\.(com|org|net)$", labels["email"])
        digits = re.sub(r"\D", "", labels["phone"])
        assert any(reserved in digits for reserved in ("55501", "7700900", "2079460")), labels["phone"]
        months: set[int] = set()
        for role in labels["roles"]:
            start_year, start_month = map(int, role["start"].split("-"))
            end_year, end_month = map(int, (role["end"] or "2026-12").split("-"))
            months |= set(range(start_year * 12 + start_month, end_year * 12 + end_month + 1))
        assert labels["total_months"] == len(months)


def test_no_person_or_employer_appears_in_both_splits(built: Path) -> None:
    names = {split: {r["labels"]["name"] for r in _rows(built / split / "resumes.jsonl")} for split in SPLITS}
    employers = {
        split: {role["employer"] for r in _rows(built / split / "resumes.jsonl") for role in r["labels"]["roles"]}
        for split in SPLITS
    }
    assert not names["tune"] & names["heldout"]
    assert not employers["tune"] & employers["heldout"]


@pytest.mark.parametrize("split", SPLITS)
def test_rendered_pdfs_carry_the_names_employers_and_role_years(built: Path, split: str) -> None:
    checked = 0
    for resume in _rows(built / split / "resumes.jsonl"):
        if resume["format"] != "pdf":
            continue
        with pymupdf.open(built / split / resume["file"]) as pdf:  # type: ignore[no-untyped-call]
            text = " ".join(page.get_text() for page in pdf)
        flat = " ".join(text.split())
        for role in resume["labels"]["roles"]:
            assert role["employer"] in flat or role["employer"].upper() in flat, (resume["file"], role)
            assert role["start"][:4] in flat, (resume["file"], role)
        checked += 1
    assert checked >= 80


def test_the_build_is_byte_for_byte_reproducible(built: Path, tmp_path: Path) -> None:
    build_split("heldout", tmp_path)

    def digest(root: Path) -> dict[str, str]:
        return {
            str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*"))
            if p.is_file()
        }

    assert digest(tmp_path / "heldout") == digest(built / "heldout")


@pytest.mark.parametrize("split", SPLITS)
def test_passing_mentions_and_shared_vocabulary_are_never_labelled_skills(built: Path, split: str) -> None:
    taxonomy = default_taxonomy()
    mentioned = 0
    for resume in _rows(built / split / "resumes.jsonl"):
        labels = resume["labels"]
        for skill in labels["mentioned_not_held"]:
            assert skill not in labels["evidenced_skills"], (resume["file"], skill)
            assert taxonomy.canonical(skill) not in labels["skills"], (resume["file"], skill)
            mentioned += 1
    assert mentioned >= 20


@pytest.mark.parametrize("split", SPLITS)
def test_graduates_waiting_for_a_licence_are_capped_at_one(built: Path, split: str) -> None:
    unlicensed = {r["resume_id"] for r in _rows(built / split / "resumes.jsonl") if "missing_licence" in r["traits"]}
    jobs = {job["job_id"]: job for job in _rows(built / split / "jobs.jsonl")}
    capped = [
        g
        for g in _rows(built / split / "grades.jsonl")
        if g["resume_id"] in unlicensed and jobs[g["job_id"]]["requirements"]["licences"]
    ]
    assert unlicensed
    assert all(g["grade"] <= 1 for g in capped)
