"""What the matcher needs from a parsed profile: evidence per skill, roles with fields, education, credentials.

Everything is read from the `ParsedProfile` alone (whichever extractor produced it), so the same
profile always announces the same facts:

- **Skill evidence.** The skills, less the credentials the person does not hold (below). Each
  skill's sources come from its evidence labels: `job:` (with the role's dates), `project:`,
  `volunteer:` (a project-like source), `course:` and `placement:` (courses), `certification:`, and
  the listings (`skills-section`, `summary`, `headline`). A skill is *used*
  when a dated role, a project or a course/placement shows it; only listed, it is a claim. Its
  months are the profile's merged months of dated use.
- **Roles**, newest first, each with the occupational field `contracts.occupations.classify_role`
  reads from its title, description and skills.
- **The resume's field**: the field with the most recent, longest roles behind it. Recency weighs
  heavily (a year-old role counts half, two years a quarter), and a role's length counts up to two
  years, so a career changer's new field wins once it has some months behind it, while a short
  side job does not outweigh a current career.
- **Licences and certifications**: the credentials the resume asserts as the person's own (a
  certifications entry not expired nor pending, a skills section, summary or headline, a role title
  naming the holder; never a bullet about others: `held_credentials`) and those they imply.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from contracts.events.ingest import Education, EvidenceKind, Role, SkillEvidence, SkillSource
from contracts.occupations import classify_role
from services.ingest.domain.held_credentials import CredentialVocabulary, held_credentials
from services.ingest.domain.schema import ExperienceEntry, ParsedProfile, SkillEntry

RoleClassifier = Callable[[str | None, str, Sequence[str]], str | None]

# The kind of source each evidence label prefix is; `volunteer:` work is used like a project's.
_KINDS: dict[str, EvidenceKind] = {
    "job": "job",
    "project": "project",
    "volunteer": "project",
    "course": "course",
    "placement": "course",
    "certification": "certification",
    "skills-section": "skills_section",
    "summary": "summary",
    "headline": "headline",
}
_MAX_SOURCES = 20
_MAX_LABEL = 200
# The resume's field: months of a role count up to this many, halved for each year since it ended.
_COUNTED_MONTHS = 24
_UNDATED_MONTHS = 12
_HALF_LIFE_MONTHS = 12


@dataclass(frozen=True)
class MatchingProfile:
    """The parts of `ResumeParsed` that describe what the person did, beyond the skill names."""

    skills: list[str]
    skill_evidence: list[SkillEvidence]
    roles: list[Role]
    education: list[Education]
    licences: list[str]
    certifications: list[str]
    field: str | None


def matching_profile(
    profile: ParsedProfile, vocabulary: CredentialVocabulary, *, classify: RoleClassifier = classify_role
) -> MatchingProfile:
    """Evidence, roles, education, credentials and field of a parsed profile."""
    roles = roles_of(profile, classify=classify)
    licences, certifications = credentials_of(profile, vocabulary)
    held = {*licences, *certifications}
    # A credential named only as someone else's ("the CPA partner") is no skill of the person either.
    shown = [skill for skill in profile.skills if skill.name in held or vocabulary.credential_kind(skill.name) is None]
    return MatchingProfile(
        skills=[skill.name for skill in shown],
        skill_evidence=[_evidence(skill, profile) for skill in shown[:300]],
        roles=roles,
        education=[
            Education(level=entry.level, field=entry.major, year=entry.year) for entry in profile.education[:20]
        ],
        licences=licences,
        certifications=certifications,
        field=field_of(roles),
    )


def skill_evidence_of(profile: ParsedProfile) -> list[SkillEvidence]:
    """Per skill: where the resume shows it, whether it was used, and the months of use."""
    return [_evidence(skill, profile) for skill in profile.skills[:300]]


def _evidence(skill: SkillEntry, profile: ParsedProfile) -> SkillEvidence:
    sources: list[SkillSource] = []
    for label in skill.evidence:
        sources.extend(_sources(label, skill.name, profile))
    sources = list(dict.fromkeys(sources))[:_MAX_SOURCES]
    used = any(_shows_use(source) for source in sources)
    return SkillEvidence(
        name=skill.name,
        months=skill.months_experience if used else None,
        used=used,
        sources=sources,
    )


def _shows_use(source: SkillSource) -> bool:
    """A role, a project, a course or placement shows use; listings and certificates are claims.

    A role whose dates could not be read still shows the work (its months stay unknown): many real
    resumes write dates no parser reads, and calling their work "only listed" would rank them below
    anyone whose dates happen to parse."""
    return source.kind in ("job", "project", "course")


def _sources(label: str, skill: str, profile: ParsedProfile) -> list[SkillSource]:
    prefix, _, rest = label.partition(":")
    kind = _KINDS.get(prefix, "other")
    name = rest.strip()[:_MAX_LABEL]
    if kind == "job":
        jobs = [entry for entry in profile.experience if _job_label(entry) == rest]
        # The roles at that employer that show the skill (a promotion is two roles at one employer).
        showing = [entry for entry in jobs if skill in entry.skills] or jobs[:1]
        if showing:
            return [
                SkillSource(kind="job", label=name, start_date=entry.start_date, end_date=entry.end_date)
                for entry in showing
            ]
    elif kind == "project" and prefix == "project":
        project = next((entry for entry in profile.projects if entry.title == rest), None)
        if project is not None:
            return [SkillSource(kind="project", label=name, start_date=project.start_date, end_date=project.end_date)]
    if kind in ("skills_section", "summary", "headline"):
        name = ""
    elif kind == "other" and not rest:
        name = ""
    return [SkillSource(kind=kind, label=name)]


def _job_label(entry: ExperienceEntry) -> str:
    """The label a job's evidence carries (see `profile`): the employer, else the role."""
    return entry.company or entry.role or "unnamed"


def roles_of(profile: ParsedProfile, *, classify: RoleClassifier = classify_role) -> list[Role]:
    """The positions held, newest first (undated ones after, in the resume's order), each with its field."""
    entries = sorted(enumerate(profile.experience), key=lambda item: _recency(item[1], item[0]))
    return [
        Role(
            title=entry.role[:200] if entry.role else None,
            employer=entry.company[:200] if entry.company else None,
            start_date=entry.start_date,
            end_date=entry.end_date,
            is_current=entry.is_current,
            months=entry.duration_months,
            field=classify(entry.role, entry.description, entry.skills),
        )
        for _, entry in entries[:50]
    ]


def _recency(entry: ExperienceEntry, position: int) -> tuple[int, int, int, int]:
    """A sort key, newest first: by end, then start; undated roles after the dated ones, as written."""
    start = _month_index(entry.start_date)
    if start is None:
        return (1, 0, 0, position)
    end = start + (entry.duration_months or 0) if entry.is_current or entry.end_date is None else _end(entry)
    return (0, -end, -start, position)


def _end(entry: ExperienceEntry) -> int:
    end = _month_index(entry.end_date)
    start = _month_index(entry.start_date) or 0
    return end if end is not None else start + (entry.duration_months or 0)


def _month_index(value: str | None) -> int | None:
    """`YYYY-MM` or `YYYY` as months since year 0 (a year alone counts from January)."""
    if not value:
        return None
    year, _, month = value.partition("-")
    return int(year) * 12 + (int(month) if month else 1) - 1


def field_of(roles: Sequence[Role]) -> str | None:
    """The field of the most recent, longest roles (see the module docstring); None when no role has one."""
    ends = [_role_end(role) for role in roles]
    latest = max((end for end in ends if end is not None), default=None)
    weights: dict[str, float] = defaultdict(float)
    for rank, (role, end) in enumerate(zip(roles, ends, strict=True)):
        if role.field is None:
            continue
        months = min(role.months if role.months is not None else _UNDATED_MONTHS, _COUNTED_MONTHS)
        # Undated roles are ordered as written: each one further down counts as a year older.
        months_ago = latest - end if latest is not None and end is not None else _HALF_LIFE_MONTHS * rank
        weights[role.field] += max(months, 1) * 0.5 ** (months_ago / _HALF_LIFE_MONTHS)
    if not weights:
        return None
    newest = next(role.field for role in roles if role.field is not None)
    # Ties go to the field of the newest role.
    return max(weights, key=lambda field: (round(weights[field], 6), field == newest))


def _role_end(role: Role) -> int | None:
    start = _month_index(role.start_date)
    if start is None:
        return None
    if role.end_date is not None and not role.is_current:
        return _month_index(role.end_date)
    return start + (role.months or 0)


def credentials_of(profile: ParsedProfile, vocabulary: CredentialVocabulary) -> tuple[list[str], list[str]]:
    """The canonical licences and certifications the resume asserts as the person's own, and those they imply."""
    names = held_credentials(profile, vocabulary)
    licences = [name for name in names if vocabulary.credential_kind(name) == "licence"]
    certifications = [name for name in names if vocabulary.credential_kind(name) == "certification"]
    return licences[:50], certifications[:50]
