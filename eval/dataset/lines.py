"""A document as a sequence of typed lines: what linear layouts (text, single-column PDF, DOCX) place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from eval.dataset.document import Document, Section

LineKind = Literal["name", "contact", "heading", "role", "dates", "bullet", "para", "item", "table", "group"]


@dataclass(frozen=True)
class Line:
    """One line of a linear layout; `right` is text a layout may align to the right margin."""

    kind: LineKind
    text: str
    right: str = ""
    cells: tuple[str, ...] = ()
    label: str = ""


def section_lines(document: Document, section: Section, *, dates_right: bool = False) -> list[Line]:
    """The lines of one section, heading first."""
    lines = [Line("heading", document.heading(section))]
    for paragraph in section.paragraphs:
        lines.append(Line("para", paragraph))
    at = "right" if dates_right else document.dates_at
    for role in section.roles:
        if at == "inline":
            lines.append(Line("role", role.inline))
        elif at == "right":
            lines.append(Line("role", role.head, right=role.dates))
        elif at == "before":
            lines += [Line("dates", role.dates), Line("role", role.head)]
        else:
            lines += [Line("role", role.head), Line("dates", role.dates)]
        if role.prose:
            lines.append(Line("para", " ".join(role.lines)))
        else:
            lines += [Line("bullet", text) for text in role.lines]
    if section.kind == "skills":
        lines += skill_lines(section)
    else:
        lines += [Line("item", item) for item in section.items]
    return lines


def skill_lines(section: Section) -> list[Line]:
    """A skills section in its style: a comma or pipe list, bullets, a three-column table, or groups."""
    if section.groups:
        return [Line("group", ", ".join(items), label=label) for label, items in section.groups]
    items = section.items
    style = section.skill_style
    if style == "pipes":
        return [Line("para", " | ".join(items))]
    if style == "bullets":
        return [Line("bullet", item) for item in items]
    if style == "table":
        rows = [items[i : i + 3] for i in range(0, len(items), 3)]
        return [Line("table", "   ".join(row), cells=tuple(row)) for row in rows]
    return [Line("para", ", ".join(items))]


def document_lines(document: Document, *, dates_right: bool = False) -> list[Line]:
    """Every line of the document in reading order."""
    lines = [Line("name", document.name)] + [Line("contact", text) for text in document.contact]
    for section in document.sections:
        lines += section_lines(document, section, dates_right=dates_right)
    return lines
