"""The role level a posting aims at: entry, mid or senior.

Cues in order of trust: the title's words ("Junior", "Graduate", "Intern"; "Senior", "Principal",
"Head of", "Director"), then what the description says of the role ("new graduates", "entry-level
role", "mid-level"), then the experience asked for. A recruiter's own choice beats all of them; that
rule lives where the job is stored, not here.
"""

from __future__ import annotations

import re

from contracts.events.jobs import Seniority

_SENIOR_TITLE = re.compile(
    r"\b(?:senior|sr\.?|lead(?![- ]gen)|principal|head\s+of|chief|director|vp|vice\s+president"
    # "Staff" is a level only in engineering ladders: a Staff Nurse or Staff Accountant is not senior.
    r"|staff\s+(?:[\w/-]+\s+){0,2}?(?:engineer|developer|scientist|architect|designer|sre|researcher))\b",
    re.IGNORECASE,
)
_ENTRY_TITLE = re.compile(
    r"\b(?:junior|jr\.?|entry[- ]level|new[- ]grad(?:uate)?|graduate|grad|intern(?:ship)?|trainee|apprentice"
    r"|placement\s+student|working\s+student)\b",
    re.IGNORECASE,
)
_MID_TITLE = re.compile(r"\b(?:mid[- ]?level|mid[- ]senior|intermediate)\b", re.IGNORECASE)
_LEVEL_PHRASE = re.compile(r"\b(?P<level>entry|junior|mid|senior)[- ]level\b", re.IGNORECASE)
_LEVEL_WORDS: dict[str, Seniority] = {"entry": "entry", "junior": "entry", "mid": "mid", "senior": "senior"}

# The description addresses people at the start of a career. Each cue names the audience or the role
# itself: "mentor junior developers" or "graduate degree" say nothing about this role's level.
ENTRY_LEVEL_CUE = re.compile(
    r"\b(?:new|recent|fresh)[- ]?grad(?:uate)?s?\b"
    r"|\bgraduate\s+(?:scheme|programme|program|intake|trainee(?:ship)?|role|position|opportunity|job|entry)s?\b"
    r"|\b(?:(?:19|20)\d\d\s+)?graduates?\s+(?:are\s+)?(?:welcome|encouraged\s+to\s+apply)\b"
    r"|\bfreshers?\b"
    r"|\bno\s+(?:prior\s+|previous\s+|professional\s+|work\s+|formal\s+|industry\s+)?experience\s+"
    r"(?:is\s+)?(?:required|necessary|needed)\b"
    r"|\bentry[- ]level\s+(?:role|position|job|opportunity|candidates?|applicants?)\b"
    r"|^[ \t]*entry[- ]level\b"
    r"|\b(?:is|as)\s+an?\s+(?:junior|entry[- ]level|graduate|trainee)\s+(?:role|position)\b",
    re.IGNORECASE | re.MULTILINE,
)

# The role bands of the scoring design: entry 0-2 years, mid 2-5, senior 5+.
_ENTRY_BELOW_YEARS = 2.0
_SENIOR_FROM_YEARS = 5.0
# A ceiling this low ("no more than 3 years") hires at the start of a career.
_ENTRY_MAX_YEARS = 3.0


def infer_seniority(
    title: str, description: str, min_years: float | None, max_years: float | None = None
) -> Seniority | None:
    """The role level: the title's words first, then the description's level cues, then the years asked for."""
    if _ENTRY_TITLE.search(title):
        return "entry"
    if _MID_TITLE.search(title):
        return "mid"
    if _SENIOR_TITLE.search(title):
        return "senior"
    if ENTRY_LEVEL_CUE.search(description):
        return "entry"
    phrase = _LEVEL_PHRASE.search(description)
    if phrase:
        return _LEVEL_WORDS[phrase.group("level").lower()]
    if min_years is not None:
        if min_years < _ENTRY_BELOW_YEARS:
            return "entry"
        return "mid" if min_years < _SENIOR_FROM_YEARS else "senior"
    if max_years is not None:
        return "entry" if max_years <= _ENTRY_MAX_YEARS else "mid"
    return None
