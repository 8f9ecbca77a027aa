"""Profile fields as people type them, tidied: whitespace folded, duplicates dropped, skills canonical."""

from __future__ import annotations

from collections.abc import Callable, Iterable

SENIORITIES = ("entry", "mid", "senior", "lead")
MAX_SKILLS = 50
MAX_SKILL_LENGTH = 80
MAX_LOCATIONS = 20
MAX_LOCATION_LENGTH = 100
MAX_HEADLINE_LENGTH = 300


def _folded(text: str) -> str:
    return " ".join(text.split())


def _distinct(values: Iterable[str]) -> list[str]:
    """Non-empty values in first-seen order, duplicates (ignoring case) dropped."""
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            out.append(value)
    return out


def tidy_locations(locations: Iterable[str]) -> list[str]:
    """Locations trimmed, empty ones and repeats dropped."""
    return _distinct(_folded(location) for location in locations)


def tidy_skills(skills: Iterable[str], canonical: Callable[[str], str | None]) -> list[str]:
    """Skills under their canonical names where the vocabulary knows them, else as given (trimmed)."""
    return _distinct(canonical(folded) or folded for folded in (_folded(skill) for skill in skills) if folded)
