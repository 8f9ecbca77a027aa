"""Contact details in a resume: the person's name, e-mail, phone number and web links.

Pure functions of the text and of the hyperlink targets the document carried (icons often hide
the address: the PDF link still has it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from services.ingest.domain.places import is_place
from services.ingest.domain.schema import Link

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
    work history employment professional technical career projects certifications languages interests awards
    qualifications academic background core competencies achievements declaration hobbies
    """.split()
)
_NAME_PARTICLES = frozenset(
    {"de", "da", "del", "della", "der", "den", "di", "du", "la", "le", "van", "von", "bin", "al"}
)
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\.?|[^\W\d_]\.")
_NAME_SEPARATORS = re.compile(r"\s*(?:[|•·,]|\s[-–—]\s)\s*")
_NAME_SCAN_LINES = 8
# "SANTOS, Emeka", "O'Brien, Grace E.": a family name, a comma, then the given names (and initials).
_SURNAME_FIRST = re.compile(
    r"^(?P<family>[A-Z][A-Za-z'’-]+(?:\s+[A-Z][A-Za-z'’-]+)?),\s*"
    r"(?P<given>[A-Z][a-z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|[A-Z]\.))?(?:\s+[A-Z]\.)?)\s*$"
)
_NOT_NAME_PARTS = frozenset({"inc", "ltd", "llc", "llp", "corp", "co", "plc", "gmbh", "pvt", "limited"})
# "Mr. John Smith": a title says how to address someone, it is not part of their name.
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Mx|Miss|MR|MRS|MS|MISS)\.?\s+(?=\S)")
_NAME_LABELS = frozenset({"name", "full name", "candidate", "candidate name", "nom", "nombre"})
# Templates that open with a photo caption or a headline put the name beside the contact lines.
_CONTACT_SCAN_LINES = 40
_MAX_URL = 500


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
    if parts.scheme.lower() not in {"http", "https"} or "." not in host or len(url) > _MAX_URL:
        return None
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        return Link(kind="linkedin", url=url)
    if host == "github.com" or host.endswith(".github.com"):
        return Link(kind="github", url=url)
    if host == "gitlab.com" or host.endswith(".gitlab.com"):
        return Link(kind="gitlab", url=url)
    return Link(kind="website", url=url)


def email_in(text: str, document_links: Iterable[str] = ()) -> str | None:
    """The e-mail address written in the text, else the first `mailto:` link of the document."""
    return find_email(text) or _first_email_in_links(document_links)


def phone_in(text: str, document_links: Iterable[str] = ()) -> str | None:
    """The phone number written in the text, else the first `tel:` link of the document."""
    return find_phone(text) or _first_phone_in_links(document_links)


def is_contact_line(text: str) -> bool:
    """Whether a line carries an e-mail address, a web link or a phone number."""
    return bool(_EMAIL.search(text) or _URL.search(text) or phone_numbers(text))


def redact_contact_details(text: str, *, name: str | None) -> str:
    """`text` with web links, e-mail addresses, phone numbers and the words of `name` blanked out."""
    redacted = _URL.sub(" ", text)
    redacted = _EMAIL.sub(" ", redacted)
    redacted = _PHONE_CANDIDATE.sub(lambda match: " " if _is_phone(match.group(0)) else match.group(0), redacted)
    if name:
        for word in {word.strip(".") for word in name.split() if len(word.strip(".")) > 1}:
            redacted = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", " ", redacted, flags=re.IGNORECASE)
    return redacted


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
    texts = [line.strip() for line in lines if line.strip()]
    for index, line in enumerate(texts[:_NAME_SCAN_LINES]):
        candidate = name_in_line(line)
        if candidate:
            return candidate
        # A narrow column breaks a name over two lines: "Rafael" / "Fitzgerald", "OKAFOR," / "Katarzyna".
        if len(line.split()) == 1 and index + 1 < len(texts) and len(texts[index + 1].split()) <= 3:
            candidate = name_in_line(f"{line} {texts[index + 1]}")
            if candidate:
                return candidate
    return None


def name_beside_email(lines: Sequence[str]) -> str | None:
    """A line that reads like a name right beside the e-mail address (templates that open with a sidebar)."""
    texts = [line.strip() for line in lines if line.strip()]
    for index, line in enumerate(texts[:_CONTACT_SCAN_LINES]):
        if _EMAIL.search(line):
            for neighbour in texts[max(0, index - 2) : index + 3]:
                candidate = name_in_line(neighbour)
                if candidate:
                    return candidate
            break
    return None


def name_in_line(line: str) -> str | None:
    """The name `line` holds ("Jane Doe", "Name: Jane Doe", "JANE DOE | Engineer"), or None."""
    label, colon, rest = line.partition(":")
    if colon:
        if label.strip().lower() not in _NAME_LABELS:
            return None
        line = rest.strip()
    elif "\t" in line:
        # A personal-details table: "Name<tab>Jean Dupont".
        label, _tab, rest = line.partition("\t")
        if label.strip().lower() in _NAME_LABELS:
            line = rest.strip()
    line = _HONORIFIC.sub("", line.lstrip("#* ").rstrip("* "))
    surname_first = _SURNAME_FIRST.match(line)
    if surname_first and not any(
        is_place(part) or part.lower().strip(".") in _NOT_NAME_PARTS for part in surname_first.group("family", "given")
    ):
        # "O'BRIEN, Grace E." is Grace E. O'Brien: the family name first, as in lists and forms.
        line = f"{surname_first.group('given')} {surname_first.group('family')}"
        if surname_first.group("family").isupper():
            line = f"{surname_first.group('given')} {surname_first.group('family').title()}"
    # "Jane Doe | Data Engineer": the name is the first part.
    candidate = _NAME_SEPARATORS.split(line, maxsplit=1)[0].strip()
    words = candidate.split()
    if not 2 <= len(words) <= 5 or len(candidate) > 60:
        return None
    if not all(_NAME_WORD.fullmatch(word) for word in words):
        return None
    if any(word.lower().strip(".") in _NOT_NAME_WORDS for word in words) or is_place(candidate):
        return None
    capitals = candidate.isupper()
    # "HSC Pune", "IBM Certified": an abbreviation beside ordinary words is not part of a name.
    if not capitals and any(len(word.strip(".")) > 1 and word.isupper() for word in words):
        return None
    for word in words:
        if word.lower() in _NAME_PARTICLES:
            continue
        if not (capitals or word[0].isupper()):
            return None
    return candidate.title() if capitals else candidate
