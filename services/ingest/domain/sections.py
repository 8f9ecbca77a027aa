"""Dividing a resume into its sections (summary, experience, education, skills, projects, ...)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from services.ingest.domain.dates import find_ranges
from services.ingest.domain.entry_headings import is_role
from services.ingest.domain.headings import SectionKind, heading_kind, inline_heading, is_underline
from services.ingest.domain.lines import Line

PartKind = SectionKind | Literal["header"]


@dataclass
class Section:
    """A run of lines under one heading; the part before the first heading is the `header`."""

    kind: PartKind
    heading: str = ""
    lines: list[Line] = field(default_factory=list)

    def text(self) -> str:
        """The section's lines joined by newlines."""
        return "\n".join(line.text for line in self.lines)


def split_sections(lines: Sequence[Line]) -> list[Section]:
    """The sections of a resume in document order, the header first (possibly empty)."""
    sections = [Section("header")]
    for index, line in enumerate(lines):
        if is_underline(line.text):
            continue
        underlined = index + 1 < len(lines) and is_underline(lines[index + 1].text)
        current = sections[-1]
        kind = heading_kind(line.text, underlined=underlined) or (
            None if current.kind in _HOLDS_ENTRIES else _unnamed_work_history(lines, index)
        )
        if kind is not None:
            sections.append(Section(kind, heading=line.text))
            continue
        # "SKILLS: Python, Go" opens a section; inside one, "Technologies: React" is only a label.
        inline = (
            None if line.bullet else inline_heading(line.text, capitals_only=current.kind not in ("header", "summary"))
        )
        if inline is not None:
            inline_kind, rest = inline
            sections.append(
                Section(inline_kind, heading=line.text[: len(line.text) - len(rest)].strip(), lines=[Line(rest)])
            )
            continue
        current.lines.append(line)
    return sections


# A line written as a heading: capitals ("PROFESSIONAL JOURNEY"), a short title with a colon, or words
# all capitalised ("Professional Journey"). Inside a section of entries such a line is an employer's
# name, so only the sections without entries are searched.
_HEADING_LOOK = re.compile(
    r"^[^\w]*(?:[A-Z][A-Z&'’/ -]{3,40}|[A-Z][\w&'’/ -]{2,40}:|[A-Z][a-z'’]+(?:\s+(?:&|and|of|[A-Z][a-z'’]+))+)\s*$"
)
_HOLDS_ENTRIES = frozenset({"experience", "placements", "volunteer", "education", "projects", "certifications"})
_MAX_UNNAMED_HEADING_WORDS = 4
_LOOKAHEAD = 8


def _unnamed_work_history(lines: Sequence[Line], index: int) -> SectionKind | None:
    """ "experience" for a heading the vocabulary lacks when the lines under it are dated roles.

    Without it, an unfamiliar name ("PROFESSIONAL JOURNEY", "What I've done:") would leave the whole
    work history inside the section before it, and every role and month with it.
    """
    line = lines[index]
    if line.bullet or not _HEADING_LOOK.match(line.text) or len(line.text.split()) > _MAX_UNNAMED_HEADING_WORDS:
        return None
    if is_role(line.text):
        return None
    for following in lines[index + 1 : index + 1 + _LOOKAHEAD]:
        if heading_kind(following.text) is not None:
            return None
        ranges = find_ranges(following.text)
        if ranges and (is_role(following.text) or _role_beside(lines, index + 1, following)):
            return "experience"
    return None


def _role_beside(lines: Sequence[Line], start: int, dated: Line) -> bool:
    position = lines.index(dated, start)
    neighbours = lines[max(start, position - 2) : position + 2]
    return any(is_role(neighbour.text) and not neighbour.bullet for neighbour in neighbours)
