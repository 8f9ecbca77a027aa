"""Dates as resumes write them: single dates, ranges ("Jan 2020 – Present"), durations and merged totals.

A date is a `PartialDate`: a year and, when written, a month. Durations count whole months:
- a range whose end has a month includes that month ("Jul 2016 – Jun 2018" is 24 months);
- a year-only end includes that whole year, as a year-only start begins in its January ("2016 – 2018"
  is January 2016 to December 2018, 36 months; "2019 – 2019" and "2019" alone are 12). Read any other
  way, "2019 – 2020" would be no longer than "2019 – 2019"; and it is how the evaluation set's labels
  read such dates (`eval/RULES.md`);
- a season or quarter covers its months: "Spring 2019 – Fall 2022" is March 2019 to November 2022
  (Winter is January-February), "Q3 2022" July to September;
- an open range ("Present", "Current", "till date", "since 2019") runs to `today`'s month included.
Total experience merges the ranges first, so months covered by two jobs count once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

Interval = tuple[int, int]  # [start, end) as month indexes (year * 12 + month - 1)

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# A season covers its months (Winter is the start of the year: "Winter 2019" is January-February 2019).
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (1, 2)}
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = re.compile(
    r"(?<![\w/.])(?:"
    # "Jan 2020", "January, 2020", "Jan. 15, 2020", "Jan '20", "Jan’20", "16th Jan 2017", "21-Aug-2012"
    r"(?:\d{1,2}(?:st|nd|rd|th)?[\s-]*)?"
    rf"(?P<mon>{_MONTH_NAME})\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:\s*,?\s*|-)(?:(?P<mon_year>{_YEAR})|['’](?P<mon_yy>\d\d))"
    # "Summer 2019"
    rf"|(?P<season>spring|summer|fall|autumn|winter)\s*,?\s*(?P<season_year>{_YEAR})"
    # "Q3 2021"
    rf"|Q(?P<quarter>[1-4])\s*(?P<quarter_year>{_YEAR})"
    # "15/03/2018" (day first with dots, month first with slashes: only the month and year are kept)
    rf"|(?P<d1>\d{{1,2}})(?P<dsep>[/.-])(?P<d2>\d{{1,2}})[/.-](?P<day_year>{_YEAR})"
    # "03/2018", "3-2018", "03.2018"
    rf"|(?P<num_month>0?[1-9]|1[0-2])\s?[/.-]\s?(?P<num_year>{_YEAR})"
    # "2018-03", "2018/03", "2018.03"
    rf"|(?P<iso_year>{_YEAR})[/.-](?P<iso_month>0[1-9]|1[0-2])"
    # "2019"
    rf"|(?P<year>{_YEAR})"
    r")(?![\w/]|\.\d)",
    re.IGNORECASE,
)
_SEPARATOR_PATTERN = r"\s*(?:-{1,2}|–|—|−|~|->|→|\bto\s+till\b|\bto\b|\btill\b|\buntil\b|\bthrough\b|\bthru\b)\s*"
_SEPARATOR = re.compile(_SEPARATOR_PATTERN, re.IGNORECASE)
# Table columns: a tab or a wide run of spaces between two dates.
_COLUMN_GAP = re.compile(r"\t+| {3,}")
_OPEN_END = re.compile(
    rf"(?:{_SEPARATOR_PATTERN}(?:(?:to|till|until|up\s+to)\s+)?(?:the\s+)?(?:present|current(?:ly)?|now|today|ongoing"
    r"|date|till\s+now|still(?:\s+on\s*going)?|on\s*going|continuing)|\s*onwards?)\b",
    re.IGNORECASE,
)
_SINCE = re.compile(r"(?:since|from)\s*$", re.IGNORECASE)
# "2019 –" at the very end of a text: the end was lost (a line break or a column); read it as open.
_DANGLING = re.compile(r"\s*(?:-{1,2}|–|—)\s*$")
# "2010-11" is an academic year, not November 2010, when the month is the next year's two digits;
# "2016-18" cannot be a month at all: both are years, the end's century left out.
_SHORT_END_YEAR = re.compile(rf"(?<![\w/.])(?P<start>{_YEAR})\s?[-–/]\s?(?P<end>\d\d)(?![\w/]|\.\d)")
# "1/19 - 3/22", "12/18 – Present": a month and a two-digit year. Alone, "3/22" may be a day or a
# fraction; only a range of two of them, or one running to the present, is read as dates.
_SHORT_MONTH_YEAR = r"(?<![\w/.])(?P<{0}m>0?[1-9]|1[0-2])/(?P<{0}y>\d\d)(?![\w/]|\.\d)"
_SHORT_RANGE = re.compile(
    _SHORT_MONTH_YEAR.format("a")
    + _SEPARATOR_PATTERN
    + rf"(?:{_SHORT_MONTH_YEAR.format('b')}|(?:the\s+)?(?P<open>present|current(?:ly)?|now|today|ongoing|date)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A year with an optional month (1-12)."""

    year: int
    month: int | None = None
    # The last month a written period covers when it is more than one ("Fall 2022" ends in November).
    last_month: int | None = None

    def iso(self) -> str:
        """`YYYY-MM`, or `YYYY` when the month is unknown."""
        return f"{self.year:04d}" if self.month is None else f"{self.year:04d}-{self.month:02d}"

    def end_iso(self) -> str:
        """The date as the end of a period: a season's or quarter's last month, else as `iso`."""
        return f"{self.year:04d}-{self.last_month:02d}" if self.last_month else self.iso()

    def index(self) -> int:
        """Months since year 0; a year alone counts from January."""
        return self.year * 12 + (self.month or 1) - 1

    def last_index(self) -> int:
        """The index of the last month the date covers: its month, a season's last, or a year's December."""
        return self.year * 12 + (self.last_month or self.month or 12) - 1


@dataclass(frozen=True)
class DateMention:
    """A date in a text, and where it is."""

    value: PartialDate
    start: int
    end: int


@dataclass(frozen=True)
class DateRange:
    """A period: start, end (None while open) and where the text says so."""

    start: PartialDate
    end: PartialDate | None
    is_current: bool
    span: tuple[int, int]

    def interval(self, today: date) -> Interval | None:
        """The months covered as `[first, last + 1)`; None when the end comes before the start."""
        first = self.start.index()
        now = today.year * 12 + today.month  # the month after today's: today's month counts
        if self.end is None:
            last = now if self.is_current else None
        else:
            last = self.end.last_index() + 1
        if last is None:
            return None
        last = min(last, now)
        return (first, last) if last > first else None

    def months(self, today: date) -> int | None:
        """How many months the period covers (see the module docstring for the rules)."""
        interval = self.interval(today)
        return interval[1] - interval[0] if interval else None


def find_dates(text: str) -> list[DateMention]:
    """Every date in `text`, in order."""
    found: list[DateMention] = []
    for match in _DATE.finditer(text):
        value = _date_of(match)
        if value is not None:
            found.append(DateMention(value, match.start(), match.end()))
    return found


def _date_of(match: re.Match[str]) -> PartialDate | None:
    groups = match.groupdict()
    if groups["mon"]:
        month = _MONTHS[groups["mon"][:3].lower()]
        if groups["mon_year"]:
            return PartialDate(int(groups["mon_year"]), month)
        return PartialDate(_full_year(groups["mon_yy"]), month)
    if groups["season"]:
        first, last = _SEASONS[groups["season"].lower()]
        return PartialDate(int(groups["season_year"]), first, last)
    if groups["quarter"]:
        quarter = int(groups["quarter"])
        return PartialDate(int(groups["quarter_year"]), 3 * quarter - 2, 3 * quarter)
    if groups["day_year"]:
        first, second = int(groups["d1"]), int(groups["d2"])
        # Dots are the European day-first form; slashes usually the US month-first one.
        month = second if groups["dsep"] == "." or first > 12 else first
        return PartialDate(int(groups["day_year"]), month) if 1 <= month <= 12 else PartialDate(int(groups["day_year"]))
    if groups["num_year"]:
        return PartialDate(int(groups["num_year"]), int(groups["num_month"]))
    if groups["iso_year"]:
        return PartialDate(int(groups["iso_year"]), int(groups["iso_month"]))
    return PartialDate(int(groups["year"]))


def find_ranges(text: str) -> list[DateRange]:
    """Every date range in `text`: "A – B", "A – Present", "since A", "2010-11", "1/19 – 3/22"."""
    ranges = _short_year_ranges(text)
    taken = [r.span for r in ranges]
    dates = [d for d in find_dates(text) if not any(start <= d.start < end for start, end in taken)]
    index = 0
    while index < len(dates):
        first = dates[index]
        following = dates[index + 1] if index + 1 < len(dates) else None
        if following is not None and (
            _SEPARATOR.fullmatch(text, first.end, following.start) or _columns_apart(text, first, following)
        ):
            ranges.append(DateRange(first.value, following.value, False, (first.start, following.end)))
            index += 2
            continue
        open_end = _OPEN_END.match(text, first.end)
        if open_end is not None:
            ranges.append(DateRange(first.value, None, True, (first.start, open_end.end())))
        elif _SINCE.search(text, max(0, first.start - 8), first.start) or (
            following is None and _DANGLING.fullmatch(text, first.end)
        ):
            ranges.append(DateRange(first.value, None, True, (first.start, len(text.rstrip()))))
        index += 1
    ranges.sort(key=lambda r: r.span)
    return ranges


def _columns_apart(text: str, first: DateMention, following: DateMention) -> bool:
    """ "20/07/2015    31/05/2016": a From and a To column, dates with months in order, only a gap between."""
    gap = text[first.end : following.start]
    return (
        bool(_COLUMN_GAP.fullmatch(gap))
        and first.value.month is not None
        and following.value.month is not None
        and following.value >= first.value
    )


def _short_year_ranges(text: str) -> list[DateRange]:
    """Ranges whose years are written with two digits: "2016-18", "2010-11", "1/19 - 3/22"."""
    ranges = []
    for match in _SHORT_END_YEAR.finditer(text):
        start, end = int(match.group("start")), int(match.group("end"))
        # An end of 12 or less is a month ("2018-03") unless it is the next year ("2010-11").
        if end == (start + 1) % 100 or (end > 12 and end > start % 100):
            ranges.append(DateRange(PartialDate(start), PartialDate(start - start % 100 + end), False, match.span()))
    for match in _SHORT_RANGE.finditer(text):
        first = PartialDate(_full_year(match.group("ay")), int(match.group("am")))
        if match.group("open"):
            ranges.append(DateRange(first, None, True, match.span()))
            continue
        last = PartialDate(_full_year(match.group("by")), int(match.group("bm")))
        if last >= first:
            ranges.append(DateRange(first, last, False, match.span()))
    return ranges


def _full_year(two_digits: str) -> int:
    yy = int(two_digits)
    return 2000 + yy if yy < 50 else 1900 + yy


# "Mar 2019 - Mar 2022 · 3 yrs 1 mo", "(2 years 3 months)": a duration written after the dates is part of them.
_DURATION_AFTER = re.compile(
    r"\s*[(\[·•|,–—-]?\s*(?:\d{1,2}\+?\s*(?:yrs?|years?)\.?(?:\s*,?\s*(?:and\s+)?\d{1,2}\s*(?:mos?|months?)\.?)?"
    r"|\d{1,2}\s*(?:mos?|months?)\.?)\s*[)\]]?(?!\w)",
    re.IGNORECASE,
)


# "From June 2015 to May 2018, Analyst at Barclays": the word that opened the dates goes with them.
_OPENER_BEFORE = re.compile(r"\b(?:from|since|between)\s*$", re.IGNORECASE)


def strip_dates(text: str) -> str:
    """`text` without its date ranges and dates (what is left of a heading line: role, company, place)."""
    spans = [_with_duration(text, r.span) for r in find_ranges(text)]
    spans += [
        _with_duration(text, (d.start, d.end)) for d in find_dates(text) if not any(s <= d.start < e for s, e in spans)
    ]
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    # What framed the dates: empty brackets, dangling separators, a "since"/"from".
    text = re.sub(r"\(\s*[-–—,]?\s*\)|\[\s*\]", " ", text)
    text = re.sub(r"\b(?:since|from|dates?|duration|period)\s*:?\s*$", " ", text.strip(), flags=re.IGNORECASE)
    return text.strip(" \t,;|–—-:·•")


def _with_duration(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The span of the dates with what frames them: a "from"/"since" before, a duration after."""
    duration = _DURATION_AFTER.match(text, span[1])
    opener = _OPENER_BEFORE.search(text, 0, span[0])
    return (opener.start() if opener else span[0], duration.end() if duration else span[1])


def merge_intervals(intervals: Iterable[Interval]) -> list[Interval]:
    """Overlapping or touching intervals joined into one, sorted."""
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def total_months(intervals: Sequence[Interval]) -> int:
    """The months covered by `intervals`, overlaps counted once."""
    return sum(end - start for start, end in merge_intervals(intervals))
