"""Blind review: who an applicant is stays hidden until the recruiter shortlists them.

Shortlisting is moving an application into the pipeline proper (screening or later, hired included);
a submitted, rejected or withdrawn application never reveals its applicant.
"""

from __future__ import annotations

import re

SHORTLISTED = frozenset({"screening", "interview", "offer", "hired"})
# Shorter pieces ("Al", "Li") are still names; one letter is an initial and says too little to mask.
_MIN_NAME_PIECE = 2


def is_shortlisted(status: str) -> bool:
    """Whether an application in `status` has been shortlisted, so its applicant may be named."""
    return status in SHORTLISTED


def name_mask(name: str | None, email: str | None) -> re.Pattern[str] | None:
    """A pattern matching the applicant's name words and e-mail local part, for text shown under blind review."""
    pieces = {piece for piece in re.split(r"[\s,.'’\-]+", name or "") if len(piece) >= _MIN_NAME_PIECE}
    local = (email or "").partition("@")[0]
    if len(local) >= _MIN_NAME_PIECE:
        pieces.add(local)
    if not pieces:
        return None
    words = "|".join(re.escape(piece) for piece in sorted(pieces, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)
