"""What scoring reads: a job's requirements and a candidate's evidence, as plain frozen data.

Both are built from the event payloads (`job_from_payload`, `candidate_from_payload`) and stored by the
matcher as JSON (`as_json` / `from_json`), so a score can be recomputed from exactly what it was
computed from. Skills are compared by `skill_key` (canonical names, case-folded).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from contracts.events.ingest import ResumeParsedPayload
from contracts.events.jobs import JobAnalyzedPayload
from contracts.skills import default_taxonomy

EDUCATION_RANK = {
    "high_school": 1,
    "diploma": 2,
    "other": 2,
    "associate": 3,
    "bachelor": 4,
    "master": 5,
    "doctorate": 6,
}

# Which skills a set of skills implies (canonical name -> the skill implying it); the taxonomy's
# `implied` is the product's, a test may pass its own.
Implications = Callable[[Iterable[str]], Mapping[str, str]]


def skill_key(name: str) -> str:
    """How skills are compared: canonical names, case-insensitively."""
    return name.strip().casefold()


@dataclass(frozen=True)
class Source:
    """One place a skill appears: a dated role, a project, a course, or a listing."""

    kind: str
    label: str = ""
    start_date: str | None = None
    end_date: str | None = None


@dataclass(frozen=True)
class SkillUse:
    """A skill the resume shows, the months it was used and where."""

    name: str
    used: bool
    months: int | None = None
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class RoleHeld:
    """A position: title, employer, dates and its occupational field."""

    title: str | None = None
    employer: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    is_current: bool = False
    months: int | None = None
    field: str | None = None


@dataclass(frozen=True)
class Degree:
    """A qualification's level and subject."""

    level: str | None = None
    subject: str | None = None


@dataclass(frozen=True)
class EducationNeed:
    """The education a job asks for, and the experience it accepts instead."""

    level: str
    subjects: tuple[str, ...] = ()
    required: bool = True
    equivalent_years: float | None = None


@dataclass(frozen=True)
class JobRequirements:
    """What a job asks for (canonical skill and credential names)."""

    required_skills: Sequence[str]
    preferred_skills: Sequence[str] = ()
    min_years_experience: float | None = None
    max_years_experience: float | None = None
    seniority: str | None = None
    education: EducationNeed | None = None
    required_licences: Sequence[str] = ()
    required_certifications: Sequence[str] = ()
    preferred_certifications: Sequence[str] = ()
    field: str | None = None
    title: str = ""


@dataclass(frozen=True)
class CandidateProfile:
    """What a resume shows. `evidence` is keyed by `skill_key`; `evidence_known` is False for profiles
    parsed before evidence was recorded (their skills are neither proven nor mere claims)."""

    skills: Sequence[str]
    total_experience_months: int | None = None
    evidence: Mapping[str, SkillUse] = field(default_factory=dict)
    evidence_known: bool = False
    implied: Mapping[str, str] = field(default_factory=dict)
    roles: Sequence[RoleHeld] = ()
    education: Sequence[Degree] = ()
    licences: Sequence[str] = ()
    certifications: Sequence[str] = ()
    field: str | None = None

    def has(self, skill: str) -> bool:
        """Whether the resume shows `skill` itself (not by implication)."""
        key = skill_key(skill)
        return key in self.evidence or key in {skill_key(name) for name in self.skills}

    def credentials(self) -> set[str]:
        """Licences, certifications and skills, as keys: a credential may be parsed as any of them."""
        return {skill_key(name) for name in (*self.licences, *self.certifications, *self.skills)}


def job_from_payload(payload: JobAnalyzedPayload) -> JobRequirements:
    """The requirements a `JobAnalyzed` announces."""
    education = None
    if payload.education is not None:
        education = EducationNeed(
            level=payload.education.level,
            subjects=tuple(payload.education.fields),
            required=payload.education.required,
            equivalent_years=payload.education.equivalent_years,
        )
    return JobRequirements(
        required_skills=tuple(payload.required_skills),
        preferred_skills=tuple(payload.preferred_skills),
        min_years_experience=payload.min_years_experience,
        max_years_experience=payload.max_years_experience,
        seniority=payload.seniority,
        education=education,
        required_licences=tuple(payload.required_licences),
        required_certifications=tuple(payload.required_certifications),
        preferred_certifications=tuple(payload.preferred_certifications),
        field=payload.field,
        title=payload.title,
    )


def candidate_from_payload(
    payload: ResumeParsedPayload, *, implications: Implications | None = None
) -> CandidateProfile:
    """The evidence a `ResumeParsed` announces, with the skills its skills imply (the vocabulary's
    implications unless others are given)."""
    implications = implications or default_taxonomy().implied
    evidence = {
        skill_key(item.name): SkillUse(
            name=item.name,
            used=item.used,
            months=item.months,
            sources=tuple(
                Source(kind=source.kind, label=source.label, start_date=source.start_date, end_date=source.end_date)
                for source in item.sources
            ),
        )
        for item in payload.skill_evidence
    }
    skills = tuple(dict.fromkeys([*payload.skills, *(item.name for item in payload.skill_evidence)]))

    # Each implied skill takes the strongest skill implying it (SQL from seven years of MySQL, not from
    # a listed PostgreSQL), so implications are read one skill at a time, strongest first.
    def strength(name: str) -> tuple[bool, int]:
        use = evidence.get(skill_key(name))
        return (use.used, use.months or 0) if use is not None else (False, 0)

    implied: dict[str, str] = {}
    for skill in sorted(skills, key=strength, reverse=True):
        for name in implications([skill]):
            implied.setdefault(name, skill)
    return CandidateProfile(
        skills=skills,
        total_experience_months=payload.total_experience_months,
        evidence=evidence,
        evidence_known=bool(payload.skill_evidence) or not payload.skills,
        implied={skill_key(name): source for name, source in implied.items() if skill_key(name) not in evidence},
        roles=tuple(
            RoleHeld(
                title=role.title,
                employer=role.employer,
                start_date=role.start_date,
                end_date=role.end_date,
                is_current=role.is_current,
                months=role.months,
                field=role.field,
            )
            for role in payload.roles
        ),
        education=tuple(Degree(level=item.level, subject=item.field) for item in payload.education),
        licences=tuple(payload.licences),
        certifications=tuple(payload.certifications),
        field=payload.field,
    )


def as_json(value: JobRequirements | CandidateProfile) -> dict[str, Any]:
    """Plain JSON for storage next to the vectors."""
    return asdict(value)


def job_from_json(data: Mapping[str, Any]) -> JobRequirements:
    """A stored `JobRequirements` back."""
    education = data.get("education")
    return JobRequirements(
        required_skills=tuple(data.get("required_skills") or ()),
        preferred_skills=tuple(data.get("preferred_skills") or ()),
        min_years_experience=data.get("min_years_experience"),
        max_years_experience=data.get("max_years_experience"),
        seniority=data.get("seniority"),
        education=EducationNeed(
            level=education["level"],
            subjects=tuple(education.get("subjects") or ()),
            required=bool(education.get("required", True)),
            equivalent_years=education.get("equivalent_years"),
        )
        if education
        else None,
        required_licences=tuple(data.get("required_licences") or ()),
        required_certifications=tuple(data.get("required_certifications") or ()),
        preferred_certifications=tuple(data.get("preferred_certifications") or ()),
        field=data.get("field"),
        title=data.get("title") or "",
    )


def candidate_from_json(data: Mapping[str, Any]) -> CandidateProfile:
    """A stored `CandidateProfile` back."""
    return CandidateProfile(
        skills=tuple(data.get("skills") or ()),
        total_experience_months=data.get("total_experience_months"),
        evidence={
            key: SkillUse(
                name=item["name"],
                used=bool(item["used"]),
                months=item.get("months"),
                sources=tuple(Source(**source) for source in item.get("sources") or ()),
            )
            for key, item in (data.get("evidence") or {}).items()
        },
        evidence_known=bool(data.get("evidence_known")),
        implied=dict(data.get("implied") or {}),
        roles=tuple(RoleHeld(**role) for role in data.get("roles") or ()),
        education=tuple(Degree(**degree) for degree in data.get("education") or ()),
        licences=tuple(data.get("licences") or ()),
        certifications=tuple(data.get("certifications") or ()),
        field=data.get("field"),
    )
