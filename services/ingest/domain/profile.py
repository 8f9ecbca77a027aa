"""Reading a candidate profile out of resume text: a first, deterministic version.

Everything here is a pure function of the text (and of the links the document carried), so the
same file always gives the same profile. Later versions add sections, experience and education;
`PARSER_VERSION` says which version produced a stored profile.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from contracts.skills import Taxonomy

PARSER_VERSION = 1

_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24}(?![\w-])")
# A loose net for phone numbers; `_is_phone` then decides. Digits, spaces, dots, dashes, brackets.
_PHONE_CANDIDATE = re.compile(r"(?<![\w+/.@-])(?:\+|\(\+?)?\d[\d ().-]{5,22}\d(?![\w/])")
_YEAR_RANGE = re.compile(r"(?:19|20)\d\d\s*-\s*(?:19|20)\d\d")
_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
_URL = re.compile(
    r"(?<![\w@.])(?:https?://|www\.|(?:[a-z]{2,3}\.)?(?:linkedin|github|gitlab)\.com/)[^\s<>\"'()\[\]{}|,;]+",
    re.IGNORECASE,
)
_URL_TRAILING = ".,;:!?)]}'\""
_MAX_LINKS = 20

# Lines at the top of a resume that are headings or job titles, not a person's name.
_NOT_NAME_WORDS = frozenset(
    """
    resume résumé curriculum vitae cv profile summary contact contacts objective experience education skills
    page personal details information address phone email mobile tel linkedin github portfolio references
    engineer developer manager designer analyst scientist consultant architect intern specialist administrator
    director officer lead senior junior stack software data product project marketing sales student teacher
    """.split()
)
_NAME_PARTICLES = frozenset(
    {"de", "da", "del", "della", "der", "den", "di", "du", "la", "le", "van", "von", "bin", "al"}
)
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\.?|[^\W\d_]\.")
_NAME_SEPARATORS = re.compile(r"\s*(?:[|•·,]|\s[-–—]\s)\s*")
_NAME_SCAN_LINES = 8


@dataclass(frozen=True)
class Link:
    """A web address found in the resume, with what it points to."""

    kind: str  # linkedin | github | website
    url: str


@dataclass(frozen=True)
class SkillFound:
    """A canonical skill the resume mentions."""

    name: str
    category: str


@dataclass(frozen=True)
class Profile:
    """What a resume tells us, before any judgement about fit."""

    name: str | None
    email: str | None
    phone: str | None
    links: tuple[Link, ...]
    skills: tuple[SkillFound, ...]
    text_chars: int
    embedding_text: str

    def as_json(self) -> dict[str, Any]:
        """The stored form (`resumes.parsed`), without the embedding text (the event carries it)."""
        return {
            "parser_version": PARSER_VERSION,
            "name": self.name,
            "email": self.email,
            "phone": self.phone,
            "links": [{"kind": link.kind, "url": link.url} for link in self.links],
            "skills": [{"name": skill.name, "category": skill.category} for skill in self.skills],
            "text_chars": self.text_chars,
        }


def parse_profile(
    text: str,
    *,
    taxonomy: Taxonomy,
    document_links: Sequence[str] = (),
    embedding_chars: int = 8000,
) -> Profile:
    """The profile in a resume's (normalised) text; `document_links` are the file's hyperlink targets."""
    name = guess_name(text.splitlines())
    email = find_email(text) or _first_email_in_links(document_links)
    phone = find_phone(text) or _first_phone_in_links(document_links)
    links = find_links(text, document_links)
    skills = tuple(
        SkillFound(name=skill, category=taxonomy.category_of(skill) or "") for skill in taxonomy.extract(text)
    )
    return Profile(
        name=name,
        email=email,
        phone=phone,
        links=links,
        skills=skills,
        text_chars=len(text),
        embedding_text=embedding_text(text, name=name, limit=embedding_chars),
    )


def find_email(text: str) -> str | None:
    """The first e-mail address in `text`, lower-cased."""
    match = _EMAIL.search(text)
    return match.group(0).lower() if match else None


def phone_numbers(text: str) -> list[re.Match[str]]:
    """Every stretch of `text` that reads as a phone number."""
    return [match for match in _PHONE_CANDIDATE.finditer(text) if _is_phone(match.group(0))]


def find_phone(text: str) -> str | None:
    """The first phone number in `text`, as written."""
    found = phone_numbers(text)
    return found[0].group(0).strip() if found else None


def _is_phone(candidate: str) -> bool:
    digits = sum(char.isdigit() for char in candidate)
    if not 7 <= digits <= 15:
        return False
    stripped = candidate.strip("() ")
    # Date ranges ("2018 - 2022") and dates ("12.05.2019") are the usual false friends in resumes.
    if _YEAR_RANGE.fullmatch(stripped) or _DATE.fullmatch(stripped):
        return False
    # A number written without any separator must look like a whole phone number, not an amount.
    if stripped.isdigit() and not 9 <= digits <= 15:
        return False
    return candidate.count("(") == candidate.count(")")


def find_links(text: str, document_links: Iterable[str] = ()) -> tuple[Link, ...]:
    """Web addresses written in the text or attached as hyperlinks, normalised and de-duplicated."""
    found: dict[str, Link] = {}
    raw = [match.group(0) for match in _URL.finditer(text)] + list(document_links)
    for candidate in raw:
        link = _normalise_link(candidate)
        if link is not None:
            found.setdefault(link.url.lower().rstrip("/"), link)
        if len(found) >= _MAX_LINKS:
            break
    return tuple(found.values())


def _normalise_link(candidate: str) -> Link | None:
    url = candidate.strip().rstrip(_URL_TRAILING)
    if not url or url.lower().startswith(("mailto:", "tel:")):
        return None
    if "://" not in url:
        url = "https://" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() not in {"http", "https"} or "." not in host:
        return None
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        kind = "linkedin"
    elif host == "github.com" or host.endswith(".github.com"):
        kind = "github"
    else:
        kind = "website"
    return Link(kind=kind, url=url)


def _first_email_in_links(links: Iterable[str]) -> str | None:
    for link in links:
        if link.lower().startswith("mailto:"):
            email = find_email(link[len("mailto:") :])
            if email:
                return email
    return None


def _first_phone_in_links(links: Iterable[str]) -> str | None:
    for link in links:
        if link.lower().startswith("tel:"):
            number = link[len("tel:") :].strip()
            if _is_phone(number):
                return number
    return None


def guess_name(lines: Sequence[str]) -> str | None:
    """The person's name: the first of the top lines that reads like one (title-cased if in capitals)."""
    seen = 0
    for line in lines:
        line = line.strip()
        if not line:
            continue
        seen += 1
        if seen > _NAME_SCAN_LINES:
            break
        candidate = _name_in_line(line)
        if candidate:
            return candidate
    return None


def _name_in_line(line: str) -> str | None:
    label, colon, rest = line.partition(":")
    if colon:
        if label.strip().lower() not in {"name", "full name", "candidate"}:
            return None
        line = rest.strip()
    # "Jane Doe | Data Engineer": the name is the first part.
    candidate = _NAME_SEPARATORS.split(line, maxsplit=1)[0].strip()
    words = candidate.split()
    if not 2 <= len(words) <= 5 or len(candidate) > 60:
        return None
    if not all(_NAME_WORD.fullmatch(word) for word in words):
        return None
    if any(word.lower().strip(".") in _NOT_NAME_WORDS for word in words):
        return None
    capitals = candidate.isupper()
    for word in words:
        if word.lower() in _NAME_PARTICLES:
            continue
        if not (capitals or word[0].isupper()):
            return None
    return candidate.title() if capitals else candidate


def embedding_text(text: str, *, name: str | None, limit: int) -> str:
    """What the matcher embeds: the text without the name and contact details, at most `limit` characters.

    Names and contact details say nothing about fit and would only let the matcher learn who a
    person is; dropping them also spends the model's short context on what matters.
    """
    redacted = _URL.sub(" ", text)
    redacted = _EMAIL.sub(" ", redacted)
    redacted = _PHONE_CANDIDATE.sub(lambda match: " " if _is_phone(match.group(0)) else match.group(0), redacted)
    if name:
        for word in {word.strip(".") for word in name.split() if len(word.strip(".")) > 1}:
            redacted = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", " ", redacted, flags=re.IGNORECASE)
    lines = [" ".join(line.split()) for line in redacted.splitlines()]
    # Lines left with no word of two letters or more were contact lines or icon glyphs.
    kept = [line for line in lines if re.search(r"[^\W\d_]{2}", line)]
    return _cut("\n".join(kept), limit)


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    boundary = max(cut.rfind(" "), cut.rfind("\n"))
    return (cut[:boundary] if boundary > limit * 0.8 else cut).rstrip()
