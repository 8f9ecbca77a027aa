"""Education entries: degree, its level, institution, major and year.

An entry starts at a line naming a degree or a school when the entry being read already has one,
or at a date-only line in templates that print the dates first. The level comes from the degree's
name or abbreviation (B.Tech, BSc, MSc, MBA, PhD, HSC, ...).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from services.ingest.domain.dates import find_dates, find_ranges, strip_dates
from services.ingest.domain.entry_headings import is_role, location_tail, split_parts
from services.ingest.domain.lines import Line
from services.ingest.domain.places import is_country_or_region, is_place
from services.ingest.domain.schema import EducationEntry, EducationLevel
from services.ingest.domain.sections import Section

# Ordered: the first level whose pattern matches wins ("Post Graduate Diploma" is a diploma, not a degree).
_LEVELS: tuple[tuple[EducationLevel, re.Pattern[str]], ...] = (
    (
        "doctorate",
        re.compile(
            r"\b(?:Ph\.?\s?D|D\.?\s?Phil|Doctor(?:ate)?(?:\s+of|\s+in|al)?|Ed\.?\s?D|D\.?Sc|DBA|DNP|Pharm\.?\s?D|DPT"
            r"|DVM|DDS|DMD|Psy\.?\s?D|M\.D\.|J\.D\.)(?!\w)",
            re.IGNORECASE,
        ),
    ),
    ("diploma", re.compile(r"\b(?:post[- ]?graduate diploma|pg diploma|pgdm|pgdba|pgd)\b", re.IGNORECASE)),
    (
        "master",
        re.compile(
            r"\b(?:master(?:'s|s|’s)?(?:\s+(?:of|in|degree))?|M\.?\s?Sc|M\.S\.|M\.?\s?Tech|M\.?\s?Eng|M\.E\.?|MCA|M\.C\.A"
            r"|MBA|M\.B\.A|M\.?\s?Com|M\.?\s?Phil|LL\.?M|MFA|MPH|MSW|M\.?\s?Pharm|M\.?\s?Ed|MArch|M\.A\.|MSN|M\.S\.N"
            r"|MHA|MPA|MAcc|MSc?N|MPAS|MOT|MSPT|MAT)(?!\w)",
            re.IGNORECASE,
        ),
    ),
    (
        "bachelor",
        re.compile(
            r"\b(?:bachelor(?:'s|s|’s)?(?:\s+(?:of|in|degree))?|B\.?\s?Sc|B\.S\.|B\.?\s?Tech|B\.?\s?Eng|B\.E\.?|BCA|B\.C\.A"
            r"|BBA|B\.B\.A|BBM|B\.?\s?Com|LL\.?B|MBBS|B\.?\s?Pharm|BFA|B\.?\s?Arch|B\.?\s?Ed|A\.B\.|B\.A\.|undergraduate"
            r"|BSN|B\.S\.N|BScN|BSW|BAcc|BSBA|BSEE|BSME|BSCS|BSIT)(?!\w)",
            re.IGNORECASE,
        ),
    ),
    (
        "associate",
        re.compile(r"\bassociate(?:'s|’s)?\s+(?:of|in|degree)\b|\b(?:A\.A\.S?|A\.S\.|AAS|ADN|ASN|AAB)(?!\w)", re.I),
    ),
    (
        "high_school",
        re.compile(
            r"\b(?:high school|higher secondary|senior secondary|secondary school|hsc|ssc|sslc|hslc|12th|10th"
            r"|xii(?:th)?|x(?:th)?(?= std| standard| class)|class (?:x|xii|10|12)|intermediate|matriculation"
            r"|matric|a[- ]levels?|gcse|abitur|baccalaur[ée]at|cbse|icse|ged|higher school certificate)\b",
            re.IGNORECASE,
        ),
    ),
    ("diploma", re.compile(r"\b(?:diploma|polytechnic|advanced certificate)\b", re.IGNORECASE)),
)
# Two-letter degrees ("MS in Physics", "BA, Economics", "BE Civil") only where a part starts: "MA" and
# "ME" are also US states.
_BARE_DEGREE = re.compile(r"^(?P<abbr>MS|MA|ME|BS|BA|BE|AA|AS|MD|JD|BN)(?=\s+(?:in|of)\b|\s*\(|\s*$|\s+[A-Z])")
_BARE_LEVELS: dict[str, EducationLevel] = {
    "MS": "master",
    "MA": "master",
    "ME": "master",
    "BS": "bachelor",
    "BA": "bachelor",
    "BE": "bachelor",
    "AA": "associate",
    "AS": "associate",
    "MD": "doctorate",
    "JD": "doctorate",
    "BN": "bachelor",
}
# Degrees whose name says the subject: a BSN studied nursing even when the line says no more.
_SUBJECT_OF_DEGREE = {
    "bsn": "Nursing",
    "b.s.n": "Nursing",
    "bscn": "Nursing",
    "bn": "Nursing",
    "msn": "Nursing",
    "m.s.n": "Nursing",
    "adn": "Nursing",
    "asn": "Nursing",
    "dnp": "Nursing",
    "bsw": "Social Work",
    "msw": "Social Work",
    "pharmd": "Pharmacy",
    "pharm.d": "Pharmacy",
    "b.pharm": "Pharmacy",
    "bpharm": "Pharmacy",
    "dpt": "Physical Therapy",
    "mpt": "Physical Therapy",
    "md": "Medicine",
    "m.d": "Medicine",
    "mbbs": "Medicine",
    "jd": "Law",
    "j.d": "Law",
    "llb": "Law",
    "ll.b": "Law",
    "llm": "Law",
    "ll.m": "Law",
    "mba": "Business Administration",
    "bba": "Business Administration",
    "mph": "Public Health",
    "mha": "Health Administration",
    "mpa": "Public Administration",
    "bacc": "Accounting",
    "macc": "Accounting",
    "bsee": "Electrical Engineering",
    "bsme": "Mechanical Engineering",
    "bscs": "Computer Science",
    "bsit": "Information Technology",
    "bca": "Computer Applications",
    "mca": "Computer Applications",
    "barch": "Architecture",
    "b.arch": "Architecture",
    "march": "Architecture",
    "bed": "Education",
    "b.ed": "Education",
    "med": "Education",
    "m.ed": "Education",
    "dvm": "Veterinary Medicine",
    "dds": "Dentistry",
    "dmd": "Dentistry",
}
_INSTITUTION = re.compile(
    r"\b(?i:universit(?:y|ies|ät|é|à|ad|eit|at|ario)|college|institute|institut|instituto|school|academy|akademie"
    r"|polytechnic|politecnico|polytechnique|conservatory|seminary|vidyalaya|vidyapeeth|vidyapith|mahavidyalaya"
    r"|hochschule|école|escuela|faculty|campus)\b"
    r"|\b(?:IIT|NIT|IIIT|IIM|BITS|MIT|ETH|EPFL|UCLA|UCL|NYU|CMU|KTH|TU|LSE|Caltech|CalTech|UC [A-Z][a-z]+)\b"
)
_MAJOR_IN = re.compile(r"\bin\s+(?P<major>[A-Z][\w&/.,' -]+)$")
_MAJOR_OF = re.compile(r"\bof\s+(?P<major>[A-Z][\w&/.,' -]+)$")
_NOT_MAJOR = re.compile(r"^(?:science|arts|engineering|technology|commerce|business administration)$", re.I)
_DETAIL = re.compile(r"^(?:gpa|cgpa|grade|score|percentage|marks|honou?rs|thesis|relevant coursework|coursework)", re.I)


@dataclass(frozen=True)
class Schooling:
    """One education entry and the text its courses' skills are read from."""

    entry: EducationEntry
    text: str


@dataclass
class _Draft:
    lines: list[str] = field(default_factory=list)
    has_degree: bool = False
    has_institution: bool = False


def degree_level(text: str) -> EducationLevel | None:
    """The level of the degree named in `text`, a heading part such as "B.Tech" or "MS in CS" (None if none)."""
    bare = _BARE_DEGREE.match(text.strip())
    if bare:
        return _BARE_LEVELS[bare.group("abbr")]
    for level, pattern in _LEVELS:
        if pattern.search(text):
            return level
    return None


def _names_a_degree(text: str) -> bool:
    parts, _place = location_tail(split_parts(strip_dates(text)), keep=0)
    return any(degree_level(part) is not None for part in parts)


def read_education(sections: Sequence[Section]) -> list[Schooling]:
    """The education entries of every education section, in document order."""
    found: list[Schooling] = []
    for section in sections:
        drafts = _group(section.lines)
        found.extend(_schooling(draft) for draft in drafts if draft.has_degree or draft.has_institution)
    return found


def _group(lines: Sequence[Line]) -> list[_Draft]:
    drafts: list[_Draft] = [_Draft()]
    dates_first = bool(lines) and _date_only(lines[0].text)
    for line in lines:
        text = line.text
        current = drafts[-1]
        has_degree = _names_a_degree(text) and not _DETAIL.match(text)
        has_institution = bool(_INSTITUTION.search(text)) and not _DETAIL.match(text)
        if is_role(text) and not (has_degree or has_institution):
            continue  # a job title after the schools (scraped resumes run sections together)
        starts_new = (
            (has_degree and current.has_degree)
            or (has_institution and current.has_institution and not has_degree)
            or (dates_first and _date_only(text) and current.lines != [])
            or (has_institution and has_degree and (current.has_degree or current.has_institution))
        )
        if starts_new and current.lines:
            current = _Draft()
            drafts.append(current)
        current.lines.append(text)
        current.has_degree |= has_degree
        current.has_institution |= has_institution
    return drafts


def _date_only(text: str) -> bool:
    return bool(find_dates(text)) and not strip_dates(text)


def _schooling(draft: _Draft) -> Schooling:
    heading = [text for text in draft.lines if not _DETAIL.match(text)][:3]
    parts: list[str] = []
    for text in heading:
        parts.extend(split_parts(strip_dates(text)))
    rest, _place = location_tail(_without_region_prefixes(parts), keep=1)
    degree_part = next((part for part in rest if degree_level(part) is not None), None)
    institution = next((part for part in rest if _INSTITUTION.search(part) and part != degree_part), None)
    if institution is None and degree_part is not None and _INSTITUTION.search(degree_part):
        degree_part, institution = _split_degree_and_school(degree_part)
    others = [part for part in rest if part not in (degree_part, institution) and not is_place(part)]
    if institution is None and others:
        institution = others[-1]
        others = others[:-1]
    major = _major(degree_part, others)
    return Schooling(
        entry=EducationEntry(
            degree=degree_part[:200] if degree_part else None,
            level=degree_level(degree_part) if degree_part else None,
            institution=institution[:200] if institution else None,
            year=_year(draft.lines),
            major=major[:200] if major else None,
        ),
        text="\n".join(draft.lines),
    )


def _without_region_prefixes(parts: Sequence[str]) -> list[str]:
    """ "Pune, Maharashtra Pune University": the state belongs to the place before, not to the school."""
    cleaned = list(parts)
    for index in range(1, len(cleaned)):
        words = cleaned[index].split()
        previous = cleaned[index - 1].split()
        if not previous or not is_place(previous[-1]):
            continue
        for size in (2, 1):
            if len(words) > size + 1 and is_country_or_region(" ".join(words[:size])):
                cleaned[index] = " ".join(words[size:])
                break
    return cleaned


def _split_degree_and_school(part: str) -> tuple[str, str | None]:
    """ "BSc Physics from Imperial College" -> ("BSc Physics", "Imperial College")."""
    match = re.search(r"\s(?:from|at|@)\s", part)
    if match:
        return part[: match.start()].strip(), part[match.end() :].strip()
    school = _INSTITUTION.search(part)
    if school and school.start() > 0:
        # "B.E. Civil Engineering Nagpur University": the school's name starts a few words earlier.
        words = part[: school.start()].split()
        head, tail = words[:-1], words[-1:]
        return " ".join(head) or part, " ".join([*tail, part[school.start() :]])
    return part, None


def _major(degree: str | None, others: Sequence[str]) -> str | None:
    if degree:
        subject = _SUBJECT_OF_DEGREE.get(degree.strip().rstrip(".").lower().replace(" ", ""))
        if subject is not None:
            return subject
        match = _MAJOR_IN.search(degree) or _MAJOR_OF.search(degree)
        if match and not _NOT_MAJOR.match(match.group("major")):
            major = re.split(r"\s+(?:from|at)\s+", match.group("major"))[0]
            return major.strip(" ,")
        after = _after_abbreviation(degree)
        if after:
            return after
    for part in others:
        if not re.search(r"\d", part) and not _DETAIL.match(part) and len(part.split()) <= 6:
            return part
    return None


def _after_abbreviation(degree: str) -> str | None:
    """The subject written after a degree's abbreviation: "BSc Nursing", "B.Tech Computer Science"."""
    for _level, pattern in _LEVELS:
        match = pattern.match(degree.strip())
        if match:
            rest = degree.strip()[match.end() :].strip(" ,.-–—()")
            rest = re.sub(r"^(?:in|of|degree in)\s+", "", rest, flags=re.IGNORECASE)
            words = rest.split()
            if words and words[0][:1].isupper() and len(words) <= 6 and not re.search(r"\d", rest):
                return None if _NOT_MAJOR.match(rest) else rest
            return None
    return None


def _year(texts: Sequence[str]) -> int | None:
    """The year the entry ended: the end of its range, else the latest year written."""
    for text in texts:
        for period in find_ranges(text):
            if period.end is not None:
                return period.end.year
    years = [mention.value.year for text in texts for mention in find_dates(text)]
    return max(years) if years else None
