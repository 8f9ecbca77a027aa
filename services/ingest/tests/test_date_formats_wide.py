"""Date forms beyond the common ones: seasons and quarters as periods, two-digit years, written durations."""

from __future__ import annotations

from datetime import date

import pytest

from services.ingest.domain.dates import DateRange, find_ranges, strip_dates

pytestmark = pytest.mark.unit

TODAY = date(2025, 7, 15)


def only_range(text: str) -> DateRange:
    ranges = find_ranges(text)
    assert len(ranges) == 1, ranges
    return ranges[0]


@pytest.mark.parametrize(
    ("text", "start", "end", "months"),
    [
        ("Spring 2019 – Fall 2022", "2019-03", "2022-11", 45),
        ("Fall 2018 - Spring 2020", "2018-09", "2020-05", 21),
        ("Winter 2021 – Summer 2021", "2021-01", "2021-08", 8),
        ("Q1 2019 – Q3 2022", "2019-01", "2022-09", 45),
    ],
)
def test_a_season_or_quarter_ends_with_its_last_month(text: str, start: str, end: str, months: int) -> None:
    period = only_range(text)
    assert period.end is not None
    assert (period.start.iso(), period.end.end_iso(), period.months(TODAY)) == (start, end, months)


@pytest.mark.parametrize(
    ("text", "start", "end", "current", "months"),
    [
        ("1/19 - 3/22", "2019-01", "2022-03", False, 39),
        ("12/18 – 06/21", "2018-12", "2021-06", False, 31),
        ("1/19 - Present", "2019-01", None, True, 79),
        ("2016-18", "2016", "2018", False, 36),
        ("2016 – 18", "2016", "2018", False, 36),
        ("1998-02", "1998-02", None, False, None),
    ],
)
def test_two_digit_years(text: str, start: str, end: str | None, current: bool, months: int | None) -> None:
    if months is None:
        assert find_ranges(text) == []
        return
    period = only_range(text)
    assert period.start.iso() == start
    assert (period.end.iso() if period.end else None, period.is_current) == (end, current)
    assert period.months(TODAY) == months


@pytest.mark.parametrize(
    "text", ["rated 4/5 - 5/5 by users", "3/22", "pages 10/12", "score 12/20", "room 10/12 - west"]
)
def test_short_numbers_alone_are_not_ranges(text: str) -> None:
    assert find_ranges(text) == []


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("Jan 2019 - Feb 2022 (3 yrs 2 mos)", ""),
        ("Mar 2019 - Mar 2022 · 3 yrs 1 mo", ""),
        ("Physiotherapist, NHS Lothian, Mar 2019 – Present (6 years 5 months)", "Physiotherapist, NHS Lothian"),
        ("DevOps Engineer, GitLab, Jan 2019 – Mar 2022 | 3 years 3 months", "DevOps Engineer, GitLab"),
        ("Intern, Acme, Jun 2020 - Aug 2020 (3 months)", "Intern, Acme"),
        ("Engineer, Acme, 2019 – 2021, 12 engineers led", "Engineer, Acme,  , 12 engineers led"),
    ],
)
def test_a_duration_written_after_the_dates_goes_with_them(text: str, rest: str) -> None:
    assert strip_dates(text) == rest


@pytest.mark.parametrize(
    ("text", "start", "end", "current"),
    [
        ("(16th Jan 2017 to till 30th Aug 2018)", "2017-01", "2018-08", False),
        ("(04th Mar 2016 to 03 Jan 2017)", "2016-03", "2017-01", False),
        ("Period: 06th June 2017 to 20th Aug 2018.", "2017-06", "2018-08", False),
        ("Admitted to practice since 18-Aug-2012.", "2012-08", None, True),
        ("FEB 2018 to Still: Acme Garments", "2018-02", None, True),
        ("March 2016 to Still on going", "2016-03", None, True),
        ("Since MAY 2018 to TILL DATE as a Civil Engineer", "2018-05", None, True),
        ("Jun 2019 - on going", "2019-06", None, True),
    ],
)
def test_days_before_the_month_and_more_open_ends(text: str, start: str, end: str | None, current: bool) -> None:
    period = only_range(text)
    assert (period.start.iso(), period.end.iso() if period.end else None, period.is_current) == (start, end, current)


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("From June 2015 to May 2018, Analyst at Barclays", "Analyst at Barclays"),
        ("Nurse at St Mary's since 2019", "Nurse at St Mary's"),
        ("Graduated from Leeds 2019", "Graduated from Leeds"),
    ],
)
def test_the_word_that_opens_the_dates_goes_with_them(text: str, rest: str) -> None:
    assert strip_dates(text) == rest


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Asst. Professor      20/07/2015    31/05/2016        10 Months", ("2015-07", "2016-05")),
        ("Analyst\tJan 2019\tMar 2020", ("2019-01", "2020-03")),
        ("Windows 2008    2012 R2", None),
        ("Mar 2020    Jan 2019", None),
    ],
)
def test_dates_in_from_and_to_columns(text: str, found: tuple[str, str] | None) -> None:
    ranges = [(r.start.iso(), r.end.iso()) for r in find_ranges(text) if r.end is not None]
    assert ranges == ([found] if found else [])
