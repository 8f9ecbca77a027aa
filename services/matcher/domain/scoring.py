"""Scoring a resume against a job: deterministic, explained, versioned.

The components follow the applicant-scoring design (seed 002): required skills (with an evidence bonus
inside their cap), preferred skills, experience, education, and for entry-level roles projects, with
points per role level from the versioned configuration (`scoring_weights.yaml`). What a recruiter
weighs shapes each part:

- evidence over claims: a skill counts by what backs it (`skill_credit`), so a keyword list never
  outweighs dated work;
- relevant experience: years in the job's field count fully, adjacent fields partly (`experience`);
- seniority both ways, and a stated maximum of years is a rule;
- hard requirements (licences, required certifications) gate the score;
- relevance: the resume's field and the semantic similarity of the two texts scale the points, so
  another profession's resume that shares vocabulary stays below the job's own profession.

The summed points are multiplied by the relevance, seniority and gate factors; the breakdown keeps
points and factors apart so the score can be recomputed by hand. Same inputs, same output.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from contracts.occupations import classify_role, field_affinity, field_label
from services.matcher.domain.experience import (
    Affinity,
    RelevantExperience,
    candidate_level,
    describe_role,
    job_level,
    relevant_experience,
    seniority_factor,
    title_level,
    years_fit,
    years_range,
)
from services.matcher.domain.explanation import Explanation, explain
from services.matcher.domain.profiles import (
    EDUCATION_RANK,
    CandidateProfile,
    Degree,
    EducationNeed,
    JobRequirements,
    candidate_from_payload,
    job_from_payload,
    skill_key,
)
from services.matcher.domain.skill_credit import SkillMatch, match_skill
from services.matcher.domain.weights import LevelWeights, ScoringWeights, default_weights

__all__ = [
    "CandidateProfile",
    "JobRequirements",
    "MatchScore",
    "candidate_from_payload",
    "job_from_payload",
    "score_match",
    "semantic_share",
]

# Cosine similarities of all-MiniLM-L6-v2 between a resume and a job rarely leave this band:
# below it the texts are unrelated, above it they are about the same work.
SEMANTIC_FLOOR = 0.2
SEMANTIC_CEILING = 0.8
# Months of dated use after which a required skill earns the evidence bonus.
EVIDENCE_BONUS_MONTHS = 12
# Experience the parser could not determine is neither a perfect fit nor none at all.
UNKNOWN_EXPERIENCE_SHARE = 0.5
_WORDS = re.compile(r"[a-z]+")
_SUBJECT_STOPWORDS = frozenset({"of", "in", "and", "or", "the", "related", "field", "science", "sciences", "studies"})
_LEADERSHIP_SKILLS = ("Leadership", "Team Leadership", "Mentoring", "People Management")


@dataclass(frozen=True)
class MatchScore:
    """A score (0-100), the points per component, the multipliers, and the reasons in words."""

    score: float
    breakdown: dict[str, float]
    matched_skills: list[str]
    missing_skills: list[str]
    semantic_similarity: float
    explanation: list[str] = field(default_factory=list)
    scoring_version: str = ""
    factors: dict[str, float] = field(default_factory=dict)
    matched: list[SkillMatch] = field(default_factory=list)
    gates: list[str] = field(default_factory=list)
    details: Explanation | None = None
    required: list[str] = field(default_factory=list)


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


@dataclass(frozen=True)
class _Part:
    points: float
    reason: str


def _required(
    job: JobRequirements, matches: list[SkillMatch], share: float, level: LevelWeights, weights: ScoringWeights
) -> tuple[_Part, _Part]:
    full = level.required_skills
    if not matches:
        points = full * share
        reason = (
            f"Required skills: the job lists none, so this part follows semantic similarity: {points:.1f} of {full:g}."
        )
        return _Part(points, reason), _Part(0.0, "")
    # A posting that names only one or two skills says little about the work: the text's similarity
    # carries the rest of this part, so one generic match ("Communication") cannot decide it.
    said = min(1.0, len(matches) / weights.skills_for_full_weight)
    skill_share = sum(match.credit for match in matches) / len(matches)
    # Similarity only scales what the skills earned: a missing skill earns nothing however close the text.
    base = full * skill_share * (said + (1 - said) * share)
    proven = [m for m in matches if m.used and m.implied_by is None and (m.months or 0) >= EVIDENCE_BONUS_MONTHS]
    bonus = min(full - base, weights.evidence_bonus * full * said * len(proven) / len(matches))
    shown = [m.skill for m in matches if m.shown]
    listed = [m.skill for m in matches if m.listed_only]
    reason = (
        f"Required skills: {len(shown)} of {len(matches)} shown"
        + (f", {len(listed)} only listed ({', '.join(listed)})" if listed else "")
        + (f"; the job names few, so semantic similarity carries {1 - said:.0%}" if said < 1 else "")
        + f": {base:.1f} of {full:g}."
    )
    bonus_reason = f"Evidence bonus: {len(proven)} required skills used for a year or more in dated work: {bonus:.1f}."
    return _Part(base, reason), _Part(max(0.0, bonus), bonus_reason)


def _preferred(
    job: JobRequirements,
    candidate: CandidateProfile,
    matches: list[SkillMatch],
    share: float,
    level: LevelWeights,
    weights: ScoringWeights,
) -> _Part:
    full = level.preferred_skills
    certificates = _distinct(job.preferred_certifications)
    held = candidate.credentials()
    credits = [match.credit for match in matches] + [1.0 if skill_key(name) in held else 0.0 for name in certificates]
    if not credits:
        points = full * share
        return _Part(
            points,
            f"Preferred skills: the job lists none, so this part follows semantic similarity: {points:.1f} of {full:g}.",
        )
    # As for required skills: one or two named extras say little, so the text's similarity scales them.
    said = min(1.0, len(credits) / weights.skills_for_full_weight)
    points = full * sum(credits) / len(credits) * (said + (1 - said) * share)
    shown = [m.skill for m in matches if m.shown] + [name for name in certificates if skill_key(name) in held]
    return _Part(points, f"Preferred: {len(shown)} of {len(credits)} shown: {points:.1f} of {full:g}.")


def _experience(
    job: JobRequirements,
    candidate: CandidateProfile,
    experience: RelevantExperience,
    level: LevelWeights,
    weights: ScoringWeights,
) -> tuple[_Part, float]:
    full = level.experience
    minimum, maximum, stated = years_range(job, weights)
    if not has_dated_experience(candidate):
        points = full * UNKNOWN_EXPERIENCE_SHARE
        return _Part(points, f"Experience: not found on the resume, so half credit: {points:.1f} of {full:g}."), 1.0
    fit = years_fit(experience.years, minimum, maximum, stated=stated, weights=weights)
    wanted = f"{minimum:g}–{maximum:g}" if maximum is not None else f"{minimum:g}+"
    points = full * fit
    if job_level(job) == "senior":
        leads = experience.leadership or _shows_leadership(candidate)
        points *= 1 - weights.leadership_share + (weights.leadership_share if leads else 0.0)
    reason = f"Experience: {experience.years:.1f} relevant years against {wanted} asked: {points:.1f} of {full:g}."
    return _Part(points, reason), fit


def has_dated_experience(candidate: CandidateProfile) -> bool:
    """Whether the resume's experience can be measured: undated roles say nothing about years, so they
    are neither a fit nor a misfit (many real resumes write dates no parser reads)."""
    if candidate.total_experience_months is not None:
        return True
    return any(role.months is not None or role.start_date for role in candidate.roles)


def _shows_leadership(candidate: CandidateProfile) -> bool:
    return any(use.used for key, use in candidate.evidence.items() if key in {skill_key(n) for n in _LEADERSHIP_SKILLS})


def _subject_fit(degree: Degree, need_subjects: Sequence[str], job_field: str | None, affinity: Affinity) -> float:
    subject = degree.subject or ""
    if not subject:
        return 0.0
    words = set(_WORDS.findall(subject.casefold())) - _SUBJECT_STOPWORDS
    for wanted in need_subjects:
        if words & (set(_WORDS.findall(wanted.casefold())) - _SUBJECT_STOPWORDS):
            return 1.0
    if job_field is None:
        return 0.5 if not need_subjects else 0.0
    return affinity(job_field, classify_role(subject))


def _education(
    job: JobRequirements,
    candidate: CandidateProfile,
    experience: RelevantExperience,
    level: LevelWeights,
    affinity: Affinity,
) -> _Part:
    full = level.education
    need: EducationNeed | None = job.education
    degrees = list(candidate.education)
    if need is None:
        best = max((_subject_fit(d, (), job.field, affinity) for d in degrees), default=0.0)
        points = full * (0.75 + 0.25 * best)
        return _Part(points, f"Education: the job states no requirement: {points:.1f} of {full:g}.")
    wanted_rank = EDUCATION_RANK.get(need.level, 0)
    have_rank = max((EDUCATION_RANK.get(d.level or "", 0) for d in degrees), default=0)
    equivalent = need.equivalent_years is not None and experience.years >= need.equivalent_years
    if have_rank >= wanted_rank:
        level_fit = 1.0
    elif equivalent:
        level_fit = 0.8
    elif have_rank == wanted_rank - 1:
        level_fit = 0.4
    else:
        level_fit = 0.0
    if not need.subjects and job.field is None:
        subject_fit = 1.0
    elif have_rank < wanted_rank and equivalent:
        subject_fit = 1.0
    else:
        fits = [_subject_fit(d, need.subjects, job.field, affinity) for d in degrees]
        subject_fit = max(fits, default=0.0) if need.subjects else max(fits, default=0.0) * 0.5 + 0.5
    fit = 0.6 * level_fit + 0.4 * subject_fit
    if not need.required:
        fit = 0.5 + 0.5 * fit
    points = full * fit
    verdict = "meets" if level_fit == 1.0 else "by equivalent experience" if equivalent else "below"
    return _Part(points, f"Education: {verdict} the {need.level.replace('_', ' ')} asked: {points:.1f} of {full:g}.")


def _projects(matches: list[SkillMatch], share: float, level: LevelWeights) -> _Part:
    full = level.projects
    if full <= 0:
        return _Part(0.0, "")
    if not matches:
        points = full * share
        return _Part(points, f"Projects and coursework: follows semantic similarity: {points:.1f} of {full:g}.")
    used = [m for m in matches if m.used]
    points = full * (0.3 + 0.7 * len(used) / len(matches))
    return _Part(
        points,
        f"Projects and work: {len(used)} of the job's {len(matches)} skills shown in use: {points:.1f} of {full:g}.",
    )


def _gates(job: JobRequirements, candidate: CandidateProfile, weights: ScoringWeights) -> tuple[float, list[str]]:
    held = candidate.credentials()
    factor = 1.0
    unmet: list[str] = []
    for licence in _distinct(job.required_licences):
        if skill_key(licence) not in held:
            factor *= weights.gates.missing_licence
            unmet.append(licence)
    for certificate in _distinct(job.required_certifications):
        if skill_key(certificate) not in held:
            factor *= weights.gates.missing_certification
            unmet.append(certificate)
    return max(weights.gates.floor, factor) if unmet else 1.0, unmet


def _relevance(
    job: JobRequirements, candidate: CandidateProfile, share: float, weights: ScoringWeights, affinity: Affinity
) -> float:
    rules = weights.relevance
    if job.field is None or candidate.field is None:
        fit = share
    else:
        fit = rules.field_weight * affinity(job.field, candidate.field) + (1 - rules.field_weight) * share
    return rules.floor + (1 - rules.floor) * fit


def score_match(
    job: JobRequirements,
    candidate: CandidateProfile,
    *,
    semantic_similarity: float,
    weights: ScoringWeights | None = None,
    affinity: Affinity = field_affinity,
) -> MatchScore:
    """Score `candidate` against `job` given the cosine similarity of their embeddings."""
    weights = weights or default_weights()
    similarity = min(1.0, max(-1.0, semantic_similarity))
    share = semantic_share(similarity)
    level_name = job_level(job)
    level = weights.levels[level_name]
    credit_rules = weights.skill_credit

    required_matches = [match_skill(skill, candidate, credit_rules) for skill in _distinct(job.required_skills)]
    required_keys = {skill_key(m.skill) for m in required_matches}
    preferred_matches = [
        match_skill(skill, candidate, credit_rules)
        for skill in _distinct(job.preferred_skills)
        if skill_key(skill) not in required_keys
    ]
    experience = relevant_experience(job, candidate, affinity)

    required, bonus = _required(job, required_matches, share, level, weights)
    preferred = _preferred(job, candidate, preferred_matches, share, level, weights)
    experience_part, fit = _experience(job, candidate, experience, level, weights)
    education = _education(job, candidate, experience, level, affinity)
    projects = _projects(required_matches + preferred_matches, share, level)

    known_experience = has_dated_experience(candidate)
    level_shown = candidate_level(experience) if known_experience else title_level(candidate.roles)
    # "3+ years" leaves the top open; an entry-level role or a stated maximum closes it.
    has_ceiling = job.max_years_experience is not None or level_name == "entry"
    seniority = 1.0
    if level_shown is not None:
        seniority = seniority_factor(level_name, level_shown, weights, has_ceiling=has_ceiling)
    minimum, maximum, stated = years_range(job, weights)
    if known_experience and stated and maximum is not None and experience.years > maximum:
        # A stated maximum is a rule: past it the whole score falls, not only the experience points.
        seniority *= 1 - weights.over_experience.stated_max_share + weights.over_experience.stated_max_share * fit
    gate, unmet = _gates(job, candidate, weights)
    relevance = _relevance(job, candidate, share, weights, affinity)

    parts = {
        "required_skills": required,
        "evidence_bonus": bonus,
        "preferred_skills": preferred,
        "experience": experience_part,
        "education": education,
        "projects": projects,
    }
    points = sum(part.points for part in parts.values())
    factors = {"relevance": relevance, "seniority": seniority, "gates": gate}
    total = points * relevance * seniority * gate
    score = round(min(100.0, max(0.0, total)), 1)
    details = explain(
        job=job,
        candidate=candidate,
        score=score,
        required=required_matches,
        preferred=preferred_matches,
        experience=experience,
        years_wanted=years_range(job, weights),
        experience_fit=fit,
        seniority=(level_name, level_shown, seniority) if level_shown is not None else None,
        unmet=unmet,
        job_field=field_label(job.field) if job.field else None,
        same_field=job.field is not None
        and candidate.field is not None
        and affinity(job.field, candidate.field) >= 1.0,
        describe_role=describe_role,
    )
    reasons = [part.reason for part in parts.values() if part.reason]
    reasons.append(
        f"Points {points:.1f} × relevance {relevance:.2f} (field and semantic similarity {similarity:.2f})"
        f" × seniority {seniority:.2f} × hard requirements {gate:.2f} = {score:.1f}."
    )
    return MatchScore(
        score=score,
        breakdown={name: round(part.points, 2) for name, part in parts.items() if part.reason},
        factors={name: round(value, 4) for name, value in factors.items()},
        matched_skills=[m.skill for m in required_matches if m.shown],
        missing_skills=[m.skill for m in required_matches if not m.shown],
        matched=[m for m in (*required_matches, *preferred_matches) if m.shown],
        required=[m.skill for m in required_matches],
        semantic_similarity=round(similarity, 6),
        explanation=reasons,
        scoring_version=weights.version,
        gates=unmet,
        details=details,
    )
