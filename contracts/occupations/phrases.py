"""Turn titles, descriptions and catalogue phrases into comparable word sequences.

A title and a catalogue phrase are compared as tuples of normalised words, so the catalogue is plain
text (no regular expressions to escape) and a lookup is a dictionary access per word sequence: that is
what keeps classifying ten thousand titles well under a second.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Words that say how senior a role is, not what it is: "Sr. Software Engineer II" is a software engineer.
SENIORITY_WORDS = frozenset({"senior", "sr", "snr", "junior", "jr", "jnr", "ii", "iii", "iv", "v", "vi"})

# A qualifier that is only a place code names no field: "Manager, Baltimore, MD" is no physician and
# "Assistant - Pittsburgh, PA" no personal assistant.
PLACE_CODES = frozenset(
    "al ak az ar ca co ct de dc fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok "
    "or pa pr ri sc sd tn tx ut vt va wa wv wi wy uk usa us uae eu nyc sf".split()
)

# ".NET" would otherwise lose its dot and become the ordinary word "net".
_DOTNET = re.compile(r"(?<![a-z0-9])\.net\b")
# "R.N.", "C.N.A." and "A.P." are abbreviations: join their letters before dots are dropped.
_DOTTED_ABBREVIATION = re.compile(r"\b(?:[a-z]\.){2,}")
# "A/P" and "A/R" are one word each; "QA/QC", "UI/UX" and "CI/CD" are one term, not two alternatives.
_LETTER_PAIR = re.compile(r"\b([a-z])/([a-z])\b")
_ABBREVIATION_PAIR = re.compile(r"\b([a-z]{2,3})/(?=[a-z]{2,3}\b)")
# What separates a title's main part from its qualifiers: "Software Engineer, Frontend (Payments) - Remote";
# a slash separates alternatives, the first of which is the main one ("Firefighter/EMT").
_SEGMENT_BREAK = re.compile(r"[,;|()\[\]{}:/•·]|\s-\s|[–—]|\s(?:at|@)\s|@")
# A word keeps trailing + and # so that C++ and C# stay themselves.
_WORD = re.compile(r"[a-z0-9]+[+#]*")


def _prepare(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = _DOTNET.sub(" dotnet ", text)
    text = _DOTTED_ABBREVIATION.sub(lambda match: match.group(0).replace(".", ""), text)
    text = _LETTER_PAIR.sub(r"\1\2", text)
    text = _ABBREVIATION_PAIR.sub(r"\1 ", text)
    return text.replace("&", " and ")


# Plurals that mean something else than their singular: "Accounts Executive" is not "Account Executive".
_KEEP_PLURAL = frozenset({"accounts", "news"})


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """The word without a plural ending, so "nurses" meets "nurse"; applied alike to text and catalogue."""
    if word in _KEEP_PLURAL:
        return word
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _words(text: str, *, drop_seniority: bool) -> list[str]:
    words = [stem(word) for word in _WORD.findall(text)]
    if not drop_seniority:
        return words
    return [word for word in words if word not in SENIORITY_WORDS and not word.isdigit()]


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The word sequence a catalogue phrase stands for (normalised like a title)."""
    return tuple(_words(_prepare(phrase), drop_seniority=True))


def title_segments(title: str) -> list[tuple[str, ...]]:
    """A title's parts in order, main part first, each as normalised words; empty parts are dropped."""
    segments = [tuple(_words(part, drop_seniority=True)) for part in _SEGMENT_BREAK.split(_prepare(title))]
    segments = [words for words in segments if words]
    return segments[:1] + [words for words in segments[1:] if not (len(words) == 1 and words[0] in PLACE_CODES)]


def text_words(text: str) -> tuple[str, ...]:
    """A description as normalised words (seniority words kept: they are ordinary words in prose)."""
    return tuple(_words(_prepare(text), drop_seniority=False))
