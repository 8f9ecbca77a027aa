"""How far to trust a parsed profile: a score from what was found, and the reasons to have a person look."""

from __future__ import annotations

from dataclasses import dataclass

LOW_CONFIDENCE = 0.5
# What each finding adds to the score; they sum to 1.
_WEIGHTS = {
    "name": 0.15,
    "email": 0.15,
    "phone": 0.05,
    "sections": 0.15,
    "experience": 0.2,
    "skills": 0.2,
    "education": 0.1,
}
_ENOUGH_SECTIONS = 3
_ENOUGH_SKILLS = 5
_SHORT_TEXT = 300


@dataclass(frozen=True)
class Findings:
    """What the parser found in one resume."""

    has_name: bool
    has_email: bool
    has_phone: bool
    sections: int  # recognised section headings
    jobs: int
    dated_jobs: int
    skills: int
    education: int
    text_chars: int


def assess(findings: Findings) -> tuple[float, list[str]]:
    """The confidence (0-1) and the review flags for a profile with these findings."""
    experience = 1.0 if findings.dated_jobs else 0.5 if findings.jobs else 0.0
    score = (
        _WEIGHTS["name"] * findings.has_name
        + _WEIGHTS["email"] * findings.has_email
        + _WEIGHTS["phone"] * findings.has_phone
        + _WEIGHTS["sections"] * min(1.0, findings.sections / _ENOUGH_SECTIONS)
        + _WEIGHTS["experience"] * experience
        + _WEIGHTS["skills"] * min(1.0, findings.skills / _ENOUGH_SKILLS)
        + _WEIGHTS["education"] * bool(findings.education)
    )
    flags = []
    if not findings.sections:
        flags.append("no_sections")
    if not findings.has_name:
        flags.append("no_name")
    if not (findings.has_email or findings.has_phone):
        flags.append("no_contact")
    if not findings.jobs:
        flags.append("no_experience")
    elif findings.dated_jobs < findings.jobs:
        flags.append("no_dates")
    if not findings.skills:
        flags.append("no_skills")
    if findings.text_chars < _SHORT_TEXT:
        flags.append("short_text")
    score = round(min(1.0, score), 3)
    if score < LOW_CONFIDENCE:
        flags.insert(0, "low_confidence")
    return score, flags
