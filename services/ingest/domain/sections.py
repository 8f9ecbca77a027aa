"""Dividing a resume into its sections (summary, experience, education, skills, projects, ...)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

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
        kind = heading_kind(line.text, underlined=underlined)
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
