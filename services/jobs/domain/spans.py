"""Where a job description says "required" and where it says "preferred".

The text is cut into spans that each say whether what they mention is required or preferred:
standalone headings ("Requirements", "Nice to have") set the section until the next heading, an
inline label ("Preferred: React.") covers the rest of its line, and a clause with its own marker
("MBA preferred", "Docker is a plus") overrides its section. Benefits and application instructions
are ignored; anything else counts as required (a neutral span).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Literal

# neutral: a section that states no preference (what it mentions counts as required); ignored: benefits
# and application instructions, where a skill name is not a requirement ("free AWS credits").
SpanKind = Literal["required", "preferred", "neutral", "ignored"]

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

# Clause boundaries: a sentence end (a dot followed by space, so "React.js" stays whole, and not the dot
# of an abbreviation such as "B.S." or "Ph.D."), ; ( ) and !?
CLAUSE_BOUNDARY = re.compile(r"(?<!\b[A-Za-z])\.(?=\s)|[;()!?\n]")
# Sentence boundaries: the clause boundaries but parentheses, which add to a sentence without ending it.
_SENTENCE_BOUNDARY = re.compile(r"(?<!\b[A-Za-z])\.(?=\s)|[;!?\n]")
_PREFERRED_MARKER = re.compile(
    r"\b(?:nice[- ]to[- ]have|good[- ]to[- ]have|preferred|preferably|a\s+(?:big\s+|huge\s+|strong\s+|definite\s+)?plus"
    r"|bonus|desirable|desired|ideally|advantageous|an\s+advantage|optional|not\s+(?:strictly\s+)?required)\b",
    re.IGNORECASE,
)
_REQUIRED_MARKER = re.compile(r"\b(?:required|must|mandatory|essential)\b", re.IGNORECASE)
_NOT_REQUIRED = re.compile(r"\bnot\s+(?:strictly\s+)?required\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: SpanKind


@dataclass(frozen=True)
class _Cuts:
    """Where boundaries start and end in a text, found once: each lookup is then a binary search."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, text: str, boundary: re.Pattern[str]) -> _Cuts:
        matches = list(boundary.finditer(text))
        return cls(tuple(m.start() for m in matches), tuple(m.end() for m in matches))

    def around(self, position: int, length: int) -> tuple[int, int]:
        before = bisect.bisect_right(self.ends, position) - 1
        after = bisect.bisect_left(self.starts, position)
        return (self.ends[before] if before >= 0 else 0, self.starts[after] if after < len(self.starts) else length)


@dataclass(frozen=True)
class PostingText:
    """A posting's analysed text (title, a newline, description) with its spans and clause boundaries."""

    text: str
    title: str
    description: str
    _spans: tuple[_Span, ...] = field(repr=False)
    _span_starts: tuple[int, ...] = field(repr=False)
    _clauses: _Cuts = field(repr=False)
    _sentences: _Cuts = field(repr=False)

    def kind_at(self, position: int) -> SpanKind:
        """The kind of span an offset of `text` falls in."""
        index = bisect.bisect_right(self._span_starts, position) - 1
        return self._spans[index].kind if index >= 0 else "neutral"

    def clause(self, position: int) -> tuple[int, int]:
        """The start and end of the clause (sentence part, bullet) around `position`."""
        return self._clauses.around(position, len(self.text))

    def sentence(self, position: int) -> tuple[int, int]:
        """The start and end of the sentence (or bullet) around `position`, parentheses included."""
        return self._sentences.around(position, len(self.text))


class ClaimedSpans:
    """Regions of a text already read by a pattern, so a later pattern never reads them again."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def claim(self, start: int, end: int) -> bool:
        """Claim `start`..`end` unless it overlaps a claimed region; whether it was claimed."""
        # Claimed regions never overlap, so sorted by start they are sorted by end too.
        index = bisect.bisect_left(self._starts, end)
        if index > 0 and self._ends[index - 1] > start:
            return False
        self._starts.insert(index, start)
        self._ends.insert(index, end)
        return True


def clean_text(text: str) -> str:
    """Line ends unified, soft hyphens dropped, and words a PDF broke at a line end joined again."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "")
    # PDF text breaks words at line ends ("Angu-\nlar.js"): join them when the next part is lower case.
    return re.sub(r"(?<=\w)-\n(?=[a-z])", "", text)


def read_posting(title: str, description: str) -> PostingText:
    """Clean a posting's title and description and find their spans and clauses (pure)."""
    title = clean_text(title)
    description = clean_text(description)
    text = f"{title}\n{description}"
    # The title is its own span: a skill in it ("Java Developer") is required.
    spans = (_Span(0, len(title) + 1, "neutral"), *_section_spans(description, offset=len(title) + 1))
    return PostingText(
        text=text,
        title=title,
        description=description,
        _spans=spans,
        _span_starts=tuple(span.start for span in spans),
        _clauses=_Cuts.of(text, CLAUSE_BOUNDARY),
        _sentences=_Cuts.of(text, _SENTENCE_BOUNDARY),
    )


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
    boundaries = [m.end() for m in CLAUSE_BOUNDARY.finditer(line, start, end)]
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
