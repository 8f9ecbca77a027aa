"""Load the skill vocabulary and find canonical skills in text.

Matching is deliberately conservative: an alias only matches as a whole token sequence
(`React` does not match inside `React Native`, `C` does not match inside `C++` or `C-level`),
the longest alias wins at each position, and names that are ordinary lower-case words
(Go, R, Swift) only match with their exact capitalisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

# Characters that glue onto a skill token: a match may not be preceded or followed by one.
_WORD_AFTER = r"(?![\w+#&]|\.\w|-\w)"
_WORD_BEFORE = r"(?<![\w.&@/-])"


@dataclass(frozen=True)
class Skill:
    """A canonical skill."""

    name: str
    category: str
    synonyms: tuple[str, ...] = ()
    case_sensitive: bool = False


@dataclass(frozen=True)
class SkillMention:
    """One occurrence of a skill in a text: which skill, the words that matched, and where."""

    skill: str
    matched: str
    start: int
    end: int


def normalise_alias(text: str) -> str:
    """The lookup key for an alias: lower case, inner whitespace folded."""
    return " ".join(text.lower().split())


def _alias_pattern(alias: str) -> str:
    # Any run of whitespace in an alias matches any run in the text ("Node  js" = "Node js").
    parts = [re.escape(part) for part in alias.split()]
    return r"\s+".join(parts)


@dataclass
class Taxonomy:
    """The vocabulary with its compiled matchers."""

    skills: dict[str, Skill]
    _by_alias: dict[str, str] = field(default_factory=dict)
    _insensitive: re.Pattern[str] | None = None
    _sensitive: re.Pattern[str] | None = None

    def __post_init__(self) -> None:
        sensitive_aliases: dict[str, str] = {}
        for skill in self.skills.values():
            for alias in (skill.name, *skill.synonyms):
                if skill.case_sensitive:
                    sensitive_aliases[alias] = skill.name
                else:
                    self._by_alias[normalise_alias(alias)] = skill.name
        self._sensitive_by_alias = sensitive_aliases
        self._insensitive = _compile(list(self._by_alias), flags=re.IGNORECASE)
        self._sensitive = _compile(list(sensitive_aliases), flags=0)

    @classmethod
    def from_mapping(cls, data: dict[str, list[Any]]) -> Taxonomy:
        """Build from the YAML structure: category -> list of names or mappings."""
        skills: dict[str, Skill] = {}
        for category, entries in data.items():
            for entry in entries:
                spec = {"name": entry} if isinstance(entry, str) else dict(entry)
                skill = Skill(
                    name=spec["name"],
                    category=category,
                    synonyms=tuple(spec.get("synonyms", ())),
                    case_sensitive=bool(spec.get("case_sensitive", False)),
                )
                if skill.name in skills:
                    raise ValueError(f"skill {skill.name!r} is listed twice")
                skills[skill.name] = skill
        return cls(skills=skills)

    def canonical(self, term: str) -> str | None:
        """The canonical name for a term, or None when the vocabulary does not know it."""
        key = normalise_alias(term)
        if key in self._by_alias:
            return self._by_alias[key]
        return self._sensitive_by_alias.get(term.strip())

    def find(self, text: str) -> list[SkillMention]:
        """Every skill mention in `text`, in order of appearance, longest alias first."""
        mentions: list[SkillMention] = []
        taken: list[tuple[int, int]] = []
        if self._insensitive is not None:
            for m in self._insensitive.finditer(text):
                name = self._by_alias[normalise_alias(m.group(0))]
                mentions.append(SkillMention(name, m.group(0), m.start(), m.end()))
                taken.append((m.start(), m.end()))
        if self._sensitive is not None:
            for m in self._sensitive.finditer(text):
                if any(start < m.end() and m.start() < end for start, end in taken):
                    continue
                name = self._sensitive_by_alias[" ".join(m.group(0).split())]
                mentions.append(SkillMention(name, m.group(0), m.start(), m.end()))
        mentions.sort(key=lambda mention: mention.start)
        return mentions

    def extract(self, text: str) -> list[str]:
        """The distinct canonical skills in `text`, in order of first appearance."""
        return list(dict.fromkeys(mention.skill for mention in self.find(text)))

    def category_of(self, name: str) -> str | None:
        """The category of a canonical skill."""
        skill = self.skills.get(name)
        return skill.category if skill else None


def _compile(aliases: list[str], *, flags: int) -> re.Pattern[str] | None:
    if not aliases:
        return None
    # Longest first, so the alternation prefers "React Native" over "React" at the same spot.
    ordered = sorted(set(aliases), key=len, reverse=True)
    body = "|".join(_alias_pattern(alias) for alias in ordered)
    return re.compile(f"{_WORD_BEFORE}(?:{body}){_WORD_AFTER}", flags)


@cache
def default_taxonomy() -> Taxonomy:
    """The vocabulary shipped in `contracts/skills/vocabulary.yaml` (loaded once)."""
    text = resources.files("contracts.skills").joinpath("vocabulary.yaml").read_text(encoding="utf-8")
    return Taxonomy.from_mapping(yaml.safe_load(text))
