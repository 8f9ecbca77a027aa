"""Resume text as logical lines: bullets recognised, wrapped lines and split date ranges joined again.

Extracted text breaks where the page did, not where the writer did: a bullet wraps onto a second
line, "2021 –" and "Present" land on two lines, scraped text puts a whole list on one line
("• Java • SQL"). Everything after this module reads `Line`s and never has to care.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from services.ingest.domain.dates import find_dates
from services.ingest.domain.entry_headings import heading_signal
from services.ingest.domain.headings import heading_kind, is_underline

_BULLET_GLYPHS = "•▪●◦○■□►▸➢➤→✓✔❖◆♦⁃‣∙·"
# "o " and a lone lower-case letter before a capital are bullets drawn with a symbol font ("n Built ...").
_LEADING_BULLET = re.compile(rf"^(?:[{_BULLET_GLYPHS}]\s*|[*+>–—-]\s+|[b-z]\s+(?=[A-Z]))(?=\S)")
# "·" also separates the parts of a heading ("Lead · Doctolib · Paris"): only bolder glyphs split a line.
_INLINE_BULLET = re.compile(r"\s+[•▪●◦■►▸➢➤❖✓✔◆♦]\s*(?=\S)")
_INLINE_STAR = re.compile(r"\s+\*\s+(?=\S)")
_LONE_GLYPH = re.compile(rf"^[{_BULLET_GLYPHS}*+>–—-]$")
# Markdown: "## Experience", "*2020 – Present*", "**Acme**".
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_MARKDOWN_EMPHASIS = re.compile(r"^([*_]{1,2})(?=\S)(.+?)(?<=\S)\1$")
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,2}(?:\s*(?:/|of)\s*\d{1,2})?$", re.IGNORECASE)
# The Kaggle-style scraped resumes glue their section labels onto the previous sentence.
_GLUED_LABEL = re.compile(r"(?<=\S)[ \t]*(?=(?:Education|Skill|Company|Project) Details\b)")
# A PDF that drew the dates in a column of their own may hand them over glued to the words before them:
# "Blue Arrow Logistics2022-10 - Present", "Junior Data AnalystSep 2024 – Present".
_GLUED_DATE = re.compile(
    r"(?<=[A-Za-z])(?=(?:19|20)\d\d[-/.](?:0[1-9]|1[0-2])\b"
    r"|(?:19|20)\d\d\s*[-–—]\s*(?:(?:19|20)\d\d|present|current|now|to date)\b"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?:19|20)\d\d\b)",
    re.IGNORECASE,
)
# "2021 –" / "Present", and "May 2023 to November" / "2023": the end's year went to the next line.
_OPEN_RANGE_END = re.compile(
    r"(?:[-–—]|\bto|\btill|\buntil|\bsince|\bfrom)"
    r"(?:\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)?\s*$",
    re.IGNORECASE,
)
_RANGE_CONTINUES = re.compile(
    r"^(?:present|current(?:ly)?|now|today|on\s?going|till date|to date|date|still|onwards?)\b|^[-–—]\s*\S",
    re.IGNORECASE,
)
_TERMINAL = (".", ":", ";", "!", "?")
# "description - ..." under "company - Acme": a field label, never the rest of the line above.
_FIELD_LABEL = re.compile(r"^[a-z][a-z ]{2,20}\s*[-:](?:\s|$)")
_CONTACT = re.compile(r"@|://|www\.|linkedin|github|\.(?:com|org|net|io|dev)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    """One logical line: its text (without a bullet glyph), whether it was a bullet, and a blank line before it."""

    text: str
    bullet: bool = False
    blank_before: bool = False


def logical_lines(text: str) -> list[Line]:
    """The lines of a resume, with bullets marked and broken lines joined (see the module docstring)."""
    physical = _physical_lines(_GLUED_LABEL.sub("\n", text))
    width = _wrap_width(line.text for line in physical)
    return _join_broken(physical, width)


def _physical_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    blank = False
    glyph_pending = False
    for raw in text.split("\n"):
        stripped = _MARKDOWN_EMPHASIS.sub(r"\2", _MARKDOWN_HEADING.sub("", raw.strip()))
        stripped = _GLUED_DATE.sub(" ", stripped)
        if not stripped or _PAGE_NUMBER.match(stripped):
            blank = blank or not stripped
            continue
        # A bullet glyph drawn apart from its text comes out as a line of its own.
        if _LONE_GLYPH.match(stripped):
            glyph_pending = True
            continue
        for index, piece in enumerate(_split_inline_bullets(stripped)):
            bullet_match = _LEADING_BULLET.match(piece)
            is_bullet = bullet_match is not None and not is_underline(piece)
            content = piece[bullet_match.end() :].strip() if is_bullet and bullet_match else piece
            if content:
                bullet = is_bullet or index > 0 or glyph_pending
                lines.append(Line(content, bullet=bullet, blank_before=blank and index == 0))
        blank = glyph_pending = False
    return lines


def _split_inline_bullets(line: str) -> list[str]:
    """ "Skills: • Java • SQL" becomes "Skills:", "Java", "SQL" (the later ones are bullets)."""
    pieces = _INLINE_BULLET.split(line)
    if len(pieces) == 1 and len(_INLINE_STAR.findall(line)) >= 2:
        pieces = _INLINE_STAR.split(line)
    return [piece.strip() for piece in pieces if piece.strip()]


def _wrap_width(texts: Iterable[str]) -> int:
    """About how long a full line is: wrapped lines are about this long."""
    lengths = sorted(len(text) for text in texts)
    if not lengths:
        return 80
    return max(40, lengths[int(len(lengths) * 0.9)])


def _join_broken(lines: list[Line], width: int) -> list[Line]:
    joined: list[Line] = []
    for line in lines:
        previous = joined[-1] if joined else None
        if previous is not None and not line.bullet:
            merged = _merge(previous, line, width)
            if merged is not None:
                joined[-1] = merged
                continue
        joined.append(line)
    return joined


def _merge(previous: Line, line: Line, width: int) -> Line | None:
    before, after = previous.text, line.text
    # "2021 –" / "Present", "June 2022 –" / "Present"
    if (
        _OPEN_RANGE_END.search(before)
        and find_dates(before)
        and (_RANGE_CONTINUES.match(after) or _starts_with_date(after))
    ):
        return replace(previous, text=f"{before} {after}")
    if heading_kind(before) is not None or heading_kind(after) is not None or is_underline(after):
        return None
    # "deploy-" / "ment"
    if re.search(r"[a-z]-$", before) and after[:1].islower():
        return replace(previous, text=before[:-1] + after)
    if before.endswith(_TERMINAL) or line.blank_before or _CONTACT.search(before):
        return None
    # "Master of Science, MIT, Cambridge," / "USA"
    if before.endswith(",") and not previous.bullet:
        return replace(previous, text=f"{before} {after}")
    if after[:1].islower() and not (_starts_with_date(after) or _CONTACT.search(after) or _FIELD_LABEL.match(after)):
        return replace(previous, text=f"{before} {after}")
    # A long bullet wrapped and left one or two words on the next line ("... using Java and Spring" / "Boot").
    if (
        previous.bullet
        and 0.8 * width <= len(before) <= width
        and len(after.split()) <= 2
        and not find_dates(after)
        and not heading_signal(after)
    ):
        return replace(previous, text=f"{before} {after}")
    return None


def _starts_with_date(text: str) -> bool:
    dates = find_dates(text)
    return bool(dates) and dates[0].start == 0
