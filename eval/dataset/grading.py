"""The written grading rules of eval/RULES.md, applied to latent profiles and postings.

This module reads only the latent truth (dated roles, the skills each role's work used, credentials,
education, the skills section as written); it never looks at rendered text and never calls product
code. Rules are tried in the order RULES.md numbers them and the first that applies decides.
"""

from __future__ import annotations

from dataclasses import dataclass

from eval.dataset.fields import ADJACENT
from eval.dataset.model import TODAY, Job, Profile, merged_months

# A field counts as the person's when they worked in it this long, or when their latest role is in it.
FIELD_MONTHS = 12
# Share of a posting's required skills a skills section must name to be a keyword stuffer (R2).
STUFFER_SHARE = 0.5
# Share of required skills an adjacent-field career must show for a strong transfer (R3).
ADJACENT_STRONG_SHARE = 0.6
# Years under the minimum, or over the maximum, that are "far" off the level (R7, R8).
FAR_UNDER_YEARS = 3
FAR_OVER_YEARS = 4
# Required skills without evidence beyond which the same-field evidence is weak (R9).
MAX_MISSING_FOR_GAP = 2
# Months since the last same-field work after which someone who left the field has a gap.
LEFT_FIELD_MONTHS = 24
# Relevant experience that stands in for a degree when a posting says "or equivalent".
EQUIVALENT_EXPERIENCE_MONTHS = 48


@dataclass(frozen=True)
class Grade:
    """A pair's grade, the rule that decided it, and the gaps a same-field candidate has."""

    grade: int
    rule: str
    gaps: tuple[str, ...] = ()


def months_in(profile: Profile, fields: frozenset[str]) -> int:
    """Distinct months of the profile's roles in any of `fields`."""
    return merged_months([role for role in profile.roles if role.field in fields])


def _works_in(profile: Profile, fields: frozenset[str]) -> bool:
    latest = profile.roles[0].field if profile.roles else None
    return latest in fields or months_in(profile, fields) >= FIELD_MONTHS


def relation(job: Job, profile: Profile) -> str:
    """ "same", "adjacent" or "other": where the profile's work stands to the job's field (RULES.md §2)."""
    if _works_in(profile, frozenset({job.field})):
        return "same"
    if _works_in(profile, ADJACENT[job.field]):
        return "adjacent"
    return "other"


def education_met(job: Job, profile: Profile, relevant_months: int) -> bool:
    """Whether the profile meets the posting's education requirement (RULES.md §3)."""
    requirement = job.education
    if requirement is None:
        return True
    if any(e.level >= requirement.level and e.subject in requirement.subjects for e in profile.education):
        return True
    if not requirement.equivalent:
        return False
    return (
        any(e.level >= requirement.level for e in profile.education) or relevant_months >= EQUIVALENT_EXPERIENCE_MONTHS
    )


def _share(required: tuple[str, ...], have: frozenset[str]) -> float:
    return sum(skill in have for skill in required) / len(required)


def same_field_gaps(job: Job, profile: Profile) -> list[str]:
    """The gaps RULES.md §4 counts for a same-field candidate (years far off are separate rules)."""
    relevant = months_in(profile, frozenset({job.field}))
    years = relevant // 12
    gaps: list[str] = []
    missing = [skill for skill in job.required_skills if skill not in profile.evidenced_skills()]
    if missing:
        gaps.append("skills")
    if years < job.min_years:
        gaps.append("years_under")
    if job.max_years is not None and years > job.max_years:
        gaps.append("years_over")
    if any(credential not in profile.credentials for credential in job.certifications):
        gaps.append("certification")
    if not education_met(job, profile, relevant):
        gaps.append("education")
    last_in_field = max(role.last_month for role in profile.roles if role.field == job.field)
    if profile.roles[0].field != job.field and TODAY - last_in_field > LEFT_FIELD_MONTHS:
        gaps.append("left_field")
    return gaps


def grade_pair(job: Job, profile: Profile) -> Grade:
    """The grade 0-3 of a profile for a job, by the first rule of RULES.md that applies."""
    where = relation(job, profile)
    evidenced = profile.evidenced_skills()
    required = job.required_skills
    if where == "other":
        if _share(required, frozenset(profile.skills_section())) >= STUFFER_SHARE:
            return Grade(1, "R2")
        return Grade(0, "R1")
    if where == "adjacent":
        adjacent_years = months_in(profile, ADJACENT[job.field]) // 12
        licensed = all(licence in profile.credentials for licence in job.licences)
        share = _share(required, evidenced)
        if share >= ADJACENT_STRONG_SHARE and adjacent_years >= job.min_years and licensed:
            return Grade(2, "R3")
        if share > 0:
            return Grade(1, "R4")
        return Grade(0, "R5")
    years = months_in(profile, frozenset({job.field})) // 12
    if any(licence not in profile.credentials for licence in job.licences):
        return Grade(1, "R6")
    if years <= job.min_years - FAR_UNDER_YEARS:
        return Grade(1, "R7")
    if job.max_years is not None and years >= job.max_years + FAR_OVER_YEARS:
        return Grade(1, "R8")
    if sum(skill not in evidenced for skill in required) > MAX_MISSING_FOR_GAP:
        return Grade(1, "R9")
    gaps = tuple(same_field_gaps(job, profile))
    if len(gaps) >= 2:
        return Grade(1, "R10", gaps)
    if len(gaps) == 1:
        return Grade(2, "R11", gaps)
    return Grade(3, "R12")
