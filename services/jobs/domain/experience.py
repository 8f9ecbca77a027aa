"""How much experience a job asks for: a minimum, and a ceiling when the posting states one.

- "3-5 years" reads 3..5, "5+ years" and "at least 5 years" 5..open, "less than 12 months", "up to
  2 years" and "no more than 3 years" open..ceiling. A ceiling is a rule the matcher enforces, so it
  is read only in a clause about experience ("a contract of up to 2 years" is not one). Months are
  read as years ("18 months" is 1.5).
- Postings for new or recent graduates, graduate schemes, entry-level roles and roles needing "no
  experience" get a ceiling of `NEW_GRADUATE_MAX_YEARS` (2) when no figure states one: graduate
  schemes commonly take people up to two years after graduation, and a graduate's internships and
  part-time jobs add up to more than a year of dated roles, which a ceiling of 1 would hold against them.
- Years tied to a skill ("3 years of Python", "2+ years of experience with React") count only when
  the posting states no general figure ("3+ years of experience", "5 years of experience in
  accounting", "as a nurse"): a general figure describes the career the job wants, a skill's years
  describe that skill, which the skill match weighs. "Experience in" names a domain, "with" a tool.
- Each minimum is a bar, so the largest counts; the ceiling is the smallest stated one that is not
  below the minimum (a posting contradicting itself keeps its minimum, the safer rule to apply).
- Figures in preferred spans ("8+ years in fintech is a plus") or benefits are not requirements, nor
  is experience accepted in place of a degree ("or four years of equivalent experience"): the
  education reader keeps that as the degree's equivalent.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from services.jobs.domain.seniority import ENTRY_LEVEL_CUE
from services.jobs.domain.spans import ClaimedSpans, PostingText

# The ceiling assumed for new graduates when the posting states no figure (see the module docstring).
NEW_GRADUATE_MAX_YEARS = 2.0
# A figure above this is a date, an age or a typo, not an experience requirement.
_MAX_PLAUSIBLE_YEARS = 40.0
# How far after a figure a skill may be named and still be the subject of those years.
_SKILL_WINDOW_CHARS = 45
_CONTEXT_CHARS = 150

# Numbers written as words in postings ("five years"); education reads the same words.
NUMBER_WORDS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "eighteen": 18,
    "twenty": 20,
}
_NUM = r"(?:\d{1,2}(?:\.\d)?|" + "|".join(word for word in NUMBER_WORDS if word != "a") + r")"
_UNIT = r"(?P<unit>years?|yrs?\.?|months?|mos\.?)"
_FLAGS = re.IGNORECASE

# Tried in order; a later pattern never re-reads text an earlier one matched ("2-4 years of
# experience" is one range, not also a plain "4 years of experience"). Ceilings come before minimums
# so "no more than 3 years" is not read as "more than 3 years".
_RANGES = (
    re.compile(rf"\b(?P<lo>{_NUM})\s*(?:-|–|—|to)\s*(?P<hi>{_NUM})\s*(?P<open>\+)?\s*{_UNIT}", _FLAGS),
    re.compile(rf"\bbetween\s+(?P<lo>{_NUM})\s+and\s+(?P<hi>{_NUM})\s*{_UNIT}", _FLAGS),
)
_CEILINGS = (
    re.compile(
        r"(?<!\bnot )(?<!\bno )\b(?:less\s+than|fewer\s+than|under|up\s+to|no\s+more\s+than|not\s+more\s+than"
        rf"|(?:a\s+)?maximum(?:\s+of)?|max\.?|at\s+most)\s+(?P<hi>{_NUM}|a)\s*{_UNIT}",
        _FLAGS,
    ),
)
_MINIMUMS = (
    re.compile(rf"\b(?P<lo>{_NUM})\s*\+\s*{_UNIT}", _FLAGS),
    re.compile(rf"\b(?P<lo>{_NUM})\s*{_UNIT}\s*(?:\+|or\s+more\b|or\s+longer\b|and\s+(?:above|over|up)\b)", _FLAGS),
    re.compile(rf"\b(?P<lo>{_NUM})\s+or\s+more\s+{_UNIT}", _FLAGS),
    re.compile(
        r"\b(?:at\s+least|a\s+minimum\s+of|minimum(?:\s+of)?|min\.?|over|more\s+than|in\s+excess\s+of"
        rf"|no\s+less\s+than|not\s+less\s+than)\s+(?P<lo>{_NUM}|a)\s*\+?\s*{_UNIT}",
        _FLAGS,
    ),
    # A bare "N years" counts only next to "experience".
    re.compile(rf"\b(?P<lo>{_NUM}|a)\s*{_UNIT}['’]?\s+(?:of\s+)?(?:[\w-]+\s+){{0,4}}?experience", _FLAGS),
    re.compile(rf"\b(?P<unit>years|months)\s+of\s+experience\s*[:\-–]\s*(?P<lo>{_NUM})\b", _FLAGS),
    re.compile(rf"\bexperience\s*[:\-–]\s*(?P<lo>{_NUM})\s*\+?\s*{_UNIT}", _FLAGS),
)

# "3 years of Python", "2 years with React": a figure read only when a skill follows it directly.
_SKILL_YEARS = re.compile(
    rf"\b(?P<lo>{_NUM}|a)\s*\+?\s*{_UNIT}['’]?\s+(?:of\s+)?"
    r"(?:(?:hands[- ]on|professional|commercial|production|practical|working|solid|proven)\s+)?"
    r"(?:(?:with|in|using|programming|developing|building|writing)\s+)?",
    _FLAGS,
)

# What follows a figure that is not experience: "a 12 month contract", "10 years ago", "18 years old".
_NOT_EXPERIENCE_AFTER = re.compile(
    r"\W{0,3}(?:[\w-]+\s+)??(?:contracts?|assignments?|fixed[- ]term|term\b|ago\b|old\b|of\s+age|probation"
    r"|warranty|lease|visa|secondment|maternity|paternity|parental|notice|guarantee|vesting|cliff|retention"
    r"|commitment|tenure|in\s+business|in\s+operation)",
    _FLAGS,
)
# What precedes a figure that is not experience: "within 6 months of hire", "in the last 2 years".
_NOT_EXPERIENCE_BEFORE = re.compile(
    r"(?:within|after|every|per|each|(?:for|in|over|during)\s+the\s+(?:first|last|past|next))\s*$", _FLAGS
)
# Experience accepted in place of a degree ("a related degree, or four years of equivalent experience",
# "6 years in lieu of a degree") is an alternative to the education, not a minimum for everyone.
_INSTEAD_OF_EDUCATION_BEFORE = re.compile(r"\bor\s+(?:an?\s+)?(?:additional\s+)?$", _FLAGS)
_INSTEAD_OF_EDUCATION = re.compile(
    r"\bequivalent\s+(?:practical\s+|professional\s+|work\s+|relevant\s+|industry\s+)?experience\b"
    r"|\bin\s+(?:lieu|place)\s+of\b|\binstead\s+of\s+(?:a\s+)?(?:degree|qualification)",
    _FLAGS,
)
# A ceiling is only trusted in a clause about a career ("up to 2 years of experience").
_EXPERIENCE_CONTEXT = re.compile(
    r"\bexperience[ds]?\b|\bexp\b|\bin\s+(?:a|the)\s+(?:similar|related|relevant|same)\s+(?:role|position|field|capacity)"
    r"|\bin\s+(?:the\s+)?(?:field|industry|profession|workforce)\b|\bpost[- ]?qualification\b|\bprofessional\b"
    r"|\bgraduat|\bqualified\b|\bcareer\b|\bwork(?:ing)?\s+(?:history|life)\b",
    _FLAGS,
)
# "5 years of experience as a Registered Nurse" is a career, not a skill, even when the role names one;
# "experience in" names a domain ("in software development", "in an acute care setting") where
# "experience with" names a tool ("with Python").
_GENERAL_SUBJECT = re.compile(r"\bas\s+an?\b|\bexperience\s+in\b", _FLAGS)
# A title for graduates ("Graduate Software Engineer", "New Grad RN"), not for graduate students or assistants.
_GRADUATE_TITLE = re.compile(
    r"\b(?:new[- ]grad(?:uate)?|graduate)\b(?!\s+(?:assistant|student|research|teaching|school|degree))", _FLAGS
)


@dataclass(frozen=True)
class ExperienceRange:
    """The years of experience a job asks for: at least `minimum`, at most `maximum` (None: unstated)."""

    minimum: float | None
    maximum: float | None


@dataclass(frozen=True)
class _Figure:
    minimum: float | None
    maximum: float | None
    about_a_skill: bool


def experience_range(posting: PostingText, *, skill_starts: Sequence[int] = ()) -> ExperienceRange:
    """The experience a posting asks for (see the module docstring for the rules).

    `skill_starts` are the offsets in `posting.text` where skills are named, in order.
    """
    figures = _figures(posting, skill_starts)
    general = [figure for figure in figures if not figure.about_a_skill]
    chosen = general or figures
    minimums = [figure.minimum for figure in chosen if figure.minimum is not None]
    minimum = max(minimums) if minimums else None
    ceilings = sorted(
        figure.maximum for figure in chosen if figure.maximum is not None and figure.maximum >= (minimum or 0.0)
    )
    maximum = ceilings[0] if ceilings else None
    if maximum is None and _addresses_new_graduates(posting) and (minimum or 0.0) < NEW_GRADUATE_MAX_YEARS:
        maximum = NEW_GRADUATE_MAX_YEARS
    return ExperienceRange(minimum=minimum, maximum=maximum)


def _figures(posting: PostingText, skill_starts: Sequence[int]) -> list[_Figure]:
    found: list[_Figure] = []
    claimed = ClaimedSpans()
    named_at = set(skill_starts)
    patterns = [(pattern, "range") for pattern in _RANGES]
    patterns += [(pattern, "ceiling") for pattern in _CEILINGS]
    patterns += [(pattern, "minimum") for pattern in _MINIMUMS]
    patterns += [(_SKILL_YEARS, "skill")]
    for pattern, role in patterns:
        for match in pattern.finditer(posting.text):
            if (role == "skill" and match.end() not in named_at) or not claimed.claim(match.start(), match.end()):
                continue
            if posting.kind_at(match.start()) in ("preferred", "ignored"):
                continue
            if not _about_experience(posting, match, is_ceiling=role == "ceiling"):
                continue
            about_a_skill = role == "skill" or _about_a_skill(posting, match, skill_starts)
            figure = _figure(match, about_a_skill=about_a_skill)
            if figure is not None:
                found.append(figure)
    return found


def _figure(match: re.Match[str], *, about_a_skill: bool) -> _Figure | None:
    groups = match.groupdict()
    per_year = 12.0 if groups["unit"].lower().startswith("m") else 1.0
    low = _years(groups.get("lo"), per_year)
    high = None if groups.get("open") else _years(groups.get("hi"), per_year)
    if low is not None and not 0 <= low <= _MAX_PLAUSIBLE_YEARS:
        return None
    if high is not None and not 0 < high <= _MAX_PLAUSIBLE_YEARS:
        return None
    if low is not None and high is not None and high < low:
        return None
    # A minimum of zero ("0-1 years") asks for nothing: only its ceiling is a requirement.
    minimum = low if low else None
    if minimum is None and high is None:
        return None
    return _Figure(minimum=minimum, maximum=high, about_a_skill=about_a_skill)


def _years(token: str | None, per_year: float) -> float | None:
    if token is None:
        return None
    word = token.lower()
    value = float(NUMBER_WORDS[word]) if word in NUMBER_WORDS else float(token)
    return round(value / per_year, 2)


def _about_experience(posting: PostingText, match: re.Match[str], *, is_ceiling: bool) -> bool:
    text = posting.text
    says_experience = "experience" in match.group(0).lower()
    if not says_experience and _NOT_EXPERIENCE_AFTER.match(text, match.end()):
        return False
    if _NOT_EXPERIENCE_BEFORE.search(text, max(0, match.start() - 30), match.start()):
        return False
    if _INSTEAD_OF_EDUCATION_BEFORE.search(text, max(0, match.start() - 20), match.start()):
        return False
    if _INSTEAD_OF_EDUCATION.search(text, match.start(), min(posting.clause(match.start())[1], match.end() + 40)):
        return False
    if not is_ceiling:
        return True
    start, end = posting.clause(match.start())
    # A run-on clause is read near the figure only: the scan stays linear in the text's length.
    start, end = max(start, match.start() - _CONTEXT_CHARS), min(end, match.end() + _CONTEXT_CHARS)
    return bool(_EXPERIENCE_CONTEXT.search(text, start, end))


def _about_a_skill(posting: PostingText, match: re.Match[str], skill_starts: Sequence[int]) -> bool:
    """Whether a skill is the subject of the figure: named inside it or right after it, in the same clause."""
    _, clause_end = posting.clause(match.start())
    window_end = min(clause_end, match.end() + _SKILL_WINDOW_CHARS)
    index = bisect.bisect_left(skill_starts, match.start())
    if index == len(skill_starts) or skill_starts[index] >= window_end:
        return False
    return not _GENERAL_SUBJECT.search(posting.text, match.start(), skill_starts[index])


def _addresses_new_graduates(posting: PostingText) -> bool:
    if _GRADUATE_TITLE.search(posting.title):
        return True
    return any(
        posting.kind_at(cue.start()) not in ("preferred", "ignored") for cue in ENTRY_LEVEL_CUE.finditer(posting.text)
    )
