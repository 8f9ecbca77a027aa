"""Build the labelled evaluation set: `python -m eval.dataset.build --out var/eval/data`.

For each split (tune, heldout) it writes `jobs.jsonl`, `resumes.jsonl`, `resumes/<id>.<ext>` and
`grades.jsonl` (every resume graded against every job of the split by eval/RULES.md). The build is
seeded and byte-for-byte reproducible; the two halves use different seeds and different halves of
every name, employer, phrasing and template pool.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from contracts.skills import default_taxonomy
from eval.dataset.fields import CREDENTIALS, FIELDS
from eval.dataset.grading import grade_pair
from eval.dataset.jobs import draw_jobs, draw_seniorities, write_posting
from eval.dataset.model import Job, Mention, Profile, month_text
from eval.dataset.people import SPLITS
from eval.dataset.profiles import KINDS, draw_kind, draw_person, draw_profile, with_writing_traits
from eval.dataset.render import LAYOUTS, render
from eval.dataset.skills import SKILLS
from eval.dataset.writing import draw_style, write_resume

SEEDS = {"tune": 20261201, "heldout": 7340517}
SENIORITY_SEED = 1207
SENIORITY_NAMES = ("entry", "mid", "senior")
# Share of each split's resumes per file format.
FORMAT_SHARES = (("pdf", 0.4), ("docx", 0.3), ("txt", 0.3))
_EXTENSIONS = {"pdf": "pdf", "docx": "docx", "txt": "txt"}


@dataclass(frozen=True)
class BuiltResume:
    """A profile with its file and labels."""

    profile: Profile
    format: str
    layout: str
    file: str
    labels: dict[str, Any]


def _formats(rng: random.Random, count: int) -> list[str]:
    formats: list[str] = []
    for name, share in FORMAT_SHARES[1:]:
        formats += [name] * round(count * share)
    formats += [FORMAT_SHARES[0][0]] * (count - len(formats))
    rng.shuffle(formats)
    return formats


def label_skills(shown: frozenset[str], genuine: tuple[str, ...]) -> list[str]:
    """The vocabulary's canonical names of the skills a resume genuinely shows (RULES.md, labels)."""
    taxonomy = default_taxonomy()
    names: set[str] = set()
    for skill in shown:
        for spelling in SKILLS[skill].spellings:
            canonical = taxonomy.canonical(spelling)
            if canonical is not None:
                names.add(canonical)
                break
    names |= {mention.skill for mention in taxonomy.find("\n".join(genuine))}
    return sorted(names)


def _job_row(job: Job, description: str) -> dict[str, Any]:
    education = job.education
    return {
        "job_id": job.job_id,
        "title": job.title,
        "description": description,
        "profession": job.profession,
        "seniority": SENIORITY_NAMES[job.seniority],
        "field": job.field,
        "employer": job.employer,
        "location": job.location,
        "requirements": {
            "required_skills": list(job.required_skills),
            "nice_skills": list(job.nice_skills),
            "min_years": job.min_years,
            "max_years": job.max_years,
            "licences": list(job.licences),
            "certifications": list(job.certifications),
            "education": None
            if education is None
            else {
                "level": education.level.name.lower(),
                "subjects": list(education.subjects),
                "equivalent": education.equivalent,
            },
        },
    }


def _resume_row(built: BuiltResume) -> dict[str, Any]:
    profile = built.profile
    return {
        "resume_id": profile.resume_id,
        "file": built.file,
        "format": built.format,
        "layout": built.layout,
        "profession": FIELDS[profile.field].profession,
        "field": profile.field,
        "traits": list(profile.traits),
        "labels": built.labels,
    }


def _mention_skills(mentions: tuple[Mention, ...]) -> list[str]:
    return sorted({m.skill for m in mentions if m.skill})


def build_split(split: str, out: Path) -> dict[str, Any]:
    """Generate, render, grade and write one split; returns its summary figures."""
    rng = random.Random(SEEDS[split])
    seniorities = draw_seniorities(random.Random(SENIORITY_SEED))
    jobs = draw_jobs(rng, split, seniorities)
    descriptions = {job.job_id: write_posting(rng, job, split) for job in jobs}
    used_names: set[str] = set()
    drawn: list[tuple[Profile, Any]] = []
    for job in jobs:
        for kind in KINDS:
            actual = draw_kind(rng, kind, job)
            person = draw_person(rng, split, used_names)
            style = draw_style(rng, split)
            profile = draw_profile(
                rng, actual, job, split=split, resume_id="", person=person, granularity=style.granularity
            )
            drawn.append((with_writing_traits(rng, profile, actual, job, split), style))
    rng.shuffle(drawn)
    prefix = "T" if split == "tune" else "H"
    formats = _formats(rng, len(drawn))
    base = out / split
    if base.exists():
        shutil.rmtree(base)
    (base / "resumes").mkdir(parents=True)
    built: list[BuiltResume] = []
    layout_turn: Counter[str] = Counter()
    for index, ((profile, style), file_format) in enumerate(zip(drawn, formats, strict=True)):
        profile = replace(profile, resume_id=f"{prefix}-R{index + 1:03d}")
        document, shown = write_resume(rng, profile, style, split)
        layouts = LAYOUTS[file_format]
        layout = layouts[(layout_turn[file_format] + rng.randint(0, 1)) % len(layouts)]
        layout_turn[file_format] += 1
        data = render(document, layout, font=rng.choice(("helv", "tiro", "cour")))
        file = f"resumes/{profile.resume_id}.{_EXTENSIONS[file_format]}"
        (base / file).write_bytes(data)
        labels = {
            "name": profile.name,
            "email": profile.email,
            "phone": profile.phone,
            "skills": label_skills(shown, document.genuine),
            "total_months": profile.total_months(),
            "roles": [
                {
                    "title": r.title,
                    "employer": r.employer,
                    "start": month_text(r.start),
                    "end": None if r.end is None else month_text(r.end),
                }
                for r in profile.roles
            ],
            "evidenced_skills": sorted(profile.evidenced_skills()),
            "credentials": [CREDENTIALS[c].spellings[0] for c in profile.credentials],
            "mentioned_not_held": _mention_skills(profile.mentions),
        }
        built.append(BuiltResume(profile, file_format, layout, file, labels))
    grades = [(job, b.profile, grade_pair(job, b.profile)) for job in jobs for b in built]
    _write_jsonl(base / "jobs.jsonl", [_job_row(job, descriptions[job.job_id]) for job in jobs])
    _write_jsonl(base / "resumes.jsonl", [_resume_row(b) for b in built])
    _write_jsonl(
        base / "grades.jsonl",
        [
            {
                "job_id": job.job_id,
                "resume_id": profile.resume_id,
                "grade": g.grade,
                "rule": g.rule,
                "gaps": list(g.gaps),
            }
            for job, profile, g in grades
        ],
    )
    return _summary(split, jobs, built, grades)


def _summary(split: str, jobs: list[Job], built: list[BuiltResume], grades: list[Any]) -> dict[str, Any]:
    traits = Counter(trait for b in built for trait in b.profile.traits)
    return {
        "split": split,
        "jobs": len(jobs),
        "resumes": len(built),
        "professions": sorted({job.profession for job in jobs}),
        "formats": dict(sorted(Counter(b.format for b in built).items())),
        "layouts": dict(sorted(Counter(b.layout for b in built).items())),
        "traits": dict(sorted(traits.items())),
        "grades": dict(sorted(Counter(g.grade for _, _, g in grades).items())),
        "rules": dict(sorted(Counter(g.rule for _, _, g in grades).items())),
    }


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, sort_keys=False) + "\n")


def build(out: Path, splits: tuple[str, ...] = SPLITS) -> list[dict[str, Any]]:
    """Build every split under `out` and write `summary.json`."""
    out.mkdir(parents=True, exist_ok=True)
    summaries = [build_split(split, out) for split in splits]
    (out / "summary.json").write_text(json.dumps(summaries, indent=2) + "\n", encoding="utf-8")
    return summaries


def main(argv: list[str] | None = None) -> None:
    """Command line: build the set and print a short summary per split."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=Path("var/eval/data"))
    parser.add_argument("--split", choices=(*SPLITS, "both"), default="both")
    args = parser.parse_args(argv)
    splits = SPLITS if args.split == "both" else (args.split,)
    for summary in build(args.out, splits):
        print(
            f"{summary['split']}: {summary['jobs']} jobs, {summary['resumes']} resumes, "
            f"{len(summary['professions'])} professions, grades {summary['grades']}, formats {summary['formats']}"
        )


if __name__ == "__main__":
    main()
