"""Projects: a title line, optional dates and a description (the skills are added from the whole entry)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from services.ingest.domain.dates import DateRange, Interval, find_dates, find_ranges, strip_dates
from services.ingest.domain.experience import is_heading_like
from services.ingest.domain.lines import Line
from services.ingest.domain.schema import ProjectEntry
from services.ingest.domain.sections import Section

_PREFIX = re.compile(
    r"^(?:(?:personal|academic|side|course|capstone|final[- ]year|major|minor|key|college)\s+)?project\s*\d*\s*[:.–—-]\s*",
    re.IGNORECASE,
)
_LABEL_LINE = re.compile(
    r"^(?:tech(?:nologies|nology)?(?: stack| used)?|tools(?: used)?|stack|skills(?: used)?|environment|built with"
    r"|languages|frameworks|role|team size|duration|client|link|url|github|description)\s*[:\-–]",
    re.IGNORECASE,
)
_TITLE_END = re.compile(r"\s+[|–—]\s+|\s+-\s+|\s*\|\s*|:\s+|\s*\(")
_MAX_DESCRIPTION = 5000


@dataclass(frozen=True)
class Project:
    """One project with the text its skills are read from and the months it covers."""

    entry: ProjectEntry
    text: str
    interval: Interval | None


@dataclass
class _Draft:
    title: str | None = None
    lines: list[Line] = field(default_factory=list)


def read_projects(sections: Sequence[Section], *, today: date) -> list[Project]:
    """The projects of every projects section, in document order."""
    found: list[Project] = []
    for section in sections:
        found.extend(_project(draft, today=today) for draft in _group(section.lines) if draft.title)
    return found


def _date_only(text: str) -> bool:
    return bool(find_dates(text)) and not strip_dates(text)


def _is_title(line: Line, previous: Line | None) -> bool:
    if not is_heading_like(line) or _LABEL_LINE.match(line.text) or not strip_dates(line.text):
        return False
    return previous is None or previous.bullet or not is_heading_like(previous) or _date_only(previous.text)


def _group(lines: Sequence[Line]) -> list[_Draft]:
    drafts: list[_Draft] = []
    pending_dates: list[Line] = []
    dates_first = bool(lines) and _date_only(lines[0].text)
    for index, line in enumerate(lines):
        if dates_first and _date_only(line.text):
            pending_dates.append(line)
            continue
        if _is_title(line, lines[index - 1] if index else None):
            drafts.append(_Draft(title=line.text, lines=pending_dates))
            pending_dates = []
        elif drafts:
            drafts[-1].lines.append(line)
    return drafts


def clean_title(text: str) -> str:
    """The project's name from its title line: no "Personal Project:" prefix, dates or trailing tech list."""
    title = _PREFIX.sub("", strip_dates(text)).strip()
    cut = _TITLE_END.search(title)
    if cut and cut.start() >= 3:
        title = title[: cut.start()]
    return title.strip(" ,;:-–—|")[:200] or text[:200]


def _project(draft: _Draft, *, today: date) -> Project:
    title_line = draft.title or ""
    period = _first_range([title_line, *(line.text for line in draft.lines)])
    single = None if period else _first_date(title_line, draft.lines)
    interval = period.interval(today) if period else None
    description = "\n".join(line.text for line in draft.lines if not _date_only(line.text))[:_MAX_DESCRIPTION]
    entry = ProjectEntry(
        title=clean_title(title_line),
        description=description,
        start_date=period.start.iso() if period else single,
        end_date=period.end.iso() if period and period.end else None,
    )
    return Project(entry=entry, text=f"{title_line}\n{description}", interval=interval)


def _first_range(texts: Sequence[str]) -> DateRange | None:
    for text in texts[:3]:
        ranges = find_ranges(text)
        if ranges:
            return ranges[0]
    return None


def _first_date(title: str, lines: Sequence[Line]) -> str | None:
    for text in [title, *(line.text for line in lines[:2])]:
        dates = find_dates(text)
        if dates and (text is title or _date_only(text)):
            return dates[0].value.iso()
    return None
