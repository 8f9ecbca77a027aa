"""One compiled regular expression that finds every alias of the vocabulary in a text.

The case-insensitive aliases are merged into a trie, so at each position the engine follows one
path of characters instead of trying two thousand alternatives in turn (a flat alternation costs
time in proportion to the vocabulary; the trie costs time in proportion to the text). Inside the
trie a longer continuation is always tried before stopping, so the longest alias wins, as it did
with the flat alternation sorted longest first. The few case-sensitive aliases stay a flat
alternation placed before or after the trie so that, again, the longer of two aliases that can
match at the same place is tried first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

# Characters that glue onto a skill token: a match may not be preceded or followed by one.
# A slash separates alternatives ("C/C++", "HTML/CSS"), so it may precede a match.
WORD_AFTER = r"(?![\w+#&]|\.\w|-\w)"
WORD_BEFORE = r"(?<![\w.&@-])"
# Extra guards for one-letter names, which are often initials or halves of abbreviations: not
# after "A/" (A/C, I/O) nor "A " (A R Rahman), not before ". Smith" (John C. Smith), "& D" (R & D),
# " K" (R K Electricals) or "/O" (C/O, care of), nor after a word that labels it (see LETTER_LABELS).
# "C & C++", "C/C++" and "C C++" still match both.
# The guards looking back run after the letter is matched, so they look back over it too.
_LETTER_BEFORE = r"(?<!\b\w/.)(?<!\b[A-Z][ \t].)"
_LETTER_AFTER = r"(?!\.\s*[A-Z]|\s*&\s*[A-Z](?![\w+#])|[ \t]+[A-Z](?![\w+#])|/[A-Za-z](?![\w+#]))"
# Nor where a word before labels the letter as a grade, a class, a variant or a part: "Hepatitis C",
# "Class C licence", "Grade C", "Type R", "Vitamin C", "Plan C", "Schedule C", "Series C funding", also
# after a colon ("Grade: C") or as the second of two ("Hepatitis B and C", "Class B or C").
LETTER_LABELS = (
    "hepatitis", "hep", "class", "grade", "grades", "type", "vitamin", "vitamins", "plan", "level", "levels",
    "section", "schedule", "part", "parts", "category", "categories", "cat", "tier", "form", "appendix", "annex",
    "exhibit", "series", "round", "option", "phase", "stage", "block", "zone", "ward", "wing", "floor", "room",
    "unit", "band", "division", "group", "size", "model", "version", "variant", "usb", "plan", "team", "shift",
)  # fmt: skip
_LABEL_GAPS = ("[ \t]", ":[ \t]", "[ \t][A-Z][ \t]and[ \t]", "[ \t][A-Z][ \t]or[ \t]", "[ \t][A-Z],[ \t]")


def _after_labels(labels: Iterable[str]) -> str:
    """Look-behinds, run after the letter is matched, that refuse it right after one of `labels`."""
    by_length: dict[int, list[str]] = {}
    for label in sorted(set(labels)):
        by_length.setdefault(len(label), []).append(re.escape(label))
    # A look-behind must have one width: one per label length and gap.
    return "".join(f"(?<!\\b(?i:{'|'.join(words)}){gap}.)" for words in by_length.values() for gap in _LABEL_GAPS)


_LETTER_LABELLED = _after_labels(LETTER_LABELS)

_SPACE = " "
_END = ""

_Trie = dict[str, "_Trie"]


def fold(alias: str) -> str:
    """An alias with its whitespace runs folded to one space (the spelling the pattern is built from)."""
    return " ".join(alias.split())


def _atom(char: str) -> str:
    # A space in an alias stands for any run of whitespace in the text ("Node  js" is "Node js").
    return r"\s+" if char == _SPACE else re.escape(char)


def _trie_of(aliases: Iterable[str]) -> _Trie:
    root: _Trie = {}
    for alias in aliases:
        node = root
        for char in alias:
            node = node.setdefault(char, {})
        node[_END] = {}
    return root


def _render(node: _Trie) -> str:
    """The trie below `node` as a pattern that tries every continuation before stopping here."""
    branches = [_atom(char) + _render(child) for char, child in sorted(node.items()) if char != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        # Greedy: the longer alias first; the engine backs off to this one if the rest fails.
        return f"(?:{body})?"
    return body


def _flat(aliases: Iterable[str]) -> list[str]:
    ordered = sorted(aliases, key=lambda alias: (-len(alias), alias))
    return [r"\s+".join(re.escape(part) for part in alias.split()) for alias in ordered]


def _is_extended(key: str, ordered: list[str]) -> bool:
    """Whether some alias of `ordered` (sorted) is longer than `key` and starts with it."""
    index = bisect_right(ordered, key)
    return index < len(ordered) and ordered[index].startswith(key)


def compile_matcher(insensitive: Iterable[str], sensitive: Iterable[str]) -> re.Pattern[str] | None:
    """The matcher for case-insensitive aliases (any case) and case-sensitive ones (exact spelling).

    Raises ValueError when a case-sensitive alias sits between two case-insensitive ones (a shorter
    one it extends and a longer one that extends it): no order of the three groups would try the
    longest first everywhere.
    """
    folded_insensitive = sorted({fold(alias).lower() for alias in insensitive})
    letters = [alias for alias in folded_insensitive if len(alias) == 1]
    words = [alias for alias in folded_insensitive if len(alias) > 1]
    exact = sorted({fold(alias) for alias in sensitive})
    letters += [alias for alias in exact if len(alias) == 1]
    exact = [alias for alias in exact if len(alias) > 1]

    # A case-sensitive alias that extends an insensitive one must be tried before the trie ("REST API"
    # before a hypothetical "rest"); the others after it, so "Go-to-Market" beats "Go".
    before: list[str] = []
    after: list[str] = []
    known = set(words)
    for alias in exact:
        key = alias.lower()
        extends_one = any(key[:end] in known for end in range(1, len(key)))
        if extends_one and _is_extended(key, words):
            raise ValueError(f"the case-sensitive alias {alias!r} is both a prefix and an extension of other aliases")
        (before if extends_one else after).append(alias)

    alternatives = _flat(before)
    if words:
        alternatives.append(f"(?i:{_render(_trie_of(words))})")
    alternatives += _flat(after)
    # One letter is the shortest alias there is, so these come last, with their own guards.
    for letter in sorted(set(letters)):
        exact_letter = re.escape(letter)
        body = f"(?i:{exact_letter})" if letter in folded_insensitive else exact_letter
        alternatives.append(f"{body}{_LETTER_BEFORE}{_LETTER_LABELLED}{_LETTER_AFTER}")
    if not alternatives:
        return None
    return re.compile(f"{WORD_BEFORE}(?:{'|'.join(alternatives)}){WORD_AFTER}")
