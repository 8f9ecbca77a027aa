"""Experience entries from the experience sections: employer, role, place, dates and what was done.

An entry is anchored on the line that carries its date range. Its heading is that line plus the
heading-like lines right around it: the lines after a date-only line (templates that print the
dates first), or the lines before it (role and employer above the dates). Everything up to the
next entry's heading is its description. Scraped resumes that label their fields
("company - Acme") are read by label. A section without any dates still gives entries, one per
heading-like line followed by a description.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from services.ingest.domain.dates import DateRange, Interval, find_dates, find_ranges, strip_dates
from services.ingest.domain.entry_headings import heading_signal, is_role, read_entry_heading
from services.ingest.domain.lines import Line
from services.ingest.domain.schema import ExperienceEntry
from services.ingest.domain.sections import Section

_ACTION_VERBS = frozenset(
    """
    developed led managed designed implemented created built worked responsible collaborated maintained improved
    increased reduced delivered launched conducted performed provided analyzed analysed assisted participated
    coordinated supported handled prepared established organized organised drove owned wrote used utilized
    utilised introduced migrated automated optimized optimised mentored trained achieved oversaw supervised
    executed spearheaded architected engineered integrated deployed configured tested researched published
    presented negotiated generated identified resolved streamlined contributed directed facilitated ensured
    monitored served helped partnered championed initiated completed processed reviewed taught administered
    ran cut grew won scaled shipped involved working developing leading managing designing building creating
    implementing handling providing maintaining supporting using played making successfully actively currently
    also key gained learned learnt acted translated produced defined documented enhanced modernised modernized
    refactored rebuilt wrote set reported achieving delivering driving owning writing planning planned
    """.split()
)
_ABBREVIATION_END = re.compile(r"\b(?:inc|ltd|co|corp|llc|jr|sr|st|e\.g|i\.e|etc|s\.a|pvt)\.$", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[a-z]{2}[.!?]\s+[A-Z]")
_LABEL = re.compile(
    r"^(?P<label>company|organi[sz]ation|employer|client|role|designation|position|title|job title|duration"
    r"|period|dates?|tenure|location|description|responsibilities|project)\s*[-:–]\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_MAX_HEADING_LINES = 2
_MAX_HEADING_LINES_ABOVE = 3
# A line this short beside the dates is part of the heading even without a job word ("Audit Senior").
_SHORT_HEADING_WORDS = 4
_MAX_DESCRIPTION = 5000


@dataclass(frozen=True)
class Job:
    """One experience entry with the text its skills are read from and the months it covers."""

    entry: ExperienceEntry
    text: str
    interval: Interval | None


def read_experience(sections: Sequence[Section], *, today: date) -> list[Job]:
    """The experience entries of every experience section, in document order."""
    jobs: list[Job] = []
    for section in sections:
        lines = section.lines
        if sum(1 for line in lines if _label_of(line) == "company") >= 1:
            jobs.extend(_labelled_jobs(lines, today=today))
        else:
            jobs.extend(_jobs_in(lines, today=today))
    return jobs


def is_heading_like(line: Line) -> bool:
    """Whether a line could be part of an entry's heading (short, not a bullet, not a sentence)."""
    if line.bullet:
        return False
    text = strip_dates(line.text)
    words = text.split()
    if not words:
        return True  # a date-only line
    first = words[0]
    # "iOS Developer", "eBay": a capital inside the first word will do.
    if len(words) > 14 or len(text) > 150 or not (first[:1].isupper() or first[:1].isdigit() or first != first.lower()):
        return False
    if text.endswith(".") and not _ABBREVIATION_END.search(text):
        return False
    if _SENTENCE_BREAK.search(text):
        return False
    return words[0].lower().strip(",:;") not in _ACTION_VERBS


def _periods(text: str) -> list[DateRange]:
    """The date ranges of a heading line; a lone date at either end is a period of its own ("Acme | 2020")."""
    ranges = find_ranges(text)
    if ranges:
        return ranges
    dates = find_dates(text)
    if len(dates) != 1:
        return []
    only = dates[0]
    at_edge = only.start <= 2 or only.end >= len(text.rstrip(" )*_")) - 1
    return [DateRange(only.value, only.value, False, (only.start, only.end))] if at_edge else []


def _is_anchor(line: Line) -> bool:
    ranges = _periods(line.text)
    if not ranges:
        return False
    if not line.bullet:
        return is_heading_like(line)
    # A bulleted entry ("• Acme, 2019 – 2021") only when the dates open or close the line.
    first, last = ranges[0].span[0], ranges[-1].span[1]
    return (first <= 2 or last >= len(line.text.rstrip(" )")) - 1) and is_heading_like(Line(line.text))


def _jobs_in(lines: Sequence[Line], *, today: date) -> list[Job]:
    anchors = [index for index, line in enumerate(lines) if _is_anchor(line)]
    if not anchors:
        anchors = _undated_anchors(lines)
    dates_first = _dates_come_first(lines, anchors)
    headings: list[list[int]] = []
    previous_end = -1
    for position, anchor in enumerate(anchors):
        limit = anchors[position + 1] if position + 1 < len(anchors) else len(lines)
        heading = _heading_lines(lines, anchor, lower=previous_end, upper=limit, dates_first=dates_first)
        headings.append(heading)
        previous_end = heading[-1]
    jobs = []
    employer: str | None = None
    for position, heading in enumerate(headings):
        end = headings[position + 1][0] if position + 1 < len(headings) else len(lines)
        body = [line for index, line in enumerate(lines[heading[0] : end], start=heading[0]) if index not in heading]
        texts = [lines[index].text for index in heading]
        job = _job(texts, body, today=today, employer=employer)
        # An employer on a line of its own heads every role listed under it until the next employer
        # ("Google" / "Senior Engineer 2021 – Present" / ... / "Engineer 2018 – 2020").
        if job.entry.company and job.entry.company != employer:
            employer = job.entry.company if any(_names_employer_only(text) for text in texts) else None
        jobs.append(job)
    return jobs


def _names_employer_only(text: str) -> bool:
    """A heading line without dates or a job word ("Google, Mountain View", "Shopify · Full-time")."""
    return bool(strip_dates(text)) and not _periods(text) and not is_role(text)


def _dates_come_first(lines: Sequence[Line], anchors: Sequence[int]) -> bool | None:
    """Whether a line of dates alone opens its entry (True) or closes its heading (False); None if unknown.

    A template lays out every entry alike, so the first entry tells: a date-only line with heading lines
    above it closes its heading, one without opens the entry.
    """
    if not anchors or strip_dates(lines[anchors[0]].text):
        return None
    first = anchors[0]
    return not (first > 0 and _may_head(lines[first - 1]))


def _heading_lines(
    lines: Sequence[Line], anchor: int, *, lower: int, upper: int, dates_first: bool | None = None
) -> list[int]:
    """The indexes of the heading lines of the entry anchored at `anchor`."""
    rest = strip_dates(lines[anchor].text)
    before: list[int] = []
    index = anchor - 1
    while index > lower and len(before) < _MAX_HEADING_LINES_ABOVE and _may_head(lines[index]):
        before.insert(0, index)
        index -= 1
    after: list[int] = []
    index = anchor + 1
    while index < upper and len(after) < _MAX_HEADING_LINES and _may_head(lines[index]):
        after.append(index)
        index += 1
    heading = read_entry_heading([rest])
    if heading.role and heading.organisation:
        # "Rackspace — San Antonio — 2019-2022" / "Cloud Engineer": the part read as the role names no job,
        # and the line below does.
        if after and not is_role(heading.role) and is_role(lines[after[0]].text) and not _periods(lines[after[0]].text):
            return [anchor, after[0]]
        return [anchor]
    if not rest:
        # Dates printed first ("2021 – Present" / "Engineer, OpenAI"), else the heading sits above them
        # (employer, place and role may take a line each when the template aligns them left and right).
        if dates_first is None:
            return [anchor, *after] if after else [*before, anchor]
        if dates_first:
            return [anchor, *after] if after else [anchor]
        return [*before, anchor] if before else [anchor, *after]
    if before:
        # "Northwind Health" / "Nurse Specialist" / "Jan 2019 – Mar 2022 | Leeds": as many lines above as it
        # takes to name both the role and the employer.
        for count in range(1, len(before) + 1):
            lines_above = [*before[-count:], anchor]
            found = read_entry_heading([lines[index].text for index in lines_above])
            if found.role and found.organisation:
                return lines_above
        return [*before[-1:], anchor]
    return [anchor, *after[:1]]


def _may_head(line: Line) -> bool:
    """Whether a line next to an entry's dates can be part of its heading."""
    if not is_heading_like(line) or _periods(line.text):
        return False
    return heading_signal(line.text) or len(line.text.split()) <= _SHORT_HEADING_WORDS


def _undated_anchors(lines: Sequence[Line]) -> list[int]:
    anchors = []
    for index, line in enumerate(lines):
        if not (_may_head(line) and is_heading_like(line)):
            continue
        previous = lines[index - 1] if index else None
        if previous is None or previous.bullet or not is_heading_like(previous):
            anchors.append(index)
    return anchors


def _job(heading_lines: Sequence[str], body: Sequence[Line], *, today: date, employer: str | None = None) -> Job:
    heading = read_entry_heading(heading_lines)
    period = _first_range(heading_lines)
    description = "\n".join(line.text for line in body)[:_MAX_DESCRIPTION]
    company = heading.organisation or (employer if heading.role else None)
    return _make_job(company, heading.role, heading.location, period, description, heading_lines, today)


def _first_range(texts: Sequence[str]) -> DateRange | None:
    for text in texts:
        ranges = _periods(text)
        if ranges:
            return ranges[0]
    return None


def _make_job(
    company: str | None,
    role: str | None,
    location: str | None,
    period: DateRange | None,
    description: str,
    heading_lines: Sequence[str],
    today: date,
) -> Job:
    interval = period.interval(today) if period else None
    entry = ExperienceEntry(
        company=_cut(company, 200),
        role=_cut(role, 200),
        location=_cut(location, 200),
        start_date=period.start.iso() if period else None,
        end_date=period.end.end_iso() if period and period.end else None,
        is_current=bool(period and period.is_current),
        # Sixty years is as long as a role may be told: a longer one ("1966 – Present") still fits the schema.
        duration_months=min(interval[1] - interval[0], 720) if interval else None,
        description=description,
    )
    return Job(entry=entry, text="\n".join([*heading_lines, description]), interval=interval)


def _stated_range(texts: Iterable[str]) -> DateRange | None:
    """The first full range anywhere in a labelled entry ("Period: 06th June 2017 to 20th Aug 2018").

    The entry is one job, so a range in its description is its period; a lone year there is not
    ("Windows Server 2012", "promoted in 2014").
    """
    for text in texts:
        for period in find_ranges(text):
            if period.end is not None and period.end != period.start or period.is_current:
                return period
    return None


def _cut(value: str | None, limit: int) -> str | None:
    return value[:limit].strip() if value else None


def _label_of(line: Line) -> str | None:
    match = _LABEL.match(line.text)
    return match.group("label").lower() if match else None


def _labelled_jobs(lines: Sequence[Line], *, today: date) -> list[Job]:
    """Entries written as "company - Acme" / "designation - Engineer" / "description - ..."."""
    groups: list[list[Line]] = []
    for line in lines:
        if _label_of(line) == "company" or not groups:
            groups.append([])
        groups[-1].append(line)
    jobs = []
    for group in groups:
        fields: dict[str, str] = {}
        description: list[str] = []
        for line in group:
            match = _LABEL.match(line.text)
            label = match.group("label").lower() if match else None
            value = match.group("value").strip() if match else line.text
            if label in {"company", "organisation", "organization", "employer"} and value:
                fields.setdefault("company", value)
            elif label in {"role", "designation", "position", "title", "job title"} and value:
                fields.setdefault("role", value)
            elif label in {"duration", "period", "date", "dates", "tenure"} and value:
                fields.setdefault("dates", value)
            elif label == "location" and value:
                fields.setdefault("location", value)
            elif value:
                description.append(value)
        period = _first_range([fields.get("dates", ""), *(line.text for line in group[:3])]) or _stated_range(
            line.text for line in group
        )
        if not (fields or period or description):
            continue  # "company -" with nothing after it: a template left empty
        jobs.append(
            _make_job(
                fields.get("company"),
                fields.get("role"),
                fields.get("location"),
                period,
                "\n".join(description)[:_MAX_DESCRIPTION],
                [line.text for line in group[:1]],
                today,
            )
        )
    return jobs
