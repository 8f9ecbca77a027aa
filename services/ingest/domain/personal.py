"""Personal data in a resume that says nothing about fit: address, birth date, age, photo, gender, family.

Fairness needs two things from it. The profile must not change when only these details change (an
address on "Ruby Lane" is no Ruby; a candidate called Swift knows no Swift by name), so the parser
leaves these lines out of every region it reads skills from. And the text the matcher embeds must
be the same for two people who differ only in them, so `deidentify` removes them and neutralises
gendered pronouns and titles ("she" and "he" both become "they", "Mrs" goes).
"""

from __future__ import annotations

import re

from services.ingest.domain.contact import redact_contact_details
from services.ingest.domain.places import is_place

# A label that opens a line of personal data: "Date of Birth: 1990-05-12", "Marital status - single".
_LABELLED = (
    r"(?:(?:home|permanent|present|current|postal|mailing|residential|correspondence)\s+)?address|age|gender|sex"
    r"|marital\s+status|civil\s+status|nationality|religion|caste|ethnicity|race|father'?s?\s+name"
    r"|mother'?s?\s+name|husband'?s?\s+name|wife'?s?\s+name|spouse|children|dependants|dependents|height"
    r"|weight|blood\s+group|passport(?:\s+no\.?|\s+number)?|pronouns|photo|photograph|picture|headshot"
    r"|portrait|image|profile\s+(?:photo|picture)|place\s+of\s+birth|birth\s*place"
)
_PERSONAL_LABEL = re.compile(
    rf"^\W*(?:{_LABELLED})\s*[:\-–—|]"
    r"|^\W*(?:date\s+of\s+birth|d\.?\s?o\.?\s?b\b\.?|birth\s*date|birthday|born\b|age\s+\d{2}\b)",
    re.IGNORECASE,
)
# A photo left as alt text by the converter: "[Photo: smiling young woman]", "![headshot](me.jpg)".
_PHOTO_CAPTION = re.compile(
    r"!\[[^\]]*\]\([^)]*\)"
    r"|[\[(]\s*(?:photo|photograph|picture|image|headshot|portrait|profile\s+(?:photo|picture)|avatar)\b[^\])]*[\])]",
    re.IGNORECASE,
)
_STREET_WORDS = (
    r"street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|court|ct|place|pl|terrace|close|crescent"
    r"|square|sq|parkway|pkwy|highway|hwy|gardens|grove|mews|row|walk|marg|nagar|colony|straße|strasse|str"
)
# "123 Main St", "Flat 4, 22 Baker Street", "Apt 5B", "P.O. Box 12", "12, MG Road". The words between
# the number and the street word are capitalised: "cut 30 costs along the way" is no address.
_STREET_ADDRESS = re.compile(
    rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:[A-Z][\w'.-]*\s+){{1,4}}(?i:{_STREET_WORDS})\b\.?"
    r"|\b(?i:apt|apartment|flat|suite|unit)\s*\.?\s*#?\d+[A-Za-z]?\b"
    r"|\b(?i:p\.?\s?o\.?\s+box)\s+\d+"
)
# "IL 62704", "SW1A 1AA", "PIN: 411001", "10115 Berlin": postcodes finish an address.
_POSTCODE = re.compile(
    r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b"
    r"|\b(?i:pin|zip|postcode|postal code)(?:\s*code)?\s*[:\-]?\s*\d{5,6}\b|^\d{5}\s+[A-Z][a-zäöüß]+$"
)
# "34 years old", "aged 34", "born in 1990", "born on 12 May 1990".
_AGE_PHRASE = re.compile(
    r"\b(?:a\s+)?\d{2}[- ]years?[- ]old\b|(?:,\s*)?\baged\s+\d{2}\b"
    r"|(?:,\s*)?\bborn\s+(?:on\s+|in\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2},?\s+)?\d{4}\b",
    re.IGNORECASE,
)
_PARTS_KEPT = re.compile(r"(\s*(?:\||•|·|▪|\t|\s{2,}|;)\s*)")

# Gendered words and their neutral forms ("her" is "their" or "them": see `_her`).
_NEUTRAL = {
    "he": "they",
    "she": "they",
    "him": "them",
    "his": "their",
    "her": "their",
    "hers": "theirs",
    "himself": "themselves",
    "herself": "themselves",
    "he's": "they're",
    "she's": "they're",
    "he'd": "they'd",
    "she'd": "they'd",
    "he'll": "they'll",
    "she'll": "they'll",
    "chairman": "chairperson",
    "chairwoman": "chairperson",
    "salesman": "salesperson",
    "saleswoman": "salesperson",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "businessman": "businessperson",
    "businesswoman": "businessperson",
    "waitress": "server",
    "waiter": "server",
    "actress": "actor",
}
_GENDERED = re.compile(
    r"(?<![\w'’])(" + "|".join(sorted(map(re.escape, _NEUTRAL), key=len, reverse=True)) + r")(?![\w'’])", re.I
)
# A title and the name it introduces: "Mr. John Smith", "Mrs Jane Doe", "Ms Lee" ("Miss" only before a
# capital). A name, whoever's, says nothing about fit; the title would say the person's gender.
_TITLE = re.compile(
    r"(?<![\w.])(?:Mr|Mrs|Ms|Mx|Miss|Sir|Madam|Mme|Mlle)\.?(?:\s+(?:[A-Z][\w'’-]*|[A-Z]\.)){1,3}(?![\w'’-])"
    r"|(?<![\w.])(?:Mr|Mrs|Ms|Mx|Mme|Mlle)\.?(?=\s|$)"
)


_MONTH_OR_SEASON = frozenset(
    "january february march april may june july august september october november december"
    " spring summer autumn fall winter".split()
)


def name_words(name: str) -> set[str]:
    """The words of a person's name worth blanking: "Jordan Swift" -> {"Jordan Swift", "Jordan", "Swift"}.

    Initials and particles are too short to find safely; a month ("June Lee") is kept because dates need it.
    """
    words = {word.strip(".,") for word in name.split()}
    kept = {word for word in words if len(word) > 2 and word.lower() not in _MONTH_OR_SEASON}
    return {name.strip(), *kept} if kept else {name.strip()}


# Every personal line has a digit or one of these words: most lines are ruled out by one search.
_MAYBE_PERSONAL = re.compile(
    r"\d|\b(?:address|birth|birthday|born|dob|d\.o\.b|age|gender|sex|marital|civil|nationality|religion|caste"
    r"|ethnicity|race|name|spouse|children|dependants|dependents|height|weight|blood|passport|pronouns|photo"
    r"|photograph|picture|headshot|portrait|image|profile|avatar)\b|!\[",
    re.IGNORECASE,
)


def is_personal_line(text: str) -> bool:
    """Whether a line holds personal data only: an address, a birth date, age, gender, family, a photo caption."""
    stripped = text.strip()
    if not stripped or not _MAYBE_PERSONAL.search(stripped):
        return False
    if _PERSONAL_LABEL.search(stripped) or _PHOTO_CAPTION.fullmatch(stripped):
        return True
    return _is_address(stripped)


def _is_address(text: str) -> bool:
    """A line that reads as a postal address: a street with a number, or a postcode beside places."""
    if len(text.split()) > 16:
        return False  # a sentence that happens to name a street is not an address line
    if _STREET_ADDRESS.search(text):
        return True
    if _POSTCODE.search(text):
        parts = [part.strip() for part in re.split(r"[,|]", _POSTCODE.sub(" ", text)) if part.strip()]
        return all(is_place(part) or len(part.split()) <= 3 for part in parts)
    return False


def is_place_line(text: str) -> bool:
    """Whether a line names only places ("Springfield, IL", "London, UK"): where someone lives."""
    parts = [part.strip() for part in re.split(r"[,|·•]", text) if part.strip()]
    return bool(parts) and all(is_place(part) for part in parts)


def without_photo_captions(text: str) -> str:
    """`text` without alt text left where a photo was."""
    return _PHOTO_CAPTION.sub(" ", text)


def neutralise_gendered_words(text: str) -> str:
    """`text` with gendered pronouns, titles and job nouns in a neutral form ("She led" -> "They led")."""
    text = _TITLE.sub(" ", text)
    return _GENDERED.sub(lambda match: _same_case(match.group(0), _neutral(match)), text)


# "her" is an object ("praised her", "with her.") before these or at the end, else a possessive ("her team").
_AFTER_OBJECT = re.compile(
    r"\s*(?:$|[^\w\s]|(?:and|or|but|to|for|with|in|on|at|as|from|by|into|about|the|a|an|that|this|these|those"
    r"|when|while|after|before|during|since|until|if|because|so|than|again|too|also|well|back|up|out|over)\b)",
    re.IGNORECASE,
)


def _neutral(match: re.Match[str]) -> str:
    word = match.group(0).lower()
    if word == "her" and _AFTER_OBJECT.match(match.string, match.end()):
        return "them"
    return _NEUTRAL[word]


def _same_case(original: str, replacement: str) -> str:
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def deidentify(text: str, *, name: str | None) -> str:
    """`text` without contact details, the name, personal lines and photo captions, gendered words neutralised.

    A line is cut into its parts first ("Data Engineer | 12 Baker St, London | jane@x.com"), so the
    gaps that blanking leaves are never mistaken for the layout's separators.
    """
    lines = []
    # Titles go first, with the name after them, before the name's words are blanked and leave "Ms" alone.
    for line in neutralise_gendered_words(without_photo_captions(text)).splitlines():
        if is_place_line(line):
            continue  # where the person lives, on a line of its own
        pieces = _PARTS_KEPT.split(line.strip())  # parts at even indexes, their separators between
        several = len(pieces) > 1
        kept: list[str] = []
        for index in range(0, len(pieces), 2):
            part = pieces[index]
            if is_personal_line(part) or (several and is_place_line(part)):
                continue
            cleaned = " ".join(_AGE_PHRASE.sub("", redact_contact_details(part, name=name)).split())
            if re.search(r"[^\W_]", cleaned):
                kept.extend([pieces[index - 1] if index and kept else "", cleaned])
        if kept:
            lines.append("".join(kept))
    return "\n".join(lines)
