"""Relevant experience and seniority: years in the job's field count fully, adjacent fields partly.

A month worked counts once, at the affinity of the most relevant role held that month (a nurse who
also did weekend bar shifts has nursing months, not both). Unrelated years count not at all, so a
career changer is judged by the new field's years.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from services.matcher.domain.profiles import CandidateProfile, JobRequirements, RoleHeld
from services.matcher.domain.weights import Level, ScoringWeights

# How related two fields are (1 same, 0 unrelated); `contracts.occupations.field_affinity` in the product.
Affinity = Callable[[str | None, str | None], float]

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
# "Staff" leads only in engineering ("Staff Engineer"); a Staff Nurse or Staff Accountant is not senior.
_LEADERSHIP_TITLE = re.compile(
    r"\b(?:senior|sr|lead|principal|head|chief|director|manager|supervisor|charge|architect|vp"
    r"|staff\s+(?:software\s+|data\s+|ml\s+|site\s+reliability\s+)?engineer)\b",
    re.IGNORECASE,
)
_JUNIOR_TITLE = re.compile(r"\b(?:junior|jr|intern|trainee|graduate|apprentice|entry|assistant)\b", re.IGNORECASE)
LEVELS: tuple[Level, ...] = ("entry", "mid", "senior")


@dataclass(frozen=True)
class RelevantExperience:
    """Months of experience weighted by the relevance of each role's field to the job's."""

    relevant_months: float
    total_months: int | None
    # The roles that counted most, most relevant first: what an explanation names.
    top_roles: tuple[RoleHeld, ...]
    leadership: bool

    @property
    def years(self) -> float:
        """Relevant years."""
        return self.relevant_months / 12


def _month_index(value: str | None) -> int | None:
    match = _DATE.match(value or "")
    if not match:
        return None
    return int(match.group(1)) * 12 + (int(match.group(2)) - 1 if match.group(2) else 0)


def _span(role: RoleHeld) -> tuple[int, int] | None:
    """A role's months as [start, end) month indices, when its start is known."""
    start = _month_index(role.start_date)
    if start is None:
        return None
    if role.months is not None:
        return start, start + max(0, role.months)
    end = _month_index(role.end_date)
    if end is None:
        return None
    return start, max(start, end + 1)


def relevant_experience(job: JobRequirements, candidate: CandidateProfile, affinity: Affinity) -> RelevantExperience:
    """Months in the job's field (adjacent fields partly); all months when the job's field is unknown."""

    def weight(role_field: str | None) -> float:
        return 1.0 if job.field is None else affinity(job.field, role_field)

    best_per_month: dict[int, float] = {}
    undated = 0.0
    scored: list[tuple[float, RoleHeld]] = []
    for role in candidate.roles:
        role_weight = weight(role.field)
        span = _span(role)
        if span is None:
            undated += (role.months or 0) * role_weight
        else:
            for month in range(*span):
                best_per_month[month] = max(best_per_month.get(month, 0.0), role_weight)
        if role_weight > 0:
            scored.append((role_weight, role))
    if candidate.roles:
        relevant = sum(best_per_month.values()) + undated
    else:
        relevant = (candidate.total_experience_months or 0) * weight(candidate.field)
    if candidate.total_experience_months is not None and candidate.roles:
        # Role months never exceed the merged total the parser computed.
        relevant = min(relevant, float(candidate.total_experience_months))
    top = tuple(role for _, role in sorted(scored, key=lambda item: (-item[0], -(item[1].months or 0)))[:3])
    leadership = any(role.title and _LEADERSHIP_TITLE.search(role.title) for role in top)
    return RelevantExperience(
        relevant_months=relevant,
        total_months=candidate.total_experience_months,
        top_roles=top,
        leadership=leadership,
    )


def job_level(job: JobRequirements) -> Level:
    """The job's role level: as given or analysed, else from its minimum years (seed 002 bands)."""
    if job.seniority in LEVELS:
        return job.seniority
    minimum = job.min_years_experience
    if job.max_years_experience is not None and job.max_years_experience <= 2:
        return "entry"
    if minimum is None:
        return "mid"
    if minimum < 2:
        return "entry"
    return "mid" if minimum < 5 else "senior"


def candidate_level(experience: RelevantExperience) -> Level:
    """The candidate's level from relevant years, lifted by a lead title and held down by a junior one."""
    years = experience.years
    level: Level = "entry" if years < 2 else "mid" if years < 5 else "senior"
    recent = experience.top_roles[0].title if experience.top_roles else None
    if level == "mid" and experience.leadership and years >= 4:
        return "senior"
    if level == "mid" and recent and _JUNIOR_TITLE.search(recent) and years < 3:
        return "entry"
    return level


def title_level(roles: Sequence[RoleHeld]) -> Level | None:
    """The level the most recent titled role names, when its years are unknown: a Principal Engineer is
    senior and an intern entry-level, dates or not; a plain title says nothing."""
    recent = next((role.title for role in roles if role.title), None)
    if recent is None:
        return None
    if _JUNIOR_TITLE.search(recent):
        return "entry"
    if _LEADERSHIP_TITLE.search(recent):
        return "senior"
    return None


def years_range(job: JobRequirements, weights: ScoringWeights) -> tuple[float, float | None, bool]:
    """The job's (minimum, maximum, maximum stated) years, defaults taken from its level."""
    defaults = weights.default_years[job_level(job)]
    minimum = job.min_years_experience if job.min_years_experience is not None else defaults.min
    stated = job.max_years_experience is not None
    maximum = job.max_years_experience if stated else defaults.max
    if maximum is not None and maximum < minimum:
        maximum = minimum
    return max(0.0, minimum), maximum, stated


def years_fit(years: float, minimum: float, maximum: float | None, *, stated: bool, weights: ScoringWeights) -> float:
    """How well `years` fits the range, 0-1: short of the minimum in proportion; over a stated maximum
    steeply (it is a rule), over an implied one mildly (seed 002: the risk of leaving)."""
    if years < minimum:
        return years / minimum if minimum > 0 else 1.0
    if maximum is None or years <= maximum:
        return 1.0
    over = years - maximum
    rules = weights.over_experience
    if stated:
        return max(0.0, 1.0 - rules.stated_max_slope * over / (maximum + 1.0))
    return max(rules.soft_floor, 1.0 - rules.soft_penalty_per_year * over)


def seniority_factor(job: Level, candidate: Level, weights: ScoringWeights, *, has_ceiling: bool = True) -> float:
    """The multiplier for a level gap: far too junior and far too senior both lower the fit. Without a
    ceiling (no stated maximum, no explicit level: "3+ years") more experience is never a misfit."""
    gap = LEVELS.index(candidate) - LEVELS.index(job)
    if gap > 0 and not has_ceiling:
        return 1.0
    factors = weights.seniority
    return {
        0: 1.0,
        -1: factors.one_level_below,
        1: factors.one_level_above,
        -2: factors.two_levels_below,
        2: factors.two_levels_above,
    }[gap]


def describe_role(role: RoleHeld) -> str:
    """ "Staff Nurse at St Mary's, 2019–2023" from whatever the role has."""
    what = " at ".join(part for part in (role.title, role.employer) if part) or "a role"
    start = (role.start_date or "")[:4]
    end = "present" if role.is_current else (role.end_date or "")[:4]
    first = _month_index(role.start_date)
    if not end and first is not None and role.months:
        end = str((first + role.months - 1) // 12)
    dates = f"{start}–{end}" if start and end else start or end
    return f"{what}, {dates}" if dates else what


def leadership_skills(candidate: CandidateProfile, names: Sequence[str]) -> bool:
    """Whether the resume shows any of `names` (leadership, mentoring...) in dated work."""
    return any(use.used for key, use in candidate.evidence.items() if key in {name.casefold() for name in names})
