"""Reading order of a PDF page: two-column resumes read column by column, not row by row.

A PDF keeps text in drawing order, and many generators draw a two-column page row by row: text
extraction then interleaves the sidebar with the main column. Given the lines of a page with
their boxes, `reading_order` finds a vertical gutter that (almost) no line crosses and that has
real columns on both sides (not a narrow column of dates beside the entries, not the cells of a
table whose rows line up); it then reads the left column and the right one, in bands between
the lines that span the page. The largest text (the name, as a rule) is read first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Gutters are looked for in the middle of the page only: margins are not gutters.
_SEARCH_FROM, _SEARCH_TO, _STEP = 0.2, 0.8, 2.0
_MAX_CROSSING_SHARE = 0.15
_MIN_COLUMN_TEXT_SHARE = 0.12
_MIN_COLUMN_LINES = 4
_MIN_COLUMN_WIDTH_SHARE = 0.18
# Columns whose lines mostly share baselines are a table (or dates beside entries): rows, not columns.
_MAX_ALIGNED_SHARE = 0.6
_BASELINE_TOLERANCE = 2.0
_TITLE_SIZE_RATIO = 1.5


@dataclass(frozen=True)
class TextLine:
    """One line of text on a page: its box (points, origin top left), text and largest font size."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float = 10.0


def find_gutter(lines: Sequence[TextLine], page_width: float) -> float | None:
    """The x of the gutter between two text columns, or None when the page is one column."""
    if len(lines) < 2 * _MIN_COLUMN_LINES:
        return None
    best: list[float] = []
    best_crossing = len(lines) + 1
    x = page_width * _SEARCH_FROM
    while x <= page_width * _SEARCH_TO:
        crossing = sum(1 for line in lines if line.x0 < x - 1 and line.x1 > x + 1)
        if crossing < best_crossing:
            best, best_crossing = [x], crossing
        elif crossing == best_crossing and best and x - best[-1] <= _STEP + 0.01:
            best.append(x)
        x += _STEP
    if not best or best_crossing > max(2, _MAX_CROSSING_SHARE * len(lines)):
        return None
    gutter = (best[0] + best[-1]) / 2  # the middle of the widest clear band
    return gutter if _are_columns(lines, gutter, page_width) else None


def _are_columns(lines: Sequence[TextLine], gutter: float, page_width: float) -> bool:
    left = [line for line in lines if line.x1 <= gutter]
    right = [line for line in lines if line.x0 >= gutter]
    total = sum(len(line.text) for line in lines) or 1
    for side in (left, right):
        if len(side) < _MIN_COLUMN_LINES or sum(len(line.text) for line in side) < _MIN_COLUMN_TEXT_SHARE * total:
            return False
        if max(line.x1 - line.x0 for line in side) < _MIN_COLUMN_WIDTH_SHARE * page_width:
            return False
    # Dates flush right beside their entries, or cells of a table: the smaller side lines up with the other.
    return max(_aligned_share(left, right), _aligned_share(right, left)) <= _MAX_ALIGNED_SHARE


def _aligned_share(side: Sequence[TextLine], other: Sequence[TextLine]) -> float:
    baselines = [line.y1 for line in other]
    aligned = sum(1 for line in side if any(abs(line.y1 - y) <= _BASELINE_TOLERANCE for y in baselines))
    return aligned / len(side)


def reading_order(lines: Sequence[TextLine], page_width: float) -> list[str] | None:
    """The page's lines in reading order when it has two columns; None when the drawing order is fine."""
    gutter = find_gutter(lines, page_width)
    if gutter is None:
        return None
    body_size = sorted(line.size for line in lines)[len(lines) // 2]
    titles = [line for line in lines if line.size >= _TITLE_SIZE_RATIO * body_size]
    rest = [line for line in lines if line not in titles]
    spanning = sorted((line for line in rest if line.x0 < gutter < line.x1), key=lambda line: line.y0)
    ordered = [line.text for line in titles]
    top = float("-inf")
    for separator in [*spanning, None]:
        bottom = separator.y0 if separator is not None else float("inf")
        band = [line for line in rest if top <= line.y0 < bottom and not line.x0 < gutter < line.x1]
        # Within a column the drawing order is kept: it is right for row-by-row and column-by-column writers.
        ordered += [line.text for line in band if line.x1 <= gutter]
        ordered += [line.text for line in band if line.x1 > gutter]
        if separator is not None:
            ordered.append(separator.text)
            top = separator.y0
    return ordered


def join_hyphenated(texts: Sequence[str]) -> list[str]:
    """Lines with a word hyphenated across them joined again ("Devel-" + "oping products")."""
    joined: list[str] = []
    for text in texts:
        if (
            joined
            and len(joined[-1]) > 1
            and joined[-1].endswith("-")
            and joined[-1][-2].isalpha()
            and text[:1].islower()
        ):
            joined[-1] = joined[-1][:-1] + text
        else:
            joined.append(text)
    return joined
