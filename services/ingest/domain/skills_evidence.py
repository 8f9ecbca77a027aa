"""Skills with their evidence: where each skill appears and for how many months it was used.

The resume is read as regions (the headline, the summary, each job, each project, each course,
the skills section, ...). A skill mentioned in a job is evidence `job:<company>`; its months of
experience are the months of the jobs and projects that mention it, merged so overlapping periods
count once. General skills ("Communication", "Leadership") are claims, not evidence: they count
only where the resume lists skills or sums itself up, or written as "... skills", because "the
communication between services" says nothing about the person. A mention that names someone
else's skill, or names one only in passing, is no evidence at all (`incidental_mentions`).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from services.ingest.domain.dates import Interval, total_months
from services.ingest.domain.incidental_mentions import MentionContext
from services.ingest.domain.schema import SkillEntry

RegionKind = Literal["headline", "summary", "skills", "job", "project", "course", "certification", "other"]

# Categories of skills that everybody claims; only listed skills count (see the module docstring).
GENERAL_CATEGORIES = frozenset({"professional", "soft_skills", "soft skills", "general", "general_professional"})
_LISTING_REGIONS = frozenset({"headline", "summary", "skills"})
_CALLED_A_SKILL = re.compile(r"\s*(?:and\s+\w+\s+)?(?:skills?|abilit(?:y|ies))\b", re.IGNORECASE)
# Titles name a practice: a "Data Engineer" does data engineering, a "Product Designer" product design.
_PRACTICES = {
    "engineer": "Engineering",
    "developer": "Development",
    "scientist": "Science",
    "designer": "Design",
    "administrator": "Administration",
    "analyst": "Analysis",
    "architect": "Architecture",
    "manager": "Management",
    "marketer": "Marketing",
    "strategist": "Strategy",
    "accountant": "Accounting",
}
_SENIORITY = re.compile(
    r"\b(?:senior|sr|junior|jr|lead|principal|staff|chief|head|associate|assistant|intern|trainee|graduate"
    r"|regional|global|freelance|contract|i{1,3}|iv|v)\b\.?",
    re.IGNORECASE,
)
_TITLE_PIECES = re.compile(r"\s*(?:/|,|&|\band\b|\||–|—|\s-\s)\s*")
_BRACKETS = re.compile(r"\([^)]*\)")
_MAX_EVIDENCE = 50
_MAX_SKILLS = 300


class Mention(Protocol):
    """A skill found in a text (the taxonomy's `SkillMention`)."""

    @property
    def skill(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


class SkillVocabulary(Protocol):
    """What this module needs of the taxonomy."""

    def find(self, text: str) -> Sequence[Mention]: ...

    def category_of(self, name: str) -> str | None: ...

    def canonical(self, term: str) -> str | None: ...


@dataclass(frozen=True)
class Region:
    """A stretch of the resume, what finding a skill in it proves, and the months it covers."""

    kind: RegionKind
    evidence: str
    text: str
    interval: Interval | None = None
    implied: tuple[str, ...] = ()  # skills its title names ("Data Engineer": Data Engineering)


@dataclass
class _Tally:
    category: str
    evidence: list[str] = field(default_factory=list)
    intervals: list[Interval] = field(default_factory=list)


def skills_in(region: Region, vocabulary: SkillVocabulary) -> list[str]:
    """The distinct canonical skills a region gives evidence of, in order of appearance."""
    found: dict[str, None] = dict.fromkeys(region.implied)
    mentions = vocabulary.find(region.text)
    context = MentionContext(
        region.text, [(mention.start, mention.end) for mention in mentions], listing=region.kind == "skills"
    )
    for mention in mentions:
        if _counts(mention, region, vocabulary) and not context.incidental(mention.start, mention.end):
            found.setdefault(mention.skill)
    return list(found)


def disciplines_of(title: str, vocabulary: SkillVocabulary) -> tuple[str, ...]:
    """The skills a job title names by its discipline: "Senior Data Engineer" is Data Engineering."""
    found: dict[str, None] = {}
    for piece in _TITLE_PIECES.split(_BRACKETS.sub(" ", title)):
        words = _SENIORITY.sub(" ", piece).split()
        if len(words) < 2:
            continue
        practice = _PRACTICES.get(words[-1].lower().rstrip("s"))
        if practice is None:
            continue
        field = " ".join(words[:-1])
        for candidate in (f"{field} {practice}", f"{field.rstrip('s')} {practice}"):
            name = vocabulary.canonical(candidate)
            if name is not None:
                found.setdefault(name)
                break
    return tuple(found)


def _counts(mention: Mention, region: Region, vocabulary: SkillVocabulary) -> bool:
    category = (vocabulary.category_of(mention.skill) or "").lower()
    if category not in GENERAL_CATEGORIES or region.kind in _LISTING_REGIONS:
        return True
    return bool(_CALLED_A_SKILL.match(region.text, mention.end))


def collect_skills(
    regions: Sequence[Region], vocabulary: SkillVocabulary, *, found: Sequence[Sequence[str]] | None = None
) -> list[SkillEntry]:
    """Every skill the regions give evidence of, in order of first appearance, with evidence and months.

    `found` holds each region's `skills_in`, when the caller has them already. A dated region (a job,
    project, placement or volunteer role) adds its months to each of its skills.
    """
    tallies: dict[str, _Tally] = {}
    for index, region in enumerate(regions):
        for name in found[index] if found is not None else skills_in(region, vocabulary):
            tally = tallies.setdefault(name, _Tally(category=vocabulary.category_of(name) or ""))
            if region.evidence not in tally.evidence and len(tally.evidence) < _MAX_EVIDENCE:
                tally.evidence.append(region.evidence)
            if region.kind in ("job", "project", "course") and region.interval is not None:
                tally.intervals.append(region.interval)
    return [
        SkillEntry(
            name=name,
            category=tally.category[:50],
            evidence=tally.evidence,
            months_experience=min(total_months(tally.intervals), 720) if tally.intervals else None,
        )
        for name, tally in list(tallies.items())[:_MAX_SKILLS]
    ]


def unknown_skill_terms(regions: Iterable[Region], finder: Callable[..., Iterable[str]] | None) -> list[str]:
    """Skill-like terms of the skills sections the vocabulary does not know (for review), when it can tell.

    `finder` is the taxonomy's `unknown_terms(text, *, skills_section=...)` when it has one.
    """
    if finder is None:
        return []
    takes_section = "skills_section" in inspect.signature(finder).parameters
    found: dict[str, None] = {}
    for region in regions:
        if region.kind == "skills":
            terms = finder(region.text, skills_section=True) if takes_section else finder(region.text)
            for term in terms:
                found.setdefault(str(term)[:100])
    return list(found)[:100]
