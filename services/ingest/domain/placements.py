"""Clinical and student placements written under a degree: practice, not employment.

A student nurse's rotation on a surgical ward uses wound care for real, so its skills count as used,
with their months; but written in the education section it is supervised practice inside a degree,
not a position held, so it adds nothing to the total months of experience and is no role. (A
placement the person lists under experience is a role they held: the section decides, see `profile`.)
Under a degree, a placement is a dated line that says so ("Clinical placement: ICU, St Thomas'
Hospital, Jan – Apr 2022"), or any dated line of a list headed "Clinical placements:".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from services.ingest.domain.dates import DateRange, Interval, find_ranges, strip_dates
from services.ingest.domain.education import degree_level
from services.ingest.domain.lines import Line
from services.ingest.domain.sections import Section

_PLACEMENT = re.compile(
    r"\b(?:clinical\s+(?:placements?|rotations?|practicum|practice|attachments?|hours|training|clerkship)"
    r"|practicum|practica|clerkships?|externships?|rotations?|student\s+teach(?:er|ing)"
    r"|(?:practice|student|nursing|fieldwork|field)\s+placements?"
    r"|student\s+(?:nurse|midwife|paramedic|pharmacist|radiographer|physiotherapist|physio|therapist|dietitian"
    r"|social\s+worker|counsell?or|practitioner)|nursing\s+student|\d+\s*(?:clinical|placement|practicum)\s+hours)\b",
    re.IGNORECASE,
)
# "Placement Officer" and "Clinical Training Manager" are jobs about placements, not placements.
_PLACEMENT_JOB = re.compile(
    r"\b(?:placements?|rotations?|practicum|practice|training|hours|clerkship|teaching)\s+(?:officer|consultant"
    r"|coordinator|co-ordinator|manager|specialist|executive|lead|advisor|adviser|director|administrator|educator"
    r"|facilitator|supervisor|liaison)\b",
    re.IGNORECASE,
)
_MAX_LABEL = 150


@dataclass(frozen=True)
class Placement:
    """A dated placement written under a degree: where it was, its text and the months it covers."""

    label: str
    text: str
    interval: Interval | None
    lines: tuple[int, ...]  # the indexes of its lines in the section: they are no part of the degree


@dataclass
class _Draft:
    heading: str
    period: DateRange
    lines: list[str] = field(default_factory=list)
    indexes: list[int] = field(default_factory=list)


def is_placement(text: str) -> bool:
    """Whether a line says it is about a placement ("Clinical rotation — ICU"), not a job about them."""
    return bool(_PLACEMENT.search(text)) and not _PLACEMENT_JOB.search(text)


def read_placements(section: Section, *, today: date) -> list[Placement]:
    """The dated placements listed in an education section, each with the bullets under it."""
    drafts: list[_Draft] = []
    listing = False  # under a "Clinical placements:" line, dated lines are placements without saying so
    for index, line in enumerate(section.lines):
        ranges = find_ranges(line.text)
        named = is_placement(line.text)
        if ranges and (named or (listing and _listed(line))):
            drafts.append(_Draft(heading=line.text, period=ranges[0], indexes=[index]))
        elif named:
            listing = True  # no dates: it heads the list that follows
        elif drafts and line.bullet and not ranges and drafts[-1].indexes[-1] == index - 1:
            drafts[-1].lines.append(line.text)
            drafts[-1].indexes.append(index)
        elif not line.bullet:
            listing = False
    return [_placement(draft, today) for draft in drafts]


def _listed(line: Line) -> bool:
    """A line of a placements list: a bullet, or a short line of a place and dates that names no degree."""
    return line.bullet or (len(strip_dates(line.text).split()) <= 10 and degree_level(line.text) is None)


def _placement(draft: _Draft, today: date) -> Placement:
    label = _PLACEMENT_LABEL_NOISE.sub("", strip_dates(draft.heading)).strip(" ,;:–—-|()") or draft.heading
    return Placement(
        label=label[:_MAX_LABEL],
        text="\n".join([draft.heading, *draft.lines]),
        interval=draft.period.interval(today),
        lines=tuple(draft.indexes),
    )


_PLACEMENT_LABEL_NOISE = re.compile(r"^\s*(?:clinical\s+)?(?:placements?|rotations?|practicum)\s*[:–—-]\s*", re.I)
