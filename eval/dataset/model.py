"""The latent truth of the evaluation set: jobs, people and their careers, before any text is written.

Everything is plain frozen data. Months are counted as one integer (year * 12 + month - 1) so that
date arithmetic is subtraction; the set is generated as if today were 1 December 2026.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

TODAY_YEAR = 2026
TODAY_MONTH = 12


def month_index(year: int, month: int) -> int:
    """The month as one integer: year * 12 + month - 1."""
    return year * 12 + month - 1


TODAY = month_index(TODAY_YEAR, TODAY_MONTH)


def month_text(index: int) -> str:
    """The month as "YYYY-MM"."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


class Level(IntEnum):
    """Highest education completed, ordered so that a comparison says "at least"."""

    NONE = 0
    CERTIFICATE = 1  # a vocational certificate, diploma or bootcamp
    ASSOCIATE = 2
    BACHELOR = 3
    MASTER = 4
    DOCTORATE = 5  # PhD, JD, DPT: the professional doctorates count here


class Seniority(IntEnum):
    """The level a job is posted at."""

    ENTRY = 0
    MID = 1
    SENIOR = 2


@dataclass(frozen=True)
class Education:
    """One completed qualification."""

    level: Level
    subject: str  # a subject id from the catalogue, e.g. "computer_science", "nursing"
    school: str
    year: int


@dataclass(frozen=True)
class Role:
    """One dated job in a career: where, what, when, and the skills the work actually used."""

    title: str
    employer: str
    field: str  # the occupational field of the work, a catalogue field id
    start: int  # month index, inclusive
    end: int | None  # month index, inclusive; None while the role is current
    skills: tuple[str, ...]  # latent skill ids the bullets of this role show being used
    location: str = ""

    @property
    def last_month(self) -> int:
        """The last month worked (today for a current role)."""
        return TODAY if self.end is None else self.end

    def months(self) -> frozenset[int]:
        """Every month this role covers, both ends included."""
        return frozenset(range(self.start, self.last_month + 1))


@dataclass(frozen=True)
class Mention:
    """A skill or field word the text names without the person having the skill (never evidence)."""

    skill: str  # latent skill id the words name, or "" for a field word that is no skill
    sentence: str  # the complete sentence as it appears in the resume


@dataclass(frozen=True)
class Profile:
    """A person's true profile: who they are, what they did, what they hold."""

    resume_id: str
    name: str
    email: str
    phone: str
    location: str
    field: str  # the field of the most recent work
    roles: tuple[Role, ...]  # newest first
    education: tuple[Education, ...]
    credentials: tuple[str, ...]  # credential ids (licences and certifications) the person holds
    listed_skills: tuple[str, ...]  # the skills section as the person wrote it (may claim more than the work shows)
    mentions: tuple[Mention, ...] = ()
    traits: tuple[str, ...] = ()
    anchor_job: str = ""  # the job this profile was drawn around (bookkeeping only; grading ignores it)

    def skills_section(self) -> tuple[str, ...]:
        """The skills the written skills section names (none when the resume has no such section)."""
        return () if "no_skills_section" in self.traits else self.listed_skills

    def evidenced_skills(self) -> frozenset[str]:
        """Skills some dated role's work shows."""
        return frozenset(skill for role in self.roles for skill in role.skills)

    def total_months(self) -> int:
        """Months of dated work, overlapping roles counted once."""
        return merged_months(self.roles)

    def highest_education(self) -> Education | None:
        """The highest qualification (the most recent on a tie)."""
        if not self.education:
            return None
        return max(self.education, key=lambda education: (education.level, education.year))


def merged_months(roles: tuple[Role, ...] | list[Role]) -> int:
    """The number of distinct months the roles cover."""
    covered: set[int] = set()
    for role in roles:
        covered |= role.months()
    return len(covered)


@dataclass(frozen=True)
class EducationRequirement:
    """The education a posting asks for; `equivalent` accepts a degree in another subject or 4 years' work."""

    level: Level
    subjects: tuple[str, ...]
    equivalent: bool


@dataclass(frozen=True)
class Job:
    """A posting's latent requirements, from which both its text and every grade follow."""

    job_id: str
    title: str
    field: str
    profession: str
    seniority: Seniority
    min_years: int
    max_years: int | None  # None: no upper bound stated
    required_skills: tuple[str, ...]
    nice_skills: tuple[str, ...]
    licences: tuple[str, ...]  # hard: missing one caps the grade at 1
    certifications: tuple[str, ...]  # soft: missing any is one gap
    education: EducationRequirement | None
    employer: str
    location: str
