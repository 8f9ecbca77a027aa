"""An explanation a recruiter can trust and a candidate can learn from: strengths with their evidence,
gaps, and what to do about them.

Every strength names a skill the resume shows, with where it shows it; nothing is claimed that the
resume does not show (a test holds this), and a listed-only skill is called what it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from services.matcher.domain.experience import RelevantExperience
from services.matcher.domain.profiles import CandidateProfile, JobRequirements, RoleHeld
from services.matcher.domain.skill_credit import SkillMatch

_MAX_ITEMS = 8


@dataclass(frozen=True)
class Explanation:
    """A summary sentence, then strengths, gaps and recommendations."""

    summary: str
    strengths: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)


def _verdict(score: float) -> str:
    if score >= 75:
        return "Strong match"
    if score >= 55:
        return "Good match"
    if score >= 35:
        return "Partial match"
    return "Weak match"


def _range(years: tuple[float, float | None, bool]) -> str:
    minimum, maximum, _ = years
    return f"{minimum:g}–{maximum:g}" if maximum is not None else f"{minimum:g}+"


def explain(
    *,
    job: JobRequirements,
    candidate: CandidateProfile,
    score: float,
    required: Sequence[SkillMatch],
    preferred: Sequence[SkillMatch],
    experience: RelevantExperience,
    years_wanted: tuple[float, float | None, bool],
    experience_fit: float,
    seniority: tuple[str, str, float] | None,
    unmet: Sequence[str],
    job_field: str | None,
    same_field: bool,
    describe_role: Callable[[RoleHeld], str],
) -> Explanation:
    """The words for a computed score, from the same facts the score used."""
    strengths: list[str] = []
    gaps: list[str] = []
    advice: list[str] = []

    used = [m for m in required if m.shown and m.used]
    listed = [m for m in required if m.listed_only]
    missing = [m for m in required if not m.shown]
    strengths += [f"{m.skill}: {m.evidence}" for m in used[:_MAX_ITEMS]]
    pref_shown = [m for m in preferred if m.shown]
    if pref_shown:
        strengths.append("Preferred: " + ", ".join(f"{m.skill} ({m.evidence})" for m in pref_shown[:4]))
    if experience.top_roles and experience.relevant_months >= 6:
        roles = "; ".join(describe_role(role) for role in experience.top_roles[:2])
        where = f" in {job_field.lower()}" if job_field and same_field else ""
        strengths.append(f"{experience.years:.1f} years of relevant experience{where} ({roles})")
    held = sorted({*candidate.licences, *candidate.certifications})
    demanded = {name.casefold() for name in (*job.required_licences, *job.required_certifications)}
    held_asked = [name for name in held if name.casefold() in demanded]
    if held_asked:
        strengths.append("Holds " + ", ".join(held_asked))

    if missing:
        gaps.append("Missing required skills: " + ", ".join(m.skill for m in missing))
        advice += [
            f"Build and show experience with {m.skill}: a project or role bullet that uses it" for m in missing[:3]
        ]
    if listed:
        gaps.append("Only listed, not shown in dated work: " + ", ".join(m.skill for m in listed))
        advice += [f"Show where you used {m.skill}: name it in the role or project where you did" for m in listed[:3]]
    pref_missing = [m.skill for m in preferred if not m.shown]
    if pref_missing:
        gaps.append("Preferred skills not shown: " + ", ".join(pref_missing[:_MAX_ITEMS]))
    minimum, maximum, stated = years_wanted
    # Years the posting never stated are the level's usual range, and said to be so.
    asked = (
        "asked"
        if job.min_years_experience is not None or job.max_years_experience is not None
        else "usual for the level"
    )
    if experience_fit < 1.0:
        if experience.years < minimum:
            gaps.append(f"Experience: {experience.years:.1f} relevant years against {_range(years_wanted)} {asked}")
            advice.append("Describe the dated work closest to this role so its months count")
        elif maximum is not None:
            kind = "a stated maximum" if stated else "the level"
            gaps.append(f"Experience: {experience.years:.1f} relevant years, above {kind} of {maximum:g}")
    if seniority is not None and seniority[2] < 1.0:
        gaps.append(f"Seniority: the role is {seniority[0]}-level; the resume reads as {seniority[1]}-level")
    for name in unmet:
        gaps.append(f"Required credential not shown: {name}")
        advice.append(f"Obtain {name}, or list it if you hold it")
    if job_field and not same_field and candidate.field is not None:
        gaps.append(f"Recent work is outside {job_field.lower()}")

    shown = len([m for m in required if m.shown])
    summary = (
        f"{_verdict(score)} ({score:.1f}/100): "
        + (f"{shown} of {len(required)} required skills shown, {len(used)} in dated work; " if required else "")
        + f"{experience.years:.1f} relevant years against {_range(years_wanted)} {asked}"
        + (f"; missing {', '.join(unmet)}" if unmet else "")
        + "."
    )
    return Explanation(
        summary=summary,
        strengths=strengths[:_MAX_ITEMS],
        gaps=gaps[:_MAX_ITEMS],
        recommendations=advice[:_MAX_ITEMS],
    )
