"""How much a skill counts, by what backs it, and the evidence in words.

Dated use earns most, and more the longer it lasted; a skill only listed in a skills section or a
summary earns far less, so a keyword list never outweighs the work; a skill the resume implies
(Helm implies Kubernetes) earns a share of what its implier earned.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.matcher.domain.profiles import CandidateProfile, SkillUse, Source, skill_key
from services.matcher.domain.weights import SkillCredit

_WORK_KINDS = ("job", "project", "course", "certification")
_KIND_WORDS = {"project": "project", "course": "course", "certification": "certification"}


@dataclass(frozen=True)
class SkillMatch:
    """One job skill as the resume shows it: the credit it earned and why."""

    skill: str
    credit: float
    used: bool
    months: int | None
    evidence: str
    implied_by: str | None = None
    # Known to be only listed (a skills section, a summary), as opposed to used or of unknown backing.
    listed_only: bool = False

    @property
    def shown(self) -> bool:
        """Whether the resume shows the skill at all (itself or by implication)."""
        return self.credit > 0


def _use_credit(use: SkillUse, rules: SkillCredit) -> float:
    if not use.used:
        return rules.listed_only
    if use.months is None or use.months <= 0:
        return rules.used_undated
    return rules.used_base + (1 - rules.used_base) * min(1.0, use.months / rules.used_full_months)


def _years(months: int) -> str:
    if months < 12:
        return f"{months} month{'s' if months != 1 else ''}"
    years = round(months / 12, 1)
    return f"{years:g} year{'s' if years != 1 else ''}"


def _source_dates(source: Source) -> str:
    start = (source.start_date or "")[:4]
    end = (source.end_date or "")[:4] or ("present" if start else "")
    if start and end and start != end:
        return f"{start}–{end}"
    return start or end


def describe_use(use: SkillUse) -> str:
    """ "4 years at Acme, 2019–2023" / "in project Ledger Sync" / "listed in the skills section"."""
    worked = [source for source in use.sources if source.kind in _WORK_KINDS]
    if not use.used or not worked:
        listed = {source.kind for source in use.sources}
        where = "the summary" if listed and listed <= {"summary", "headline"} else "the skills section"
        return f"listed in {where}, not shown in dated work"
    places: list[str] = []
    for source in worked[:3]:
        label = source.label or source.kind
        where = f"{_KIND_WORDS[source.kind]} {label}" if source.kind in _KIND_WORDS else label
        dates = _source_dates(source)
        places.append(f"{where}, {dates}" if dates else where)
    duration = f"{_years(use.months)} " if use.months else ""
    joined = "; ".join(places)
    return f"{duration}at {joined}" if worked[0].kind == "job" else f"{duration}in {joined}".strip()


def match_skill(skill: str, candidate: CandidateProfile, rules: SkillCredit) -> SkillMatch:
    """What `candidate` earns for `skill`: its own evidence, an implication, or nothing."""
    key = skill_key(skill)
    use = candidate.evidence.get(key)
    if use is not None:
        return SkillMatch(
            skill, _use_credit(use, rules), use.used, use.months, describe_use(use), listed_only=not use.used
        )
    if key in {skill_key(name) for name in candidate.skills}:
        known = candidate.evidence_known
        credit = rules.listed_only if known else rules.unknown_evidence
        return SkillMatch(skill, credit, False, None, "named on the resume", listed_only=known)
    implier = candidate.implied.get(key)
    if implier is not None:
        source = candidate.evidence.get(skill_key(implier))
        base = _use_credit(source, rules) if source is not None else rules.unknown_evidence
        used = source is not None and source.used
        return SkillMatch(
            skill,
            base * rules.implied_share,
            used,
            source.months if source is not None else None,
            f"implied by {implier}" + (f" ({describe_use(source)})" if source is not None else ""),
            implied_by=implier,
        )
    return SkillMatch(skill, 0.0, False, None, "")
