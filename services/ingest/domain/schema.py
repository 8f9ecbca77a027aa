"""The structured profile a resume becomes (`resumes.parsed`): the shape both extractors must produce.

The deterministic parser and the LLM enhancer both return a `ParsedProfile`; everything an LLM
returns is validated against this model and checked against the source text before it is kept.
Dates are `YYYY-MM` strings (or `YYYY` when only the year is known); an open-ended range has
`end_date = None` and `is_current = True`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 2

EvidenceSource = str  # "project:<title>", "job:<company or role>", "course:<name>", "skills-section", "summary"

EducationLevel = Literal["high_school", "diploma", "associate", "bachelor", "master", "doctorate", "other"]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Link(_Part):
    kind: Literal["linkedin", "github", "gitlab", "portfolio", "website"]
    url: str = Field(max_length=500)


class SkillEntry(_Part):
    name: str = Field(max_length=100, description="Canonical name from the taxonomy.")
    category: str = Field(default="", max_length=50)
    evidence: list[EvidenceSource] = Field(default_factory=list, max_length=50)
    months_experience: int | None = Field(default=None, ge=0, le=720)


class ExperienceEntry(_Part):
    company: str | None = Field(default=None, max_length=200)
    role: str | None = Field(default=None, max_length=200)
    location: str | None = Field(default=None, max_length=200)
    start_date: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2})?$")
    end_date: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2})?$")
    is_current: bool = False
    duration_months: int | None = Field(default=None, ge=0, le=720)
    description: str = Field(default="", max_length=5000)
    skills: list[str] = Field(default_factory=list, max_length=100)


class ProjectEntry(_Part):
    title: str = Field(max_length=200)
    skills_used: list[str] = Field(default_factory=list, max_length=100)
    description: str = Field(default="", max_length=5000)
    start_date: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2})?$")
    end_date: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2})?$")


class EducationEntry(_Part):
    degree: str | None = Field(default=None, max_length=200)
    level: EducationLevel | None = None
    institution: str | None = Field(default=None, max_length=200)
    year: int | None = Field(default=None, ge=1950, le=2100)
    major: str | None = Field(default=None, max_length=200)


class Certification(_Part):
    name: str = Field(max_length=200)
    issuer: str | None = Field(default=None, max_length=200)
    year: int | None = Field(default=None, ge=1950, le=2100)


class ParsedProfile(_Part):
    """Everything extracted from one resume, with the evidence for each skill."""

    schema_version: int = SCHEMA_VERSION
    extractor: Literal["deterministic", "llm"] = "deterministic"
    llm_prompt_version: str | None = Field(default=None, max_length=50, description="The prompt an LLM answered.")
    name: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=320)
    phone: str | None = Field(default=None, max_length=40)
    links: list[Link] = Field(default_factory=list, max_length=20)
    headline: str | None = Field(default=None, max_length=300)
    summary: str | None = Field(default=None, max_length=3000)
    skills: list[SkillEntry] = Field(default_factory=list, max_length=300)
    experience: list[ExperienceEntry] = Field(default_factory=list, max_length=50)
    projects: list[ProjectEntry] = Field(default_factory=list, max_length=50)
    education: list[EducationEntry] = Field(default_factory=list, max_length=20)
    certifications: list[Certification] = Field(default_factory=list, max_length=50)
    total_experience_months: int | None = Field(
        default=None, ge=0, le=720, description="From merged date ranges: overlaps count once."
    )
    unknown_skills: list[str] = Field(
        default_factory=list, max_length=100, description="Skill-like terms the taxonomy does not know (for review)."
    )
    confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    review_flags: list[str] = Field(
        default_factory=list,
        description="Why a person should check this profile (low confidence, dropped LLM claims, ...).",
    )
    text_chars: int = 0
