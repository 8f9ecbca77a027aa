"""Load and validate the field catalogue (`fields.yaml`) into lookup tables.

Validation happens once, at load: every field a family, a generic title, a skill category or an
adjacency names must exist, adjacency weights lie strictly between 0 and 1 and each pair is listed
once, no title phrase decides two things (two fields, or a field and a generic title) and no skill is
both neutral and a cue, because then the answer would depend on the order of the file.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from contracts.occupations.phrases import phrase_key

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class GenericTitle:
    """A title that names no field ("Engineer"): the fields it may mean, and the answer without clues."""

    phrase: Phrase
    family: frozenset[str]  # empty: any field
    default: str | None

    def allows(self, field: str) -> bool:
        """Whether the title can mean `field`."""
        return not self.family or field in self.family


@dataclass(frozen=True)
class Catalogue:
    """The fields with everything the classifier looks up, built once from `fields.yaml`."""

    labels: dict[str, str]
    # Phrase -> the field it decides, or the generic title it is.
    titles: dict[Phrase, str | GenericTitle]
    # Phrase -> the fields it narrows a generic title to.
    modifiers: dict[Phrase, frozenset[str]]
    # Description phrase -> the fields it hints at.
    cues: dict[Phrase, frozenset[str]]
    skill_fields: dict[str, frozenset[str]]
    category_fields: dict[str, str]
    neutral_skills: frozenset[str]
    adjacency: dict[tuple[str, str], float]
    # Every leading part of every phrase above, so a scan stops as soon as no phrase can follow.
    prefixes: frozenset[Phrase]

    def phrases_in(self, words: Sequence[str]) -> list[tuple[int, Phrase]]:
        """Every (start, phrase) of `words` that is a title, modifier or cue phrase, in order."""
        found: list[tuple[int, Phrase]] = []
        for start in range(len(words)):
            for end in range(start + 1, len(words) + 1):
                phrase = tuple(words[start:end])
                if phrase not in self.prefixes:
                    break
                if phrase in self.titles or phrase in self.modifiers or phrase in self.cues:
                    found.append((start, phrase))
        return found

    @property
    def fields(self) -> tuple[str, ...]:
        """Every field id, in catalogue order."""
        return tuple(self.labels)

    def neighbours(self, field: str) -> dict[str, float]:
        """The fields adjacent to `field` with their weights, strongest first."""
        pairs = [(other, weight) for (one, other), weight in self.adjacency.items() if one == field]
        return dict(sorted(pairs, key=lambda pair: (-pair[1], pair[0])))


class CatalogueError(ValueError):
    """The field catalogue contradicts itself or names something that does not exist."""


def _strings(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise CatalogueError(f"{where} must be a list of strings")
    return value


def _require_fields(names: Iterable[str | None], known: Mapping[str, str], where: str) -> None:
    for name in names:
        if name is not None and name not in known:
            raise CatalogueError(f"{where} names the unknown field {name!r}")


def _index_phrases(entries: Mapping[str, list[str]]) -> dict[Phrase, frozenset[str]]:
    """Phrase -> every field listing it (modifiers and cues may be shared)."""
    index: dict[Phrase, set[str]] = defaultdict(set)
    for field, phrases in entries.items():
        for phrase in phrases:
            key = phrase_key(phrase)
            if key:
                index[key].add(field)
    return {key: frozenset(fields) for key, fields in index.items()}


def _adjacency(rows: Any, labels: Mapping[str, str]) -> dict[tuple[str, str], float]:
    adjacency: dict[tuple[str, str], float] = {}
    for row in rows or []:
        if not (isinstance(row, list) and len(row) == 3):
            raise CatalogueError(f"adjacency row {row!r} must be [field, field, weight]")
        one, other, weight = row
        _require_fields([one, other], labels, "adjacency")
        if one == other:
            raise CatalogueError(f"adjacency pairs {one!r} with itself")
        if not isinstance(weight, int | float) or not 0 < weight < 1:
            raise CatalogueError(f"adjacency weight {weight!r} for {one}-{other} must lie strictly between 0 and 1")
        if (one, other) in adjacency:
            raise CatalogueError(f"adjacency lists {one}-{other} twice")
        # Stored both ways: experience transfers as much in one direction as in the other.
        adjacency[(one, other)] = adjacency[(other, one)] = float(weight)
    return adjacency


def build_catalogue(data: Mapping[str, Any]) -> Catalogue:
    """Validate the YAML structure and index it; raises CatalogueError on any inconsistency."""
    raw_fields: Mapping[str, Any] = data.get("fields") or {}
    labels: dict[str, str] = {}
    for field, spec in raw_fields.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("label"), str):
            raise CatalogueError(f"field {field!r} needs a label")
        labels[field] = spec["label"]

    families: dict[str, frozenset[str]] = {}
    for name, members in (data.get("families") or {}).items():
        _require_fields(_strings(members, f"family {name}"), labels, f"family {name}")
        families[name] = frozenset(members or ())

    titles: dict[Phrase, str | GenericTitle] = {}

    def claim(phrase: str, meaning: str | GenericTitle) -> None:
        key = phrase_key(phrase)
        if not key:
            raise CatalogueError(f"title phrase {phrase!r} has no words left after normalisation")
        owner = titles.setdefault(key, meaning)
        if owner != meaning:
            raise CatalogueError(f"title phrase {phrase!r} means both {owner!r} and {meaning!r}")

    for field, spec in raw_fields.items():
        for phrase in _strings(spec.get("titles"), f"{field}.titles"):
            claim(phrase, field)
    for group in data.get("generic_titles") or []:
        family_name = group.get("family", "any")
        if family_name not in families:
            raise CatalogueError(f"generic titles name the unknown family {family_name!r}")
        default = group.get("default")
        _require_fields([default], labels, "a generic title's default")
        for phrase in _strings(group.get("titles"), "generic_titles"):
            claim(phrase, GenericTitle(phrase_key(phrase), families[family_name], default))

    modifiers = _index_phrases({field: _strings(spec.get("modifiers"), field) for field, spec in raw_fields.items()})
    cues = _index_phrases({field: _strings(spec.get("cues"), field) for field, spec in raw_fields.items()})

    skill_sets: dict[str, set[str]] = defaultdict(set)
    for field, spec in raw_fields.items():
        for skill in _strings(spec.get("skills"), f"{field}.skills"):
            skill_sets[skill].add(field)
    neutral_skills = frozenset(_strings(data.get("neutral_skills"), "neutral_skills"))
    contradictions = sorted(neutral_skills & set(skill_sets))
    if contradictions:
        raise CatalogueError(f"skills both neutral and pointing to a field: {contradictions}")
    category_fields: dict[str, str] = dict(data.get("skill_categories") or {})
    _require_fields(category_fields.values(), labels, "skill_categories")

    every_phrase = [*titles, *modifiers, *cues]
    prefixes = frozenset(phrase[:end] for phrase in every_phrase for end in range(1, len(phrase) + 1))
    return Catalogue(
        labels=labels,
        titles=titles,
        modifiers=modifiers,
        cues=cues,
        skill_fields={skill: frozenset(fields) for skill, fields in skill_sets.items()},
        category_fields=category_fields,
        neutral_skills=neutral_skills,
        adjacency=_adjacency(data.get("adjacency"), labels),
        prefixes=prefixes,
    )


@cache
def default_catalogue() -> Catalogue:
    """The catalogue shipped in `contracts/occupations/fields.yaml` (loaded and validated once)."""
    text = resources.files("contracts.occupations").joinpath("fields.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader)
    if not isinstance(data, dict):
        raise CatalogueError("fields.yaml must be a mapping")
    return build_catalogue(data)
