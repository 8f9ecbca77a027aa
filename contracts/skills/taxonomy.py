"""Load the skill vocabulary, find canonical skills in text, and search it.

Matching is deliberately conservative: an alias only matches as a whole token sequence
(`React` does not match inside `React Native`, `C` does not match inside `C++` or `C-level`),
the longest alias wins at each position, and aliases that are ordinary lower-case words
(Go, R, Swift, "excel at") only match with their exact capitalisation. A one-letter name is not
matched where it reads as an initial or half an abbreviation (`John C. Smith`, `A/C`, `R & D`).
A few phrases are read as a whole before their words: "AP Style" names no skill, "AP/AR" names two.

Credentials are skills of two categories, `licences` (granted by a regulator to practise: an RN
licence, a CPA, bar admission) and `certifications` (a vendor's or professional body's credential:
BLS, CCNA, PMP). Skills may imply others (`implies`), see `contracts.skills.implications`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

from contracts.skills.implications import check_implications, implied_skills
from contracts.skills.pattern import compile_matcher, fold
from contracts.skills.skill_lists import listed_terms


@dataclass(frozen=True)
class Skill:
    """A canonical skill: its name, category, other spellings, and which spellings must match exactly."""

    name: str
    category: str
    synonyms: tuple[str, ...] = ()
    case_sensitive: bool = False
    # Aliases (the name or synonyms) that match only as spelled: "ML", not "ml" (millilitres).
    exact: tuple[str, ...] = ()
    # The skills this one directly implies: PostgreSQL implies SQL.
    implies: tuple[str, ...] = ()

    @property
    def aliases(self) -> tuple[str, ...]:
        """The name and every synonym."""
        return (self.name, *self.synonyms)

    def is_exact(self, alias: str) -> bool:
        """Whether `alias` matches only with its exact capitalisation."""
        return self.case_sensitive or normalise_alias(alias) in {normalise_alias(spelling) for spelling in self.exact}


@dataclass(frozen=True)
class SkillMention:
    """One occurrence of a skill in a text: which skill, the words that matched, and where."""

    skill: str
    matched: str
    start: int
    end: int


@dataclass(frozen=True)
class Suggestion:
    """An autocomplete answer: the canonical skill and the alias the prefix matched."""

    skill: Skill
    matched: str


CredentialKind = Literal["licence", "certification"]

# The categories that hold credentials; the rest of the system knows a credential by these names.
CREDENTIAL_CATEGORIES: dict[str, CredentialKind] = {"licences": "licence", "certifications": "certification"}

# The top-level key of the vocabulary that holds phrases rather than a category of skills.
PHRASES_KEY = "phrases"

# Autocomplete tiers, best first.
_EXACT, _NAME, _SYNONYM, _INNER_WORD = range(4)


@dataclass(frozen=True, order=True)
class _Completion:
    key: str  # the normalised alias, or the part of it from an inner word on
    alias: str
    skill: str
    tier: int  # _NAME, _SYNONYM or _INNER_WORD
    order: int  # the alias's place among the skill's aliases: the first listed spelling is preferred


def normalise_alias(text: str) -> str:
    """The lookup key for an alias: lower case, inner whitespace folded."""
    return " ".join(text.lower().split())


def _simple_key(text: str) -> str:
    """A lookup key that keeps one character per character: "İOS" is "ios", "ſql" is "sql"."""
    return normalise_alias("".join(_simple_lower(char) for char in text))


def _simple_lower(char: str) -> str:
    lower = char.lower()[:1]
    # The characters the regular expression engine folds onto an ASCII letter that `lower` keeps apart.
    return _ODD_FOLDS.get(lower, lower)


_ODD_FOLDS = {"ſ": "s", "ı": "i", "\u212a": "k", "\u212b": "å"}


_LICENCE_LETTER = re.compile(r"(?<=licen)[cs](?=e)", re.IGNORECASE)
_OTHER_LETTER = {"c": "s", "s": "c", "C": "S", "S": "C"}


def _spellings(alias: str) -> list[str]:
    """The alias and other ways to write it: `.js` names without the dot ("Vue js"), licence as license."""
    spellings = [alias]
    if alias.lower().endswith(".js") and len(alias) > 3:
        base = alias[:-3]
        spellings += [f"{base}js", f"{base} js"]
    if _LICENCE_LETTER.search(alias):
        spellings += [_LICENCE_LETTER.sub(lambda m: _OTHER_LETTER[m.group(0)], spelling) for spelling in spellings]
    return spellings


@dataclass
class Taxonomy:
    """The vocabulary with its compiled matcher and its search index."""

    skills: dict[str, Skill] = field(repr=False)
    # Phrase -> the skills it names (none: "AP Style" is not Accounts Payable), read before its words.
    phrases: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _by_alias: dict[str, str] = field(default_factory=dict, repr=False)
    _by_phrase: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _implies: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    # Lookup key -> the spellings it may take in a text, for aliases that must match exactly.
    _exact_spellings: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _pattern: re.Pattern[str] | None = field(default=None, repr=False)
    _completions: list[_Completion] = field(default_factory=list, repr=False)
    _completion_keys: list[str] = field(default_factory=list, repr=False)
    _category_counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        completions: set[_Completion] = set()
        for skill in self.skills.values():
            spellings = [(term, alias) for term in skill.aliases for alias in _spellings(term)]
            for order, (term, alias) in enumerate(spellings):
                self._register(skill, alias, exact=skill.is_exact(term))
                completions.update(_completions_of(skill, alias, order))
        self._implies = {name: skill.implies for name, skill in self.skills.items()}
        check_implications(self._implies)
        self._register_phrases()
        insensitive = [key for key in self._by_alias if key not in self._exact_spellings]
        insensitive += list(self._by_phrase)
        exact = [spelling for spellings in self._exact_spellings.values() for spelling in spellings]
        self._pattern = compile_matcher(insensitive, exact)
        # A key of plain tuples sorts the ~10,000 completions in C, several times faster than their __lt__.
        self._completions = sorted(completions, key=_completion_order)
        self._completion_keys = [completion.key for completion in self._completions]
        self._category_counts = dict(Counter(skill.category for skill in self.skills.values()))

    def _register(self, skill: Skill, alias: str, *, exact: bool) -> None:
        key = normalise_alias(alias)
        # An alias meaning two skills would make matching depend on dict order: refuse it.
        owner = self._by_alias.setdefault(key, skill.name)
        if owner != skill.name:
            raise ValueError(f"alias {alias!r} belongs to both {owner!r} and {skill.name!r}")
        if exact:
            self._exact_spellings.setdefault(key, set()).add(fold(alias))

    def _register_phrases(self) -> None:
        for phrase, names in self.phrases.items():
            key = normalise_alias(phrase)
            if key in self._by_alias or key in self._by_phrase:
                raise ValueError(f"phrase {phrase!r} is also an alias or another phrase")
            unknown = [name for name in names if name not in self.skills]
            if unknown:
                raise ValueError(f"phrase {phrase!r} names skills that are not in the vocabulary: {unknown}")
            self._by_phrase[key] = tuple(names)

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Taxonomy:
        """Build from the YAML structure: category -> list of names or mappings; `phrases` -> skills named."""
        skills: dict[str, Skill] = {}
        phrases = {str(phrase): tuple(map(str, names or ())) for phrase, names in data.get(PHRASES_KEY, {}).items()}
        for category, entries in data.items():
            if category == PHRASES_KEY:
                continue
            for entry in entries:
                spec = {"name": entry} if isinstance(entry, str) else dict(entry)
                name = str(spec["name"])
                exact = tuple(str(alias) for alias in spec.get("exact", ()))
                synonyms = [str(alias) for alias in spec.get("synonyms", ())]
                # An exact spelling is an alias too, whether or not it is repeated under synonyms.
                synonyms += [alias for alias in exact if alias != name and alias not in synonyms]
                skill = Skill(
                    name=name,
                    category=category,
                    synonyms=tuple(synonyms),
                    case_sensitive=bool(spec.get("case_sensitive", False)),
                    exact=exact,
                    implies=tuple(str(implied) for implied in spec.get("implies", ())),
                )
                if skill.name in skills:
                    raise ValueError(f"skill {skill.name!r} is listed twice")
                skills[skill.name] = skill
        return cls(skills=skills, phrases=phrases)

    def canonical(self, term: str) -> str | None:
        """The canonical name for a term, or None when the vocabulary does not know it as one skill."""
        key = normalise_alias(term)
        name = self._by_alias.get(key)
        exact = self._exact_spellings.get(key)
        if name is not None and exact is not None and fold(term) not in exact:
            return None
        return name

    def find(self, text: str) -> list[SkillMention]:
        """Every skill mention in `text`, in order of appearance, longest alias first."""
        if self._pattern is None:
            return []
        mentions: list[SkillMention] = []
        for match in self._pattern.finditer(text):
            names = self._names_of(match.group(0))
            mentions += [SkillMention(name, match.group(0), match.start(), match.end()) for name in names]
        return mentions

    def _names_of(self, matched: str) -> tuple[str, ...]:
        """The skills a matched alias names; none when its lower case is not the key it matched as.

        The pattern compares characters by their simple case folding, while `str.lower` may change a
        text's length or leave a character alone ("İ" becomes "i" plus a combining dot, "ſ" stays): the
        simple per-character form is tried next, and a match neither form knows names nothing.
        """
        for key in (normalise_alias(matched), _simple_key(matched)):
            if key in self._by_phrase:
                return self._by_phrase[key]
            if key in self._by_alias:
                return (self._by_alias[key],)
        return ()

    def extract(self, text: str) -> list[str]:
        """The distinct canonical skills in `text`, in order of first appearance."""
        return list(dict.fromkeys(mention.skill for mention in self.find(text)))

    def category_of(self, name: str) -> str | None:
        """The category of a canonical skill."""
        skill = self.skills.get(name)
        return skill.category if skill else None

    def is_credential(self, name: str) -> bool:
        """Whether a canonical skill is a licence or a certification."""
        return self.credential_kind(name) is not None

    def credential_kind(self, name: str) -> CredentialKind | None:
        """The kind of a canonical credential ("licence" or "certification"), None for any other name."""
        category = self.category_of(name)
        return CREDENTIAL_CATEGORIES.get(category) if category is not None else None

    def implied(self, skills: Iterable[str]) -> dict[str, str]:
        """Skills implied by `skills`, transitively, and not among them -> the given skill each follows from."""
        return implied_skills(self._implies, skills)

    def categories(self) -> dict[str, int]:
        """Each category with the number of skills in it, in vocabulary order."""
        return dict(self._category_counts)

    def suggest(self, prefix: str, limit: int = 10) -> list[Suggestion]:
        """Skills whose name or a synonym starts with `prefix` (any case), best first, one per skill.

        Order: an alias equal to the prefix, then names, then synonyms, then aliases with an inner
        word starting with the prefix ("native" finds React Native); shorter names first within each.
        """
        query = normalise_alias(prefix)
        if not query or limit < 1:
            return []
        best: dict[str, tuple[tuple[int, int, str, int], str]] = {}
        start = bisect_left(self._completion_keys, query)
        for completion in self._completions[start:]:
            if not completion.key.startswith(query):
                break
            tier = _EXACT if completion.tier != _INNER_WORD and completion.key == query else completion.tier
            rank = (tier, len(completion.skill), completion.skill.lower(), completion.order)
            if completion.skill not in best or rank < best[completion.skill][0]:
                best[completion.skill] = (rank, completion.alias)
        ranked = sorted(best.items(), key=lambda item: item[1][0])[:limit]
        return [Suggestion(skill=self.skills[name], matched=alias) for name, (_, alias) in ranked]

    def autocomplete(self, prefix: str, limit: int = 10) -> list[Skill]:
        """The canonical skills `suggest` finds for `prefix`."""
        return [suggestion.skill for suggestion in self.suggest(prefix, limit)]

    def unknown_terms(self, text: str, *, skills_section: bool = False) -> list[str]:
        """Skill-like terms listed in `text` that the vocabulary does not know, as written, first spelling kept.

        Only items of lists under a skills heading or after a label such as "Skills:", "Tools:" or
        "Technologies:" count (all lines of `text` when `skills_section`); an item naming any known
        skill is known. Meant for review, so it errs towards missing a term rather than inventing one.
        """
        # A known skill broken over two lines ("Natural\nLanguage Processing") leaves fragments behind.
        known_phrases = " | ".join(normalise_alias(mention.matched) for mention in self.find(text))
        found: dict[str, str] = {}
        for term in listed_terms(text, skills_section=skills_section):
            key = normalise_alias(term)
            if not self._names_a_skill(term) and f" {key} " not in f" {known_phrases} ":
                found.setdefault(key, term)
        return list(found.values())

    def _names_a_skill(self, term: str) -> bool:
        """Whether a listed term mentions a known skill, in any case ("excel" in a list is Excel)."""
        if self._pattern is not None and self._pattern.search(term):
            return True
        words = term.lower().replace("/", " ").split()
        return any(
            " ".join(words[start:end]) in self._by_alias or " ".join(words[start:end]) in self._by_phrase
            for start in range(len(words))
            for end in range(start + 1, len(words) + 1)
        )


def _completion_order(completion: _Completion) -> tuple[str, str, str, int, int]:
    """The fields a completion sorts by, in the order the dataclass compares them."""
    return (completion.key, completion.alias, completion.skill, completion.tier, completion.order)


def _completions_of(skill: Skill, alias: str, order: int) -> list[_Completion]:
    key = normalise_alias(alias)
    tier = _NAME if alias == skill.name else _SYNONYM
    entries = [_Completion(key, fold(alias), skill.name, tier, order)]
    # Inner words: "react native" is also found from "native", "google cloud platform" from "cloud".
    for match in re.finditer(r"(?<=[\s/(-])\w", key):
        entries.append(_Completion(key[match.start() :], fold(alias), skill.name, _INNER_WORD, order))
    return entries


@cache
def default_taxonomy() -> Taxonomy:
    """The vocabulary shipped in `contracts/skills/vocabulary.yaml` (loaded once)."""
    text = resources.files("contracts.skills").joinpath("vocabulary.yaml").read_text(encoding="utf-8")
    # The C loader, where PyYAML has it, reads the vocabulary five times faster; both are safe loaders.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return Taxonomy.from_mapping(yaml.load(text, Loader=loader))
