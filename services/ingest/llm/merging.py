"""Combining the deterministic profile with a grounded LLM answer.

The LLM may add structure (experience, education, projects, certifications, a name the heuristics
missed); the deterministic extractor stays the authority on what it computes (skill evidence and
months, total experience, contact details, confidence). Skills are the union of both, except a skill
the resume mentions only inside instructions to an AI: that one is credited by neither.
Pure functions: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from services.ingest.domain.dates import Interval, total_months
from services.ingest.domain.schema import ExperienceEntry, Link, ParsedProfile, SkillEntry
from services.ingest.llm.grounding import GroundedProfile, SourceText, flag_value, normalise_phrase

PROMPT_INJECTION_FLAG = "prompt_injection_suspected"
_MAX_UNKNOWN_SKILLS = 100
_MAX_LINKS = 20
_MAX_MONTHS = 720
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")

EntryT = TypeVar("EntryT")


def merge_profiles(
    baseline: ParsedProfile, grounded: GroundedProfile, *, source: SourceText, prompt_version: str, today: date
) -> ParsedProfile:
    """The profile to store: `baseline` (deterministic) enriched by `grounded` (the checked LLM answer)."""
    llm = grounded.profile
    flags = list(baseline.review_flags)
    skills = _merge_skills(baseline.skills, llm.skills, source=source, flags=flags)
    experience = _richer(baseline.experience, [_with_duration(entry, today) for entry in llm.experience])
    total = baseline.total_experience_months
    if total is None and experience:
        total = total_experience_months(experience, today=today)
    if total is not None:
        skills = [_capped(skill, total) for skill in skills]
    flags += grounded.dropped
    if source.has_injection:
        flags.append(PROMPT_INJECTION_FLAG)
    return baseline.model_copy(
        update={
            "extractor": "llm",
            "llm_prompt_version": prompt_version,
            "name": llm.name or baseline.name,
            "email": baseline.email or llm.email,
            "phone": baseline.phone or llm.phone,
            "links": _merge_links(baseline, llm),
            "headline": baseline.headline or llm.headline,
            "summary": baseline.summary or llm.summary,
            "skills": skills,
            "experience": experience,
            "projects": _richer(baseline.projects, llm.projects),
            "education": _richer(baseline.education, llm.education),
            "certifications": _richer(baseline.certifications, llm.certifications),
            "total_experience_months": total,
            "unknown_skills": _merge_unknown(baseline.unknown_skills, grounded.unknown_skills),
            "review_flags": list(dict.fromkeys(flags)),
        }
    )


def with_flags(profile: ParsedProfile, *flags: str) -> ParsedProfile:
    """`profile` with more review flags (each once)."""
    return profile.model_copy(update={"review_flags": list(dict.fromkeys([*profile.review_flags, *flags]))})


def _merge_skills(
    baseline: Sequence[SkillEntry], llm: Sequence[SkillEntry], *, source: SourceText, flags: list[str]
) -> list[SkillEntry]:
    merged: dict[str, SkillEntry] = {}
    for skill in baseline:
        # Mentioned in the text, but only inside instructions to an AI: keyword stuffing aimed at us.
        if skill.name in source.all_skills and skill.name not in source.skills:
            flags.append(f"injected_skill_dropped:{flag_value(skill.name)}")
            continue
        merged[skill.name] = skill
    for skill in llm:
        known = merged.get(skill.name)
        if known is None:
            merged[skill.name] = skill
            continue
        # The deterministic evidence and months win; the LLM only fills what they leave empty.
        merged[skill.name] = known.model_copy(
            update={
                "evidence": known.evidence or skill.evidence,
                "months_experience": known.months_experience
                if known.months_experience is not None
                else skill.months_experience,
            }
        )
    return list(merged.values())


def _capped(skill: SkillEntry, total_months: int) -> SkillEntry:
    # Nobody has used a skill for longer than they have worked (the LLM's months are a claim).
    if skill.months_experience is not None and skill.months_experience > total_months:
        return skill.model_copy(update={"months_experience": total_months})
    return skill


def _richer(baseline: list[EntryT], llm: list[EntryT]) -> list[EntryT]:
    """The LLM's entries when it found at least as many as the deterministic parser, else the parser's."""
    return llm if llm and len(llm) >= len(baseline) else baseline


def _merge_links(baseline: ParsedProfile, llm: ParsedProfile) -> list[Link]:
    seen = {normalise_phrase(link.url) for link in baseline.links}
    extra = [link for link in llm.links if normalise_phrase(link.url) not in seen]
    return [*baseline.links, *extra][:_MAX_LINKS]


def _merge_unknown(baseline: Sequence[str], llm: Sequence[str]) -> list[str]:
    seen: dict[str, str] = {}
    for term in [*baseline, *llm]:
        seen.setdefault(normalise_phrase(term), term)
    return list(seen.values())[:_MAX_UNKNOWN_SKILLS]


def _month_index(value: str | None) -> int | None:
    match = _DATE.match(value) if value else None
    if match is None:
        return None
    year, month = int(match.group(1)), match.group(2)
    # A bare year starts in January and, as an end, counts as reached in January too ("2019-2021" = 24 months).
    return year * 12 + (int(month) - 1 if month else 0)


def _range(entry: ExperienceEntry, today: date) -> Interval | None:
    start = _month_index(entry.start_date)
    finish = today.year * 12 + today.month - 1 if entry.is_current else _month_index(entry.end_date)
    if start is None or finish is None or finish < start:
        return None
    return start, finish


def _with_duration(entry: ExperienceEntry, today: date) -> ExperienceEntry:
    # Recomputed from the dates: a duration the model states is not evidence.
    span = _range(entry, today)
    months = min(span[1] - span[0], _MAX_MONTHS) if span else None
    return entry.model_copy(update={"duration_months": months})


def total_experience_months(entries: Sequence[ExperienceEntry], *, today: date) -> int | None:
    """Months covered by the entries' date ranges, overlapping ranges counted once."""
    spans = [span for entry in entries if (span := _range(entry, today)) is not None]
    return min(total_months(spans), _MAX_MONTHS) if spans else None
