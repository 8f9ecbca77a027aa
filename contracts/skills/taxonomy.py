"""Load the skill vocabulary and find canonical skills in text.

Matching is deliberately conservative: an alias only matches as a whole token sequence
(`React` does not match inside `React Native`, `C` does not match inside `C++` or `C-level`),
the longest alias wins at each position, and names that are ordinary lower-case words
(Go, R, Swift) only match with their exact capitalisation. A one-letter name is not matched
where it reads as an initial or half an abbreviation (`John C. Smith`, `A/C`, `R & D`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

# Characters that glue onto a skill token: a match may not be preceded or followed by one.
# A slash separates alternatives ("C/C++", "HTML/CSS"), so it may precede a match.
_WORD_AFTER = r"(?![\w+#&]|\.\w|-\w)"
_WORD_BEFORE = r"(?<![\w.&@-])"
# Extra guards for one-letter names: not after "A/" (A/C, I/O), not before ". Smith" (an initial)
# nor before "& D" (R & D); "C & C++" still matches both.
_LETTER_BEFORE = r"(?<!\b\w/)"
_LETTER_AFTER = r"(?!\.\s*[A-Z]|\s*&\s*[A-Z](?![\w+#]))"


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
    pattern = r"\s+".join(parts)
    return f"{_LETTER_BEFORE}{pattern}{_LETTER_AFTER}" if len(alias) == 1 else pattern


def _spellings(alias: str) -> list[str]:
    """The alias and the ways people write a `.js` name without the dot ("Vue js", "Threejs")."""
    if alias.lower().endswith(".js") and len(alias) > 3:
        base = alias[:-3]
        return [alias, f"{base}js", f"{base} js"]
    return [alias]


@dataclass
class Taxonomy:
    """The vocabulary with its compiled matcher."""

    skills: dict[str, Skill]
    _by_alias: dict[str, str] = field(default_factory=dict)
    _case_sensitive_aliases: set[str] = field(default_factory=set)
    _pattern: re.Pattern[str] | None = None

    def __post_init__(self) -> None:
        for skill in self.skills.values():
            for alias in (spelling for term in (skill.name, *skill.synonyms) for spelling in _spellings(term)):
                # An alias meaning two skills would make matching depend on dict order: refuse it.
                owner = self._by_alias.setdefault(normalise_alias(alias), skill.name)
                if owner != skill.name:
                    raise ValueError(f"alias {alias!r} belongs to both {owner!r} and {skill.name!r}")
                if skill.case_sensitive:
                    self._case_sensitive_aliases.add(" ".join(alias.split()))
        # Lower-cased keys are fine for case-insensitive aliases; the others keep their exact spelling.
        alternatives = [
            (alias, False) for alias, name in self._by_alias.items() if not self.skills[name].case_sensitive
        ]
        alternatives += [(alias, True) for alias in self._case_sensitive_aliases]
        self._pattern = _compile(alternatives)

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
        name = self._by_alias.get(normalise_alias(term))
        if name is not None and self.skills[name].case_sensitive:
            return name if " ".join(term.split()) in self._case_sensitive_aliases else None
        return name

    def find(self, text: str) -> list[SkillMention]:
        """Every skill mention in `text`, in order of appearance, longest alias first."""
        if self._pattern is None:
            return []
        return [
            SkillMention(self._by_alias[normalise_alias(m.group(0))], m.group(0), m.start(), m.end())
            for m in self._pattern.finditer(text)
        ]

    def extract(self, text: str) -> list[str]:
        """The distinct canonical skills in `text`, in order of first appearance."""
        return list(dict.fromkeys(mention.skill for mention in self.find(text)))

    def category_of(self, name: str) -> str | None:
        """The category of a canonical skill."""
        skill = self.skills.get(name)
        return skill.category if skill else None


def _compile(alternatives: list[tuple[str, bool]]) -> re.Pattern[str] | None:
    """One alternation over every (alias, case_sensitive), so the longest alias wins at a position."""
    if not alternatives:
        return None
    # Longest first, so the alternation prefers "React Native" over "React" at the same spot.
    alternatives = sorted(alternatives, key=lambda item: (-len(item[0]), item[0]))
    body = "|".join(
        _alias_pattern(alias) if is_sensitive else f"(?i:{_alias_pattern(alias)})"
        for alias, is_sensitive in alternatives
    )
    return re.compile(f"{_WORD_BEFORE}(?:{body}){_WORD_AFTER}")


@cache
def default_taxonomy() -> Taxonomy:
    """The vocabulary shipped in `contracts/skills/vocabulary.yaml` (loaded once)."""
    text = resources.files("contracts.skills").joinpath("vocabulary.yaml").read_text(encoding="utf-8")
    return Taxonomy.from_mapping(yaml.safe_load(text))
