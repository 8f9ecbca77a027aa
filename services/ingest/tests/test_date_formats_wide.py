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
