"""Reading order of a PDF page, from where its text is drawn rather than when.

A PDF keeps text in drawing order, and generators draw in any order they like: the headings and
dates of a template after its body, a right-aligned date as a separate piece after its title, a
two-column page row by row (which interleaves a sidebar with the main column). Given the text runs
of a page with their boxes, `reading_order`:

- finds a vertical gutter that (almost) no run crosses and that has real columns on both sides
  (not a narrow column of dates beside the entries, not the cells of a table whose rows line up),
  and then reads the left column and then the right one, in bands between the runs that span the
  page; the largest text (the name, as a rule) is read first;
- within a column, or on a page of one column, groups runs that share a baseline into one line
  (a title and its right-aligned dates, a bullet glyph and its text, the cells of a table row),
  left to right, and orders the lines top to bottom;
- except where two stacks of text stand side by side over several lines (contact details beside
  the name, a LaTeX column of dates beside the entries): those are read stack by stack, so that
  "June 2022 –" stays above "Present" rather than in front of the entry's description.
"""

from __future__ import annotations

import re
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
# Runs whose baselines differ by less than this share of the smaller font size are on one line: enough
# for a bold title and a regular date, too little for a superscript or the next line.
_SAME_LINE_SHARE = 0.3
# Runs on one line closer than this share of the font size are words of one phrase (a bold label and
# its value: a word space is about a quarter of it); further apart they are separate fields (a bullet
# glyph and its text, a date and its title), joined by a tab as the cells of a DOCX table are.
_FIELD_GAP_SHARE = 0.6
_TOUCHING_SHARE = 0.05
# A date range broken over two lines of a narrow column: "June 2022 –" above "Present".
_OPEN_RANGE = re.compile(r"(?:[-–—]|\bto|\bsince)\s*$", re.IGNORECASE)
# Rows further apart than this share of the font size do not continue a stack of text side by side.
_STACK_LEADING_SHARE = 3.0


@dataclass(frozen=True)
class TextLine:
    """A run of text on a page: its box (points, origin top left), text, largest font size and baseline."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float = 10.0
    baseline: float | None = None

    @property
    def base(self) -> float:
        """The baseline the text sits on (the bottom of its box when it is not known)."""
        return self.baseline if self.baseline is not None else self.y1


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
    baselines = [line.base for line in other]
    aligned = sum(1 for line in side if any(abs(line.base - y) <= _BASELINE_TOLERANCE for y in baselines))
    return aligned / len(side)


def reading_order(lines: Sequence[TextLine], page_width: float) -> list[str]:
    """The page's text as lines in reading order: column after column, each top to bottom (see the module doc)."""
    gutter = find_gutter(lines, page_width)
    if gutter is None:
        return visual_lines(lines)
    body_size = sorted(line.size for line in lines)[len(lines) // 2]
    titles = [line for line in lines if line.size >= _TITLE_SIZE_RATIO * body_size]
    rest = [line for line in lines if line not in titles]
    spanning = sorted((line for line in rest if line.x0 < gutter < line.x1), key=lambda line: line.base)
    ordered = visual_lines(titles)
    top = float("-inf")
    for separator in [*spanning, None]:
        bottom = separator.y0 if separator is not None else float("inf")
        band = [line for line in rest if top <= line.y0 < bottom and not line.x0 < gutter < line.x1]
        ordered += visual_lines([line for line in band if line.x1 <= gutter])
        ordered += visual_lines([line for line in band if line.x1 > gutter])
        if separator is not None:
            ordered.append(separator.text)
            top = separator.y0
    return ordered


def visual_lines(runs: Sequence[TextLine]) -> list[str]:
    """The lines of one column, top to bottom: runs on one baseline joined, side-by-side stacks read one by one.

    Runs far apart on one baseline are one line (a title and its right-aligned dates, the cells of a
    table row) unless they start two stacks of text side by side, where the right one goes on
    where the left one has nothing (a header's contact details beside the name, a column of dates
    beside the entries' text): then each stack is read in turn, left first, and the left stack's
    blocks (one per entry) keep the right-hand text that starts beside them.
    """
    rows = _rows(runs)
    stretches = _stretches(rows)
    lines: list[str] = []
    index = 0
    while index < len(rows):
        stretch = stretches.get(index)
        if stretch is None:
            lines.append(_joined(rows[index]))
            index += 1
        else:
            end, (gap_x0, gap_x1) = stretch
            lines += _stretch_lines(rows[index:end], gap_x0, gap_x1)
            index = end
    return lines


def _rows(runs: Sequence[TextLine]) -> list[list[TextLine]]:
    """Runs grouped by baseline, top to bottom, each row left to right."""
    rows: list[list[TextLine]] = []
    for run in sorted(runs, key=lambda run: (run.base, run.x0)):
        row = rows[-1] if rows else None
        if row is not None and abs(run.base - row[0].base) <= _SAME_LINE_SHARE * min(run.size, row[0].size):
            row.append(run)
        else:
            rows.append([run])
    return [sorted(row, key=lambda run: run.x0) for row in rows]


def _wide_gap(row: Sequence[TextLine]) -> tuple[float, float] | None:
    """The widest gap between neighbouring runs of a row that separates fields, not words."""
    gaps = [
        (previous.x1, run.x0)
        for previous, run in zip(row, row[1:], strict=False)
        if run.x0 - previous.x1 >= _FIELD_GAP_SHARE * min(previous.size, run.size)
    ]
    return max(gaps, key=lambda gap: gap[1] - gap[0], default=None)


def _narrowed(row: Sequence[TextLine], gap: tuple[float, float]) -> tuple[float, float] | None:
    """The gap left clear once `row` is beside it (runs reaching into it narrow it), or None if a run crosses it."""
    gap_x0, gap_x1 = gap
    for run in row:
        if run.x1 <= gap_x0 + 1 or run.x0 >= gap_x1 - 1:
            continue
        if run.x0 <= gap_x0 + 1:
            if run.x1 >= gap_x1 - 1:
                return None  # across the gap: a full-width line ends the stack
            gap_x0 = run.x1
        else:
            gap_x1 = run.x0
        if gap_x1 - gap_x0 < _FIELD_GAP_SHARE * run.size:
            return None
    return gap_x0, gap_x1


def _close(upper: Sequence[TextLine], lower: Sequence[TextLine]) -> bool:
    size = max(run.size for run in (*upper, *lower))
    return lower[0].base - upper[0].base <= _STACK_LEADING_SHARE * size


def _stretches(rows: Sequence[Sequence[TextLine]]) -> dict[int, tuple[int, tuple[float, float]]]:
    """Runs of two or more neighbouring rows that a clear vertical gap divides: first row -> (end, gap)."""
    taken = [False] * len(rows)
    found: dict[int, tuple[int, tuple[float, float]]] = {}
    for seed, row in enumerate(rows):
        gap = None if taken[seed] else _wide_gap(row)
        if gap is None:
            continue
        first = last = seed
        while first > 0 and not taken[first - 1] and _close(rows[first - 1], rows[first]):
            wider = _narrowed(rows[first - 1], gap)
            if wider is None:
                break
            first, gap = first - 1, wider
        while last + 1 < len(rows) and not taken[last + 1] and _close(rows[last], rows[last + 1]):
            wider = _narrowed(rows[last + 1], gap)
            if wider is None:
                break
            last, gap = last + 1, wider
        if last > first:
            found[first] = (last + 1, gap)
            for index in range(first, last + 1):
                taken[index] = True
    return found


def _stretch_lines(rows: Sequence[Sequence[TextLine]], gap_x0: float, gap_x1: float) -> list[str]:
    left_rows = [[run for run in row if run.x1 <= gap_x0 + 1] for row in rows]
    right_rows = [[run for run in row if run.x0 >= gap_x1 - 1] for row in rows]
    first = next(index for index, left in enumerate(left_rows) if left)
    if not any(right and not left for left, right in zip(left_rows[first:], right_rows[first:], strict=True)):
        # Everything on the right sits beside something on the left: dates, places, table cells of a row.
        return [_joined(row) for row in rows]
    if _misaligned(left_rows, right_rows):
        # Two stacks with lines of their own (contact details beside the name, a sidebar): one, then the other.
        return visual_lines([run for row in left_rows for run in row]) + visual_lines(
            [run for row in right_rows for run in row]
        )
    # Lines on the left share baselines with text on the right (dates beside entries), or stand alone
    # (a heading): each block on the left, then the text beside it. Rows above its first block come first.
    lines = [_joined(row) for row in rows[:first]]
    start = first
    for index in range(first + 1, len(rows) + 1):
        if index == len(rows) or (left_rows[index] and not _continues(left_rows[index - 1])):
            lines += visual_lines([run for row in left_rows[start:index] for run in row])
            lines += visual_lines([run for row in right_rows[start:index] for run in row])
            start = index
    return lines


def _misaligned(left_rows: Sequence[Sequence[TextLine]], right_rows: Sequence[Sequence[TextLine]]) -> bool:
    """Whether a line on the left sits beside a line on the right without sharing its baseline."""
    for index, left in enumerate(left_rows):
        others = [run for other, row in enumerate(right_rows) if other != index for run in row]
        if any(other.y0 < run.base < other.y1 or run.y0 < other.base < run.y1 for run in left for other in others):
            return True
    return False


def _continues(row: Sequence[TextLine]) -> bool:
    """Whether a row of the narrow left stack goes on in the next one ("June 2022 –" above "Present")."""
    return bool(row) and _OPEN_RANGE.search(row[-1].text) is not None


def _joined(row: Sequence[TextLine]) -> str:
    """One row's runs as a line: words of one phrase by a space, separate fields by a tab."""
    text = row[0].text
    for previous, run in zip(row, row[1:], strict=False):
        gap = run.x0 - previous.x1
        size = min(previous.size, run.size)
        if gap >= _FIELD_GAP_SHARE * size:
            text = text.rstrip() + "\t" + run.text.lstrip()
        elif text[-1:].isspace() or run.text[:1].isspace() or gap < _TOUCHING_SHARE * size:
            text += run.text
        else:
            text += " " + run.text
    return text


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
