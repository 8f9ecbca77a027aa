from datetime import date

import pytest

from services.ingest.domain.dates import (
    DateRange,
    PartialDate,
    find_dates,
    find_ranges,
    merge_intervals,
    strip_dates,
    total_months,
)

pytestmark = pytest.mark.unit

TODAY = date(2025, 7, 15)


def only_range(text: str) -> DateRange:
    ranges = find_ranges(text)
    assert len(ranges) == 1, ranges
    return ranges[0]


@pytest.mark.parametrize(
    ("text", "start", "end", "current", "months"),
    [
        ("Jan 2020 – Present", "2020-01", None, True, 67),
        ("January 2020 - Current", "2020-01", None, True, 67),
        ("2019-2021", "2019", "2021", False, 36),
        ("2019 – 2021", "2019", "2021", False, 36),
        ("2019 – Mar 2020", "2019", "2020-03", False, 15),
        ("Mar 2019 – 2020", "2019-03", "2020", False, 22),
        ("03/2018 - 06/2020", "2018-03", "2020-06", False, 28),
        ("2018.03 – 2020.11", "2018-03", "2020-11", False, 33),
        ("07.2020 – present", "2020-07", None, True, 61),
        ("2020-04 - 2021-03", "2020-04", "2021-03", False, 12),
        ("Sept. 2017 — Aug. 2019", "2017-09", "2019-08", False, 24),
        ("Jul 2016 to Jun 2018", "2016-07", "2018-06", False, 24),
        ("Jan 2019 till date", "2019-01", None, True, 79),
        ("Sept 2019 to date", "2019-09", None, True, 71),
        ("2021-Now", "2021", None, True, 55),
        ("2020 onwards", "2020", None, True, 67),
        ("since 2015", "2015", None, True, 127),
        ("Summer 2019 – Fall 2019", "2019-06", "2019-09", False, 6),  # June to November: a season ends with it
        ("Q1 2020 - Q3 2021", "2020-01", "2021-07", False, 21),
        ("Jan '19 – Dec '20", "2019-01", "2020-12", False, 24),
        ("15/03/2018 - 30/06/2020", "2018-03", "2020-06", False, 28),
        ("2010-11", "2010", "2011", False, 24),
        ("2019 – 2019", "2019", "2019", False, 12),
    ],
)
def test_every_written_form_of_a_range(text: str, start: str, end: str | None, current: bool, months: int) -> None:
    period = only_range(text)
    assert period.start.iso() == start
    assert (period.end.iso() if period.end else None) == end
    assert period.is_current is current
    assert period.months(TODAY) == months


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Summer 2019", PartialDate(2019, 6, 8)),
        ("March, 2021", PartialDate(2021, 3)),
        ("Graduated May 2016", PartialDate(2016, 5)),
        ("2018.03", PartialDate(2018, 3)),
        ("class of 2014", PartialDate(2014)),
    ],
)
def test_single_dates(text: str, value: PartialDate) -> None:
    assert [mention.value for mention in find_dates(text)] == [value]


@pytest.mark.parametrize("text", ["Python 3.10 and 2.7", "+1 555 0100", "room 10/12", "ISO 27001:2013x"])
def test_numbers_that_are_not_dates(text: str) -> None:
    assert find_ranges(text) == []


def test_a_range_split_from_its_end_by_a_line_break_is_open() -> None:
    period = only_range("2021 –")
    assert period.is_current


def test_an_end_before_the_start_covers_nothing() -> None:
    assert only_range("2021 - 2019").months(TODAY) is None


def test_present_never_runs_past_today() -> None:
    assert only_range("Jan 2025 - Dec 2030").months(TODAY) == 7


def test_strip_dates_leaves_the_heading() -> None:
    assert strip_dates("Senior Engineer, Acme (Jan 2020 – Present)") == "Senior Engineer, Acme"
    assert strip_dates("Acme Corp | since 2019") == "Acme Corp"


def test_overlapping_and_touching_intervals_merge() -> None:
    # Jan 2016 - Dec 2019, a freelance Jun 2018 - Mar 2020 beside it, then Feb 2020 - Jul 2025.
    jobs = [(24192, 24240), (24221, 24243), (24241, 24307)]
    assert merge_intervals(jobs) == [(24192, 24307)]
    assert total_months(jobs) == 115
    assert total_months([(0, 12), (24, 36)]) == 24
    assert total_months([]) == 0
