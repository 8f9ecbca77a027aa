"""Scoring a resume against a job: deterministic, explained, versioned.

The weights follow the applicant-scoring design (seed 002, "Scoring Components and Weights"):
required skills 50 points (plus a small evidence bonus, capped), preferred skills 20, experience 20,
education 10. Education is not parsed yet, so its 10 points go to the semantic similarity of the
two texts instead, and the breakdown says so by naming that component `semantic`.

Where a job lists no required (or no preferred) skills, giving every applicant the full points would
say nothing; that component is scored by semantic similarity instead, in proportion.
Role-level weight adjustments (entry, mid, senior) are a later step: `Weights` is where they go.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

SCORING_VERSION = "v1"

# Cosine similarities of all-MiniLM-L6-v2 between a resume and a job rarely leave this band:
# below it the texts are unrelated, above it they are about the same work.
SEMANTIC_FLOOR = 0.2
SEMANTIC_CEILING = 0.8

# The contract carries only a job's minimum experience. Past this many years above the minimum a
# candidate counts as over-qualified (seed 002: a mild penalty for the risk of leaving).
OVERQUALIFIED_AFTER_YEARS = 5.0
OVERQUALIFIED_PENALTY_PER_YEAR = 2.0
OVERQUALIFIED_MAX_PENALTY = 5.0

# Experience the parser could not determine is neither a perfect fit nor none at all.
UNKNOWN_EXPERIENCE_SHARE = 0.5


@dataclass(frozen=True)
class Weights:
    """Points per component; they add up to 100."""

    required_skills: float = 50.0
    required_evidence_bonus: float = 5.0
    preferred_skills: float = 20.0
    experience: float = 20.0
    semantic: float = 10.0


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class JobRequirements:
    """What a job asks for (canonical skill names)."""

    required_skills: Sequence[str]
    preferred_skills: Sequence[str] = ()
    min_years_experience: float | None = None


@dataclass(frozen=True)
class CandidateProfile:
    """What a resume shows (canonical skill names); `evidenced_skills` are those backed by a project."""

    skills: Sequence[str]
    total_experience_months: int | None = None
    evidenced_skills: frozenset[str] = frozenset()


@dataclass(frozen=True)
class MatchScore:
    """A score (0-100), the points per component, and the reasons in words."""

    score: float
    breakdown: dict[str, float]
    matched_skills: list[str]
    missing_skills: list[str]
    semantic_similarity: float
    explanation: list[str] = field(default_factory=list)
    scoring_version: str = SCORING_VERSION


def skill_key(name: str) -> str:
    """How skills are compared: canonical names, case-insensitively."""
    return name.strip().casefold()


def semantic_share(similarity: float) -> float:
    """Cosine similarity mapped linearly from [SEMANTIC_FLOOR, SEMANTIC_CEILING] onto [0, 1], clamped."""
    share = (similarity - SEMANTIC_FLOOR) / (SEMANTIC_CEILING - SEMANTIC_FLOOR)
    return min(1.0, max(0.0, share))


def _distinct(skills: Sequence[str]) -> list[str]:
    seen: dict[str, str] = {}
    for skill in skills:
        key = skill_key(skill)
        if key and key not in seen:
            seen[key] = skill.strip()
    return list(seen.values())


def _listing(skills: Sequence[str]) -> str:
    return ", ".join(skills) if skills else "none"


def _required_points(
    job: JobRequirements, candidate: CandidateProfile, share: float, weights: Weights
) -> tuple[float, list[str], list[str], str]:
    required = _distinct(job.required_skills)
    if not required:
        points = weights.required_skills * share
        reason = (
            f"Required skills: the job lists none, so this part follows semantic similarity: "
            f"{points:.1f} of {weights.required_skills:.0f}."
        )
        return points, [], [], reason
    have = {skill_key(skill) for skill in candidate.skills}
    evidenced = {skill_key(skill) for skill in candidate.evidenced_skills}
    matched = [skill for skill in required if skill_key(skill) in have]
    missing = [skill for skill in required if skill_key(skill) not in have]
    with_evidence = [skill for skill in matched if skill_key(skill) in evidenced]
    base = len(matched) / len(required) * weights.required_skills
    bonus = len(with_evidence) / len(required) * weights.required_evidence_bonus
    points = min(weights.required_skills, base + bonus)
    reason = (
        f"Required skills: {len(matched)} of {len(required)} matched ({_listing(matched)}); "
        f"missing: {_listing(missing)}"
        + (f"; {len(with_evidence)} backed by project evidence" if with_evidence else "")
        + f": {points:.1f} of {weights.required_skills:.0f}."
    )
    return points, matched, missing, reason


def _preferred_points(
    job: JobRequirements, candidate: CandidateProfile, share: float, weights: Weights
) -> tuple[float, str]:
    preferred = _distinct(job.preferred_skills)
    if not preferred:
        points = weights.preferred_skills * share
        reason = (
            f"Preferred skills: the job lists none, so this part follows semantic similarity: "
            f"{points:.1f} of {weights.preferred_skills:.0f}."
        )
        return points, reason
    have = {skill_key(skill) for skill in candidate.skills}
    matched = [skill for skill in preferred if skill_key(skill) in have]
    points = len(matched) / len(preferred) * weights.preferred_skills
    reason = (
        f"Preferred skills: {len(matched)} of {len(preferred)} matched ({_listing(matched)}): "
        f"{points:.1f} of {weights.preferred_skills:.0f}."
    )
    return points, reason


def _experience_points(job: JobRequirements, candidate: CandidateProfile, weights: Weights) -> tuple[float, str]:
    full = weights.experience
    minimum = job.min_years_experience
    if candidate.total_experience_months is None:
        points = full * UNKNOWN_EXPERIENCE_SHARE
        return points, f"Experience: not found on the resume, so half credit: {points:.1f} of {full:.0f}."
    years = max(0, candidate.total_experience_months) / 12
    if minimum is None:
        return full, f"Experience: the job states no minimum; {years:.1f} years: {full:.0f} of {full:.0f}."
    minimum = max(0.0, minimum)
    maximum = minimum + OVERQUALIFIED_AFTER_YEARS
    if years < minimum:
        points = years / minimum * full
        verdict = f"{years:.1f} years against a minimum of {minimum:g}"
    elif years <= maximum:
        points = full
        verdict = f"{years:.1f} years meets the minimum of {minimum:g}"
    else:
        penalty = min(OVERQUALIFIED_MAX_PENALTY, (years - maximum) * OVERQUALIFIED_PENALTY_PER_YEAR)
        points = full - penalty
        verdict = f"{years:.1f} years is well above the minimum of {minimum:g} (over-qualified)"
    return points, f"Experience: {verdict}: {points:.1f} of {full:.0f}."


def score_match(
    job: JobRequirements,
    candidate: CandidateProfile,
    *,
    semantic_similarity: float,
    weights: Weights = DEFAULT_WEIGHTS,
) -> MatchScore:
    """Score `candidate` against `job` given the cosine similarity of their embeddings."""
    similarity = min(1.0, max(-1.0, semantic_similarity))
    share = semantic_share(similarity)
    required, matched, missing, required_reason = _required_points(job, candidate, share, weights)
    preferred, preferred_reason = _preferred_points(job, candidate, share, weights)
    experience, experience_reason = _experience_points(job, candidate, weights)
    semantic = weights.semantic * share
    semantic_reason = (
        f"Semantic similarity {similarity:.2f} of the resume and the job texts "
        f"(standing in for education, which is not parsed yet): {semantic:.1f} of {weights.semantic:.0f}."
    )
    total = required + preferred + experience + semantic
    return MatchScore(
        score=round(min(100.0, max(0.0, total)), 1),
        breakdown={
            "required_skills": round(required, 2),
            "preferred_skills": round(preferred, 2),
            "experience": round(experience, 2),
            "semantic": round(semantic, 2),
        },
        matched_skills=matched,
        missing_skills=missing,
        semantic_similarity=round(similarity, 6),
        explanation=[required_reason, preferred_reason, experience_reason, semantic_reason],
    )
