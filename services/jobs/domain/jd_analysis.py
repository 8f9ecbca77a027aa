"""Job description analysis: required and preferred skills, minimum years and seniority from plain text.

The text is cut into spans that each say whether what they mention is required or preferred:
standalone headings ("Requirements", "Nice to have") set the section until the next heading, an
inline label ("Preferred: React.") covers the rest of its line, and a clause with its own marker
("MBA preferred", "Docker is a plus") overrides its section. Benefits and application instructions
are ignored; anything else outside a preferred span counts as required, and a skill mentioned both
ways is required.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from contracts.events.jobs import Seniority
from contracts.skills import Taxonomy, default_taxonomy

# neutral: a section that states no preference (its skills count as required); ignored: benefits and
# application instructions, where a skill name is not a requirement ("free AWS credits").
SpanKind = Literal["required", "preferred", "neutral", "ignored"]

# The contract caps what the matcher embeds.
EMBEDDING_TEXT_MAX_CHARS = 20_000
# A "years" figure above this is a date, an age or a typo, not an experience requirement.
_MAX_PLAUSIBLE_YEARS = 40.0

_BULLETS = "•·▪◦●○■□‣⁃∙*-–—>#"

# Headings are matched against the whole (normalised) line, so a bullet that merely contains
# "skills" or "plus" never opens a section.
_PREFERRED_HEADING = re.compile(
    r"(?:preferred|desired|desirable|bonus|optional|nice[- ]to[- ]have)\s+"
    r"(?:qualifications|skills|experience|requirements|qualifications\s+(?:and|&)\s+skills)"
    r"|nice[- ]to[- ]haves?|good[- ]to[- ]haves?|preferred|desirable|optional|bonus(?:\s+points)?|pluses"
    r"|(?:a\s+)?(?:big\s+)?plus|extra\s+credit|bonus\s+if\s+you\s+have|ideally(?:\s+you\s+have)?"
    r"|it(?:'s|\s+is|'d\s+be|\s+would\s+be)\s+(?:a\s+)?(?:plus|nice|great|bonus)(?:\s+if\s+you\s+have)?"
    r"|even\s+better\s+if(?:\s+you\s+have)?"
)
_REQUIRED_HEADING = re.compile(
    r"(?:(?:the\s+)?(?:key|core|minimum|basic|essential|required|technical|mandatory|job|must[- ]have)\s+)*"
    r"(?:requirements?|qualifications?|skills|experience|must[- ]haves?|required|essentials?"
    r"|skills\s*(?:and|&)\s*(?:experience|qualifications|abilities)"
    r"|(?:requirements|qualifications|experience)\s*(?:and|&)\s*(?:skills|qualifications|experience)"
    r"|what\s+you(?:'ll|\s+will)?\s+(?:need|bring|have)|what\s+we(?:'re|\s+are)\s+looking\s+for"
    r"|who\s+you\s+are|about\s+you|you\s+have|you(?:'ll|\s+will)\s+have|your\s+profile|your\s+skills)"
)
_NEUTRAL_HEADING = re.compile(
    r"(?:about(?:\s+(?:us|the\s+(?:role|company|team|job|position)))?|(?:key\s+|your\s+|main\s+)?responsibilities"
    r"|duties|(?:the\s+)?role|role\s+overview|overview|summary|job\s+(?:description|summary|overview)"
    r"|description|location|who\s+we\s+are|our\s+(?:company|team|mission|culture)|the\s+team|day[- ]to[- ]day"
    r"|what\s+you(?:'ll|\s+will)\s+do|the\s+opportunity|mission)"
)
_IGNORED_HEADING = re.compile(
    r"(?:benefits|perks|(?:benefits|perks)\s*(?:and|&)\s*(?:benefits|perks)|what\s+we\s+offer|compensation"
    r"|salary|how\s+to\s+apply|why\s+(?:join\s+us|us|work\s+with\s+us)|equal\s+opportunity(?:\s+employer)?)"
)
# A heading line is short; a longer line is prose even when it starts like a heading.
_HEADING_MAX_WORDS = 8

_PREFERRED_LABEL = (
    r"nice[- ]to[- ]haves?|good[- ]to[- ]haves?|preferred(?:\s+(?:skills|qualifications|experience))?"
    r"|desired(?:\s+(?:skills|qualifications|experience))?|bonus(?:\s+points)?|pluses|(?:a\s+)?plus|desirable|optional"
)
_REQUIRED_LABEL = (
    r"required(?:\s+(?:skills|qualifications|experience))?|requirements|must[- ]haves?(?:\s+skills)?"
    r"|(?:minimum\s+|basic\s+)?qualifications|essential(?:\s+skills)?|skills"
)
# An inline label is a few words and a colon at the start of a line or of a sentence. Every
# repetition is bounded: a recruiter's 50,000-character line must not make the scan quadratic.
_INLINE_LABEL = re.compile(
    rf"(?P<preferred>{_PREFERRED_LABEL})[ \t]{{0,3}}:|(?P<required>{_REQUIRED_LABEL})[ \t]{{0,3}}:"
    r"|(?P<other>[a-z][\w'’]{0,30}(?:[ \t]{1,3}[\w'’]{1,30}){0,3})[ \t]{0,3}:",
    re.IGNORECASE,
)

# Clause boundaries: a sentence end (a dot followed by space, so "React.js" stays whole), ; ( ) and !?
_CLAUSE_BOUNDARY = re.compile(r"\.(?=\s)|[;()!?]")
_PREFERRED_MARKER = re.compile(
    r"\b(?:nice[- ]to[- ]have|good[- ]to[- ]have|preferred|preferably|a\s+(?:big\s+|huge\s+|strong\s+|definite\s+)?plus"
    r"|bonus|desirable|desired|ideally|advantageous|an\s+advantage|optional|not\s+(?:strictly\s+)?required)\b",
    re.IGNORECASE,
)
_REQUIRED_MARKER = re.compile(r"\b(?:required|must|mandatory|essential)\b", re.IGNORECASE)
_NOT_REQUIRED = re.compile(r"\bnot\s+(?:strictly\s+)?required\b", re.IGNORECASE)

_NUMBER_WORDS = {
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
    "twenty": 20,
}
_NUM = r"(?:\d{1,2}(?:\.\d)?|" + "|".join(_NUMBER_WORDS) + r")"
_YEARS = r"(?:years?|yrs?\.?)"
# Each pattern captures the minimum in group "n"; plain "N years" only counts next to "experience".
_YEAR_PATTERNS = (
    re.compile(rf"\b(?P<n>{_NUM})\s*(?:-|–|—|to)\s*{_NUM}\s*\+?\s*{_YEARS}", re.IGNORECASE),
    re.compile(rf"\b(?P<n>{_NUM})\s*\+\s*{_YEARS}", re.IGNORECASE),
    re.compile(
        rf"\b(?:at\s+least|a\s+minimum\s+of|minimum(?:\s+of)?|min\.?|over|more\s+than|in\s+excess\s+of)\s+"
        rf"(?P<n>{_NUM})\s*\+?\s*{_YEARS}",
        re.IGNORECASE,
    ),
    re.compile(rf"\b(?P<n>{_NUM})\s*{_YEARS}['’]?\s+(?:of\s+)?(?:[\w-]+\s+){{0,4}}?experience", re.IGNORECASE),
    re.compile(rf"\byears\s+of\s+experience\s*[:\-–]\s*(?P<n>{_NUM})\b", re.IGNORECASE),
)

_SENIOR_TITLE = re.compile(r"\b(?:senior|sr\.?|lead|principal|staff|head\s+of|chief|director)\b", re.IGNORECASE)
_ENTRY_TITLE = re.compile(
    r"\b(?:junior|jr\.?|entry[- ]level|graduate|grad|intern(?:ship)?|trainee|apprentice)\b", re.IGNORECASE
)
_MID_TITLE = re.compile(r"\b(?:mid[- ]?level|mid[- ]senior|intermediate)\b", re.IGNORECASE)
_LEVEL_PHRASE = re.compile(r"\b(?P<level>entry|junior|mid|senior)[- ]level\b", re.IGNORECASE)
_LEVEL_WORDS: dict[str, Seniority] = {"entry": "entry", "junior": "entry", "mid": "mid", "senior": "senior"}


@dataclass(frozen=True)
class JobRequirements:
    """What a job asks for, as the analysis read it."""

    required_skills: tuple[str, ...]
    preferred_skills: tuple[str, ...]
    min_years_experience: float | None
    seniority: Seniority | None


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: SpanKind


def analyse_job(title: str, description: str, *, taxonomy: Taxonomy | None = None) -> JobRequirements:
    """Read a job's title and description into requirements (pure; no I/O)."""
    taxonomy = taxonomy or default_taxonomy()
    title = _clean(title)
    description = _clean(description)
    # The title is its own span: a skill in it ("Java Developer") is required.
    text = f"{title}\n{description}"
    spans = [_Span(0, len(title) + 1, "neutral"), *_section_spans(description, offset=len(title) + 1)]
    starts = [span.start for span in spans]

    def kind_at(position: int) -> SpanKind:
        index = bisect.bisect_right(starts, position) - 1
        return spans[index].kind if index >= 0 else "neutral"

    required: dict[str, None] = {}
    preferred: dict[str, None] = {}
    for mention in taxonomy.find(text):
        kind = kind_at(mention.start)
        if kind != "ignored":
            (preferred if kind == "preferred" else required)[mention.skill] = None
    min_years = _min_years(text, kind_at)
    return JobRequirements(
        required_skills=tuple(required),
        preferred_skills=tuple(skill for skill in preferred if skill not in required),
        min_years_experience=min_years,
        seniority=infer_seniority(title, description, min_years),
    )


def embedding_text(title: str, description: str) -> str:
    """What the matcher embeds for a job: title and description, capped to the contract's limit."""
    return f"{title.strip()}\n\n{description.strip()}"[:EMBEDDING_TEXT_MAX_CHARS]


def infer_seniority(title: str, description: str, min_years: float | None) -> Seniority | None:
    """The role level: the title's words first, then an explicit "X-level" phrase, then the years asked for."""
    if _ENTRY_TITLE.search(title):
        return "entry"
    if _MID_TITLE.search(title):
        return "mid"
    if _SENIOR_TITLE.search(title):
        return "senior"
    phrase = _LEVEL_PHRASE.search(description)
    if phrase:
        return _LEVEL_WORDS[phrase.group("level").lower()]
    if min_years is None:
        return None
    # The role bands of the scoring design: entry 0-2 years, mid 2-5, senior 5+.
    if min_years < 2:
        return "entry"
    if min_years < 5:
        return "mid"
    return "senior"


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "")
    # PDF text breaks words at line ends ("Angu-\nlar.js"): join them when the next part is lower case.
    return re.sub(r"(?<=\w)-\n(?=[a-z])", "", text)


def _normalise_heading(line: str) -> str:
    stripped = line.strip().strip(_BULLETS).strip().rstrip(":").strip().strip("*_").strip()
    return " ".join(stripped.replace("’", "'").lower().split())


def _heading_kind(line: str) -> SpanKind | None:
    """The section a standalone heading line opens, or None when the line is not a heading."""
    heading = _normalise_heading(line)
    if not heading or len(heading.split()) > _HEADING_MAX_WORDS or heading.endswith((".", ",")):
        return None
    if _PREFERRED_HEADING.fullmatch(heading):
        return "preferred"
    if _REQUIRED_HEADING.fullmatch(heading):
        return "required"
    if _NEUTRAL_HEADING.fullmatch(heading):
        return "neutral"
    if _IGNORED_HEADING.fullmatch(heading):
        return "ignored"
    return None


def _section_spans(text: str, *, offset: int) -> list[_Span]:
    spans: list[_Span] = []
    section: SpanKind = "neutral"
    position = 0
    for line in text.splitlines(keepends=True):
        start = position
        position += len(line)
        heading = _heading_kind(line)
        if heading is not None:
            section = heading
            spans.append(_Span(offset + start, offset + position, heading))
            continue
        for seg_start, seg_end, seg_kind in _line_segments(line, section):
            for c_start, c_end, c_kind in _clauses(line, seg_start, seg_end, seg_kind):
                spans.append(_Span(offset + start + c_start, offset + start + c_end, c_kind))
    return spans


def _line_segments(line: str, section: SpanKind) -> list[tuple[int, int, SpanKind]]:
    """Cut a line at inline labels ("Required: ... Preferred: ..."); a label rules to the line's end."""
    segments: list[tuple[int, int, SpanKind]] = []
    current_start, current_kind = 0, section
    content_start = len(line) - len(line.lstrip(_BULLETS + " \t"))
    for match in _INLINE_LABEL.finditer(line):
        if match.start() != content_start and _previous_char(line, match.start()) not in ".;!?":
            continue
        if match.group("preferred"):
            kind: SpanKind = "preferred"
        elif match.group("required"):
            kind = "required"
        else:
            kind = section  # an unrelated label ("Salary:") ends the labelled part
        segments.append((current_start, match.start(), current_kind))
        current_start, current_kind = match.start(), kind
    segments.append((current_start, len(line), current_kind))
    return [segment for segment in segments if segment[1] > segment[0]]


def _previous_char(line: str, position: int) -> str:
    """The last non-blank character before `position` ("" at the line's start)."""
    index = position - 1
    while index >= 0 and line[index] in " \t":
        index -= 1
    return line[index] if index >= 0 else ""


def _clauses(line: str, start: int, end: int, kind: SpanKind) -> list[tuple[int, int, SpanKind]]:
    """Split a segment into clauses; a clause with its own marker ("Docker is a plus") overrides `kind`."""
    pieces: list[tuple[int, int, SpanKind]] = []
    clause_start = start
    boundaries = [m.end() for m in _CLAUSE_BOUNDARY.finditer(line, start, end)]
    for clause_end in [*boundaries, end]:
        if clause_end <= clause_start:
            continue
        clause = line[clause_start:clause_end]
        pieces.append((clause_start, clause_end, _clause_kind(clause, kind)))
        clause_start = clause_end
    return pieces


def _clause_kind(clause: str, kind: SpanKind) -> SpanKind:
    if kind == "ignored":
        return kind
    preferred = bool(_PREFERRED_MARKER.search(clause))
    required = bool(_REQUIRED_MARKER.search(_NOT_REQUIRED.sub("", clause)))
    if preferred and not required:
        return "preferred"
    if required and not preferred and kind == "preferred":
        return "required"
    return kind


def _number(token: str) -> float:
    word = token.lower()
    return float(_NUMBER_WORDS[word]) if word in _NUMBER_WORDS else float(token)


def _min_years(text: str, kind_at: Callable[[int], SpanKind]) -> float | None:
    """The largest minimum-years figure stated outside preferred spans (each is a bar to clear)."""
    found: list[float] = []
    # A range is read once, by its lower bound: "2-4 years of experience" must not also yield 4.
    claimed: list[tuple[int, int]] = []
    for pattern in _YEAR_PATTERNS:
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end in claimed):
                continue
            claimed.append(match.span())
            if kind_at(match.start()) in ("preferred", "ignored"):
                continue
            years = _number(match.group("n"))
            if 0 < years <= _MAX_PLAUSIBLE_YEARS:
                found.append(years)
    return max(found) if found else None
