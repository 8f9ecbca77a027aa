"""Cursor pagination over the log, newest first: the cursor is the seq of a page's last row."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar


class Sequenced(Protocol):
    """Anything with a log sequence number (a row of `audit_events`)."""

    @property
    def seq(self) -> int: ...


RowT = TypeVar("RowT", bound=Sequenced)

MAX_LIMIT = 500
DEFAULT_LIMIT = 50


def cut_page(rows: Sequence[RowT], limit: int) -> tuple[list[RowT], int | None]:
    """Split `limit + 1` rows fetched newest first into the page and the cursor for the next one.

    Fetching one row more than asked tells whether an older page exists without a COUNT.
    """
    page = list(rows[:limit])
    has_more = len(rows) > limit
    return page, (page[-1].seq if has_more and page else None)
