"""Drawing careers: dated roles in given fields, with the skills each role's work used.

A career is planned oldest first as segments (a field and how many months of it), then laid out
backwards from today so that the newest role is current or ended a few months ago. Dates can be
snapped to what a resume's date format can say: whole years ("2019 - 2022") or seasons
("Spring 2019"), so that the latent dates are exactly what the written ones mean.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

from eval.dataset.fields import FIELDS, title_skills
from eval.dataset.model import TODAY, Role
from eval.dataset.people import EMPLOYERS, half

Granularity = Literal["month", "year", "season"]

# Season -> (first month, last month), 1-based; a season is written with the year of its first month.
SEASONS = {"Winter": (1, 2), "Spring": (3, 5), "Summer": (6, 8), "Fall": (9, 11)}
_SEASON_STARTS = sorted(first for first, _ in SEASONS.values())
_SEASON_ENDS = sorted(last for _, last in SEASONS.values())


@dataclass(frozen=True)
class Segment:
    """A stretch of career in one field: its length, skills it must show, skills it must not show."""

    field: str
    months: int
    must: tuple[str, ...] = ()
    forbidden: frozenset[str] = frozenset()
    prior_months: int = 0  # experience in the field before this segment, for titles
    intern: bool = False  # a single internship or placement (new graduates)


def _snap_start(month: int, granularity: Granularity) -> int:
    if granularity == "year":
        return month - month % 12
    if granularity == "season":
        year, index = divmod(month, 12)
        return year * 12 + max(start - 1 for start in _SEASON_STARTS if start - 1 <= index)
    return month


def _snap_end(month: int, granularity: Granularity) -> int:
    """The latest allowed end month not after `month`."""
    if granularity == "year":
        return month - month % 12 - 1 if month % 12 != 11 else month
    if granularity == "season":
        year, index = divmod(month, 12)
        ends = [end - 1 for end in _SEASON_ENDS if end - 1 <= index]
        return year * 12 + ends[-1] if ends else (year - 1) * 12 + _SEASON_ENDS[-1] - 1
    return month


def _split_months(rng: random.Random, total: int) -> list[int]:
    """Role lengths (oldest first) that add up to `total`."""
    if total < 18:
        count = 1
    elif total < 48:
        count = rng.choice((1, 2, 2))
    elif total < 96:
        count = rng.choice((2, 3))
    else:
        count = rng.choice((3, 3, 4))
    if count == 1:
        return [total]
    minimum = 6
    cuts = sorted(rng.sample(range(minimum, total - minimum + 1), count - 1)) if total >= count * minimum else []
    if len(cuts) != count - 1:
        return [total]
    lengths = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
    if min(lengths) < minimum:
        return [total]
    return lengths


def stage_title(rng: random.Random, field: str, months_before: int, split: str) -> str:
    """A title for a role that starts after `months_before` months in the field."""
    stages = FIELDS[field].stage_titles
    stage = 0 if months_before < 24 else 1 if months_before < 72 else 2 if months_before < 144 else 3
    return rng.choice(half(stages[stage], split))


def _skills_for_roles(rng: random.Random, segment: Segment, count: int, split: str) -> list[tuple[str, ...]]:
    """The skills each role of a segment shows (oldest first): every `must` skill lands somewhere."""
    spec = FIELDS[segment.field]
    pool = [
        skill for skill in (*spec.core, *spec.extra) if skill not in segment.forbidden and skill not in segment.must
    ]
    per_role: list[list[str]] = [[] for _ in range(count)]
    for skill in segment.must:
        # Most evidence sits in the recent role; some in older ones, as real careers spread it.
        index = count - 1 if rng.random() < 0.6 else rng.randrange(count)
        per_role[index].append(skill)
    for skills in per_role:
        for skill in rng.sample(pool, k=min(len(pool), rng.randint(1, 3))):
            if skill not in skills:
                skills.append(skill)
    return [tuple(skills) for skills in per_role]


def lay_out(
    rng: random.Random,
    segments: list[Segment],
    *,
    split: str,
    granularity: Granularity,
    location: str,
    current: bool = True,
) -> tuple[Role, ...]:
    """The roles of a career (newest first), laid out backwards from today."""
    planned: list[tuple[Segment, int, tuple[str, ...], int]] = []  # segment, months, skills, months before
    for segment in segments:
        lengths = [segment.months] if segment.intern else _split_months(rng, segment.months)
        skills_per_role = _skills_for_roles(rng, segment, len(lengths), split)
        before = segment.prior_months
        for length, role_skills in zip(lengths, skills_per_role, strict=True):
            planned.append((segment, length, role_skills, before))
            before += length
    roles: list[Role] = []
    used: set[str] = set()
    next_start = TODAY + 1
    for index, (segment, length, skills, before) in enumerate(reversed(planned)):
        newest = index == 0
        if newest:
            end: int | None = None if current and not segment.intern else TODAY - rng.randint(1, 5)
        else:
            change_of_field = planned[len(planned) - index][0].field != segment.field
            gap = rng.randint(2, 10) if change_of_field else rng.choice((0, 0, 1, 2, 3))
            end = next_start - 1 - gap
        if end is not None:
            end = _snap_end(end, granularity)
        last = TODAY if end is None else end
        start = _snap_start(last - length + 1, granularity)
        employer = _employer(rng, segment.field, split, used)
        title = FIELDS[segment.field].intern_title if segment.intern else stage_title(rng, segment.field, before, split)
        implied = [s for s in title_skills(segment.field, title) if s not in skills and s not in segment.forbidden]
        roles.append(Role(title, employer, segment.field, start, end, (*skills, *implied), location))
        next_start = start
    return tuple(roles)


def _employer(rng: random.Random, field: str, split: str, used: set[str]) -> str:
    pool = [name for name in half(EMPLOYERS[FIELDS[field].sector], split) if name not in used]
    name = rng.choice(pool)
    used.add(name)
    return name
