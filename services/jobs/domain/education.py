"""The education a job asks for: the level, the fields of study, whether it is required, and the
experience it accepts instead.

- A clause naming several levels offers alternatives ("Bachelor's or Master's degree"): its lowest
  level is the bar. Of several required statements the highest counts (each is a bar to clear); a job
  that only prefers a degree gets its lowest preferred level with `required=False`.
- Fields are read as written after "in"/"of" ("degree in Accounting, Finance or related field" gives
  Accounting and Finance); abbreviations carry their field (BSN: Nursing, MBA: Business Administration).
- "Or equivalent experience" accepts experience instead: the years stated ("or 6 years of relevant
  experience"), else the usual length of that education (`DEFAULT_EQUIVALENT_YEARS`: a bachelor's
  degree takes about four years, which is also what US postings ask "in lieu of a degree").
- "No degree required" states no requirement at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby

from contracts.events.ingest import EducationLevel
from services.jobs.domain.experience import NUMBER_WORDS
from services.jobs.domain.spans import ClaimedSpans, PostingText

LEVEL_ORDER: tuple[EducationLevel, ...] = ("high_school", "diploma", "associate", "bachelor", "master", "doctorate")
# Years of experience taken in place of each level when a posting says "or equivalent" without a number:
# its usual full-time length. A school diploma's "equivalent" is another school certificate (a GED), not work.
DEFAULT_EQUIVALENT_YEARS: dict[EducationLevel, float | None] = {
    "high_school": None,
    "diploma": 2.0,
    "associate": 2.0,
    "bachelor": 4.0,
    "master": 6.0,
    "doctorate": 8.0,
}
_MAX_FIELDS = 20
# A larger "or N years" is a typo or another figure; the contract refuses it.
_MAX_EQUIVALENT_YEARS = 40.0
_MAX_FIELD_WORDS = 6
_FIELDS_WINDOW_CHARS = 200
_FLAGS = re.IGNORECASE

# (pattern, level, the field the name itself carries). Tried in order; a later pattern never re-reads
# text an earlier one matched, so "high school diploma" is not also a diploma.
_DEGREE_NAMES: tuple[tuple[str, EducationLevel, str | None], ...] = (
    (
        r"\bhigh[- ]school\s+(?:diploma|education|graduate|degree|certificate|equivalent|or\s+(?:equivalent|GED))\b"
        r"|\b(?-i:GED)\b|\b(?-i:A[- ]?[Ll]evels?)\b|\b(?-i:GCSEs?)\b|\bsecondary\s+(?:school|education)\s+(?:diploma|certificate)\b",
        "high_school",
        None,
    ),
    (
        r"\bJ\.\s?D\.|\bjuris\s+doctor(?:ate)?\b|\b(?-i:JD)\b(?=\s+(?:degree|from|or|required|preferred))",
        "doctorate",
        "Law",
    ),
    (
        r"\bM\.\s?D\.(?!\w)|\bdoctor\s+of\s+medicine\b|\b(?-i:MD)\b(?=\s*(?:/|or)\s*(?-i:DO)\b)",
        "doctorate",
        "Medicine",
    ),
    (r"\bPharm\.?\s?D\b", "doctorate", "Pharmacy"),
    (
        r"\bPh\.?\s?D\.?s?(?!\w)|\bD\.?\s?Phil\b|\bdoctoral\s+degree|\bdoctorate\b|\bEd\.\s?D\.?(?!\w)",
        "doctorate",
        None,
    ),
    (r"\b(?:MBA|M\.B\.A\.?)(?!\w)", "master", "Business Administration"),
    (r"\b(?:MSN|M\.S\.N\.)(?!\w)", "master", "Nursing"),
    (r"\bMPH\b", "master", "Public Health"),
    (r"\bMSW\b", "master", "Social Work"),
    (r"\b(?:LL\.?M\.?)(?!\w)", "master", "Law"),
    (r"\bM\.\s?Ed\b\.?|\b(?-i:MEd)\b", "master", "Education"),
    (r"\bMAcc\b|\bMPAcc\b", "master", "Accounting"),
    (
        r"\bmaster(?:'s|’s|s)(?:\s+degree)?\b|\bmaster\s+degree\b|\bmaster(?=\s+of\b)"
        r"|\b(?:M\.?\s?Sc\.?|M\.S\.|M\.A\.|M\.?\s?Eng\b\.?|M\.?\s?Tech|MCA|M\.?\s?Com)(?!\w)"
        r"|\b(?-i:MFA|MPA|MHA)\b(?=\s+(?:in|degree|or)\b)"
        r"|\b(?-i:MS|MA)\b(?=\s+(?:in|degree)\b|\s*/\s*(?-i:PhD|MBA)\b|\s+or\s+(?-i:PhD|MBA|equivalent)\b)"
        r"|\b(?:graduate|postgraduate|post-graduate|advanced)\s+degree\b",
        "master",
        None,
    ),
    (r"\b(?:BSN|B\.S\.N\.)(?!\w)", "bachelor", "Nursing"),
    (r"\b(?:BBA|B\.B\.A\.?)(?!\w)", "bachelor", "Business Administration"),
    (r"\bB\.\s?Ed\b\.?|\b(?-i:BEd)\b", "bachelor", "Education"),
    (r"\b(?:LL\.?B\.?)(?!\w)", "bachelor", "Law"),
    (
        r"\bbachelor(?:'s|’s|s)?(?:\s+degree)?\b"
        r"|\b(?:B\.?\s?Sc\.?|B\.S\.|B\.A\.|B\.?\s?Eng\b\.?|B\.?\s?Com\b\.?|B\.?\s?Tech|BCA|B\.?\s?Arch)(?!\w)|\b(?-i:BFA)\b"
        r"|\b(?-i:BS|BA)\b(?=\s+(?:in|degree)\b|\s*/\s*(?-i:BA|BS|MS|MA)\b|\s+or\s+(?-i:BA|BS|MS|MA)\b|\s+or\s+equivalent\b)"
        r"|\b(?:undergraduate|university|college|four[- ]year|4[- ]year)\s+degree\b"
        r"|\bB\.E\.(?!\w)|\b(?-i:BE)\b(?=\s*(?:/|in\b|\())",
        "bachelor",
        None,
    ),
    (r"\b(?:ADN|A\.D\.N\.)(?!\w)", "associate", "Nursing"),
    (
        r"\bassociate(?:'s|’s|s)?\s+degree\b|\bassociate\s+of\s+(?:applied\s+)?(?:science|arts)\b"
        r"|\b(?:A\.A\.S\.?|A\.S\.|A\.A\.|AAS)(?!\w)|\b(?:two|2)[- ]year\s+degree\b",
        "associate",
        None,
    ),
    (r"\b(?:post[- ]?graduate|pg)\s+diploma\b|\b(?-i:HND|HNC)\b|\bdiploma\b", "diploma", None),
    # Vocational schooling below a degree (a trade apprenticeship, a college certificate) is the
    # contract's "diploma" level: post-secondary, not a degree.
    (
        r"\bapprenticeship\b|\b(?:trade|vocational|technical|college|post-?secondary)\s+certificate\b"
        r"|\bcertificate(?=\s+(?:in|of)\s+(?-i:[A-Z]))",
        "diploma",
        None,
    ),
    # "HVAC Technology Certificate", "Law Certificate": the subject is named first.
    (r"(?-i:(?P<subject>(?:[A-Z][\w&-]*[ \t]+){1,3}?)(?:Studies[ \t]+)?Certificate)\b", "diploma", None),
    # A bare "degree in X" is a bachelor's: the first degree, unless a higher one is named.
    (
        r"\bdegree(?=\s+(?:in|qualified)\b)|\b(?:a|relevant|related|technical|appropriate|accredited)\s+degree\b(?!\s+of\b)"
        # "degree or MBA", "diploma or degree": an alternative to another level.
        r"|\bdegree(?=\s*(?:or|/)\s)|(?<=\bor\s)degree\b",
        "bachelor",
        None,
    ),
)
_DEGREES = tuple((re.compile(pattern, _FLAGS), level, field) for pattern, level, field in _DEGREE_NAMES)
_ANY_DEGREE = re.compile("|".join(f"(?:{pattern})" for pattern, _, _ in _DEGREE_NAMES), _FLAGS)
_NO_DEGREE = re.compile(
    r"\bno\s+(?:\w+\s+)?(?:degree|diploma|formal\s+(?:education|qualifications?))\b"
    r"|\b(?:degree|diploma)s?\s+(?:is\s+|are\s+)?not\s+(?:required|necessary|needed|essential)\b"
    r"|\bwithout\s+a\s+degree\b|\bdo(?:es)?\s+not\s+(?:need|require)\s+a\s+degree\b",
    _FLAGS,
)
_EMPLOYER = re.compile(r"\b(?:our|we|us|founders?|team\s+of|company|firm)\b", _FLAGS)
_ASKS = re.compile(
    r"\b(?:requir\w*|must|need\w*|minimum|essential|prefer\w*|equivalent|or\s+(?:higher|above)|qualifications?"
    r"|you(?:'ll|\s+will)?\s+(?:have|hold|bring|need)|candidates?|applicants?|graduates|looking\s+for|welcom\w*"
    r"|with\s+an?)\b",
    _FLAGS,
)
# "Bachelor of Science in Nursing": the field follows the kind of degree.
_DEGREE_KIND = re.compile(
    r"\s+of\s+(?:applied\s+)?(?:science|arts|engineering|technology|commerce|fine\s+arts)(?:\s+degree)?(?=\s+in\b)",
    _FLAGS,
)
_GENERIC_DEGREE_KIND = re.compile(r"\s+of\s+(?:applied\s+)?(?:science|arts)\b(?!\s+in\b)", _FLAGS)
_FIELD_INTRO = re.compile(
    r"(?:['’]?s)?\s*(?:degree|diploma|qualification|certificate)?s?\s*(?:\([^)]*\)\s*)?,?\s*(?:in|of)\s+", _FLAGS
)
_FIELD_STOP = re.compile(
    r"(?:^|\s+)(?:from|at|with|preferred|required|is|are|plus|desired|strongly|highly|preferably|will|would|who"
    r"|that|essential|mandatory)\b"
    r"|^(?:degree|diploma|holders?|level|or|and|equivalent|qualification)\b"
    r"|,?\s+(?:and/)?or\s+(?:an?\s+)?(?:equivalent|related|relevant|similar|comparable|appropriate|other)\b"
    r"|,?\s+(?:and/)?or\s+(?:\d|one|two|three|four|five|six|seven|eight|ten)\b|[:–—(]|\s-\s|\.(?:\s|$)",
    _FLAGS,
)
_DIRECT_FIELD = re.compile(r"[ \t]+(?=(?-i:[A-Z]))")
# The separators are kept: the item after an "or" ends the list ("Accounting, Finance or Economics, a
# portfolio..." lists three fields).
_FIELD_SPLIT = re.compile(r"\s*(,|/|;|\band/or\b|\bor\b)\s*", _FLAGS)
_FINAL_SEPARATOR = re.compile(r"and/or|or", _FLAGS)
# An item that starts the next requirement, not another field: "2+ years in HR", "knowledge of PLC",
# a tool's name ("AutoCAD", "SolidWorks").
_NEXT_REQUIREMENT = re.compile(
    r"\d|[a-z][A-Z]|^(?:knowledge|experience|excellent|good|strong|ability|able|proficiency|proficient|familiarity"
    r"|familiar|understanding|working|solid|proven|hands-on|(?:an?\s+)?portfolio|fluen\w*|must|minimum|at\s+least)\b"
)
_NOT_A_FIELD = re.compile(
    r"^(?:related|relevant|similar|equivalent|comparable|other|another|associated|allied|appropriate|any|the\s+like"
    r"|etc|science|arts|study|studies)\b",
    _FLAGS,
)
_ARTICLE = re.compile(r"^(?:an?|the|any)\s+", _FLAGS)
_FIELD_TAIL = re.compile(r"\s+(?:fields?|disciplines?|subjects?|areas?|majors?|programs?|programmes?)$", _FLAGS)
_NUM = r"(?:\d{1,2}(?:\.\d)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve)"
_EQUIVALENT_YEARS = re.compile(
    rf"\b(?:or|and/or|plus)\s+(?:an?\s+)?(?:equivalent\s+)?(?P<n>{_NUM})\s*\+?\s*(?:years?|yrs)\b[^.;\n]{{0,60}}?"
    r"(?:experience|in\s+lieu)"
    rf"|\b(?P<m>{_NUM})\s*\+?\s*(?:years?|yrs)\b[^.;\n]{{0,60}}?\bin\s+(?:lieu|place)\s+of\b",
    _FLAGS,
)
_EQUIVALENT = re.compile(
    r"\bequivalent\s+(?:practical\s+|professional\s+|work\s+|relevant\s+|industry\s+)?experience\b|\bor\s+equivalent\b"
    r"|\bequivalent\s+combination\b|\bin\s+(?:lieu|place)\s+of\s+(?:a\s+)?(?:degree|education)\b"
    r"|\bcomparable\s+(?:work\s+)?experience\b",
    _FLAGS,
)


@dataclass(frozen=True)
class JobEducation:
    """The education a job asks for, and the years of experience it accepts in its place."""

    level: EducationLevel
    fields: tuple[str, ...] = ()
    required: bool = True
    equivalent_years: float | None = None


@dataclass(frozen=True)
class _Degree:
    start: int
    end: int
    level: EducationLevel
    field: str | None


def education_requirement(posting: PostingText, *, skill_spans: Sequence[tuple[int, int]] = ()) -> JobEducation | None:
    """The education a posting asks for (see the module docstring for the rules), or None.

    `skill_spans` are where the vocabulary names skills and credentials in `posting.text`.
    """
    text, kind_at = posting.text, posting.kind_at
    statements: list[JobEducation] = []
    degrees = [degree for degree in _degrees(text, skill_spans) if kind_at(degree.start) != "ignored"]
    # One statement per sentence and strength: "BSN required; MSN preferred" states two.
    for (bounds, preferred), group in groupby(
        degrees, key=lambda degree: (posting.sentence(degree.start), kind_at(degree.start) == "preferred")
    ):
        named = list(group)
        sentence = text[bounds[0] : bounds[1]]
        if _NO_DEGREE.search(sentence) or (kind_at(named[0].start) == "neutral" and _about_the_employer(sentence)):
            continue
        lowest = min(named, key=lambda degree: LEVEL_ORDER.index(degree.level))
        written = [field for degree in named for field in _fields_after(text, degree.end, bounds[1])]
        # A field written out beats the one a name carries: "MBA in Marketing" is about marketing.
        fields = written or [degree.field for degree in named if degree.field]
        # "Or equivalent experience" may follow in the next sentence of the same line.
        line_end = text.find("\n", bounds[1])
        line_end = len(text) if line_end < 0 else line_end
        line = text[bounds[0] : min(line_end, bounds[1] + _FIELDS_WINDOW_CHARS)]
        statements.append(
            JobEducation(
                level=lowest.level,
                fields=tuple(_unique(fields))[:_MAX_FIELDS],
                required=not preferred,
                equivalent_years=_equivalent_years(line, lowest.level),
            )
        )
    required = [education for education in statements if education.required]
    if required:
        return max(required, key=lambda education: LEVEL_ORDER.index(education.level))
    return min(statements, key=lambda education: LEVEL_ORDER.index(education.level)) if statements else None


def names_a_degree(posting: PostingText, position: int) -> bool:
    """Whether the sentence around `position` names a degree: a skill word there is a subject studied
    ("a degree in Psychology or Social Work"), not a skill the job asks for."""
    start, end = posting.sentence(position)
    return bool(_ANY_DEGREE.search(posting.text, start, end))


def _about_the_employer(sentence: str) -> bool:
    """ "Our founders hold PhDs": a sentence about the company, outside any requirements section."""
    return bool(_EMPLOYER.search(sentence)) and not _ASKS.search(sentence)


def _degrees(text: str, skill_spans: Sequence[tuple[int, int]]) -> list[_Degree]:
    found: list[_Degree] = []
    claimed = ClaimedSpans()
    # A certificate the vocabulary names ("forklift certificate", "SSL certificate") is a credential
    # or a skill, not schooling.
    named_ends = {end for _start, end in skill_spans}
    for pattern, level, field in _DEGREES:
        for match in pattern.finditer(text):
            subject = match.groupdict().get("subject")
            if subject is not None and match.end() in named_ends:
                continue
            if claimed.claim(match.start(), match.end()):
                named = _ARTICLE.sub("", subject.strip()) if subject else field
                found.append(_Degree(match.start(), match.end(), level, named or None))
    return sorted(found, key=lambda degree: degree.start)


def _fields_after(text: str, position: int, clause_end: int) -> Iterator[str]:
    """The fields of study written after a degree's name, up to the end of its clause."""
    kind = _DEGREE_KIND.match(text, position, clause_end)
    if kind:
        position = kind.end()
    elif _GENERIC_DEGREE_KIND.match(text, position, clause_end):
        return
    # "BSc in Physics", or the British "BSc Physics": the subject follows the name directly.
    intro = _FIELD_INTRO.match(text, position, clause_end) or _DIRECT_FIELD.match(text, position, clause_end)
    if intro is None:
        return
    # A list of fields is short: reading a bounded window keeps a long run-on line linear.
    rest = text[intro.end() : min(clause_end, intro.end() + _FIELDS_WINDOW_CHARS)]
    stop = _FIELD_STOP.search(rest)
    pieces = _FIELD_SPLIT.split(rest[: stop.start()] if stop else rest)
    for item, separator in zip(pieces[0::2], ["", *pieces[1::2]], strict=True):
        name = _FIELD_TAIL.sub("", _ARTICLE.sub("", item.strip(" \t,.'\"*"))).strip()
        if _NEXT_REQUIREMENT.search(name):
            return
        if _is_field(name):
            yield name
        if _FINAL_SEPARATOR.fullmatch(separator):
            return


def _is_field(name: str) -> bool:
    """A field of study, not a filler ("a related field"), another degree ("or BSN") or a whole sentence."""
    if not name or not any(char.isalpha() for char in name) or len(name.split()) > _MAX_FIELD_WORDS:
        return False
    return not _NOT_A_FIELD.match(name) and not _ANY_DEGREE.search(name)


def _equivalent_years(line: str, level: EducationLevel) -> float | None:
    stated = _EQUIVALENT_YEARS.search(line)
    if stated:
        token = (stated.group("n") or stated.group("m")).lower()
        years = float(NUMBER_WORDS[token]) if token in NUMBER_WORDS else float(token)
        if 0 < years <= _MAX_EQUIVALENT_YEARS:
            return years
    if _EQUIVALENT.search(line):
        return DEFAULT_EQUIVALENT_YEARS[level]
    return None


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.casefold(), name)
    return list(seen.values())
