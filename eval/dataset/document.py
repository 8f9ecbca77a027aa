"""A written resume before layout: the header, typed sections and the style choices renderers honour.

The writer fills this from a profile; the text, PDF and DOCX renderers only place it on a page, so
all formats of a resume say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SectionKind = Literal["summary", "experience", "skills", "education", "credentials", "other"]
SkillStyle = Literal["comma", "pipes", "bullets", "table", "grouped"]
DatesAt = Literal["inline", "after", "before", "right"]


@dataclass(frozen=True)
class RoleBlock:
    """One role as written: its heading line, its dates, and its bullets or paragraph."""

    head: str  # title and employer in the resume's order, e.g. "Staff Nurse, Riverside General Hospital"
    dates: str
    inline: str  # head and dates on one line, for resumes that write them so
    lines: tuple[str, ...]
    prose: bool = False  # the lines form one paragraph rather than bullets


@dataclass(frozen=True)
class Section:
    """A titled part of the resume."""

    kind: SectionKind
    heading: str
    paragraphs: tuple[str, ...] = ()
    roles: tuple[RoleBlock, ...] = ()
    items: tuple[str, ...] = ()  # skills, education lines, credentials
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()  # skills grouped under labels
    skill_style: SkillStyle = "comma"


@dataclass(frozen=True)
class Document:
    """A resume ready for layout."""

    name: str  # as the header writes it (may be "OKAFOR, Amara" or upper case)
    contact: tuple[str, ...]
    sections: tuple[Section, ...]
    bullet: str = "•"
    dates_at: DatesAt = "inline"
    upper_headings: bool = False
    genuine: tuple[str, ...] = field(default=(), repr=False)  # the text that speaks truly of the person

    def heading(self, section: Section) -> str:
        """A section heading in the document's case."""
        return section.heading.upper() if self.upper_headings else section.heading
