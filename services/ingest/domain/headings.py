"""Recognising section headings however a template writes them.

"EXPERIENCE", "Work History:", "★ Professional Experience", "E X P E R I E N C E", "## Skills",
"1. Education" and a heading underlined with "-----" are all headings; what kind of section they
open comes from a vocabulary of the names resumes use. Words that also occur as content on a line
of their own ("Languages", "Leadership", "Tools") only count as headings when written like one
(capitals, a trailing colon, an icon or an underline).
"""

from __future__ import annotations

import re
from typing import Literal

SectionKind = Literal[
    "summary", "experience", "placements", "volunteer", "education", "skills", "projects", "certifications", "other"
]

_EXACT: dict[str, SectionKind] = {}
for _kind, _names in {
    "summary": """summary; professional summary; career summary; executive summary; summary of qualifications;
        profile; professional profile; career profile; personal profile; profile summary; about; about me;
        objective; career objective; professional objective; objectives; personal statement; overview;
        professional overview; introduction; bio; highlights; career highlights""",
    "experience": """experience; work experience; professional experience; employment; employment history;
        work history; career history; professional background; relevant experience; experience summary;
        internships; internship; internship experience; industrial experience; industry experience;
        positions held; experience details; company details; work; career; research experience;
        teaching experience; freelance experience; professional history; job history; experiences;
        clinical experience; relevant clinical experience; nursing experience; healthcare experience;
        employment experience; work and leadership experience""",
    # Supervised practice while studying: skills used, but no employment (see `profile`).
    "placements": """clinical placements; clinical placement; clinical rotations; clinical rotation; clinical practicum;
        practicum; practicums; practica; placements; student placements; practice placements;
        fieldwork; fieldwork placements; clinicals; clinical attachments; clerkships;
        externships; student teaching; teaching practicum""",
    # Unpaid work: skills used, but no position held (see `profile`).
    "volunteer": """volunteer; volunteering; volunteer experience; volunteer work; voluntary work; voluntary experience;
        community service; community involvement; volunteer activities; volunteering experience;
        volunteer and community work; community work""",
    "education": """education; academic background; academic qualifications; educational qualifications;
        educational qualification; qualifications; education and training; academics; academic history;
        education details; educational background; academic profile; scholastic record; academic details;
        education and qualifications; academic credentials; studies; schooling""",
    "skills": """skills; technical skills; core competencies; competencies; key skills; skills and abilities;
        areas of expertise; expertise; technologies; tech stack; tools; tools and technologies;
        technical proficiency; technical proficiencies; skill set; skillset; it skills; computer skills;
        software skills; programming languages; skill details; key competencies; technical expertise;
        core skills; hard skills; soft skills; personal skills; skills summary; key strengths; strengths;
        technical summary; technical competencies; professional skills; languages and technologies;
        languages; tools and frameworks; frameworks; software; relevant skills; additional skills;
        skills and tools; skills and technologies; technology stack; toolbox""",
    "projects": """projects; personal projects; academic projects; key projects; selected projects; side projects;
        project experience; project details; notable projects; open source; open source contributions;
        projects undertaken; major projects; relevant projects; project work; portfolio""",
    "certifications": """certifications; certification; certificates; certificate; licenses; licences;
        licenses and certifications; licences and certifications; certifications and licenses;
        courses; training and certifications; certifications and training; professional certifications;
        accreditations; credentials; online courses; courses and certifications; certifications and courses;
        trainings; training; professional development; licensure""",
    "other": """interests; hobbies; hobbies and interests; interests and hobbies; awards; honors; honours;
        awards and honors; honors and awards; achievements; accomplishments; awards and achievements;
        publications; references;
        activities; extracurricular activities; extra curricular activities; personal details;
        personal information; declaration; contact; contact information; contact details; memberships;
        affiliations; professional affiliations; patents; conferences; leadership;
        leadership experience; additional information; miscellaneous; talks; presentations;
        personal data; languages known; spoken languages; language skills""",
}.items():
    for _name in _names.split(";"):
        _EXACT[" ".join(_name.split())] = _kind  # type: ignore[assignment]

# Names of the work history the vocabulary does not list ("Experience Highlights", "Work Experience &
# Internships", "Where I've Worked"): a word that names work, with only words that qualify it. A closed
# set of qualifiers keeps content out: "Employment Law" or "Customer Experience" are no headings.
_WORK_NAMES = frozenset("experience experiences employment career jobs positions worked".split())
_WORK_QUALIFIERS = frozenset(
    """
    work professional relevant selected recent previous prior past industry industrial corporate key my other
    additional related paid full-time part-time internships internship history highlights summary details record
    overview background journey path progression and of held where i i've have so far to date roles
    """.split()
)
_MAX_WORK_NAME_WORDS = 5


def _names_work_history(words: str) -> bool:
    parts = words.split()
    return (
        len(parts) <= _MAX_WORK_NAME_WORDS
        and any(part in _WORK_NAMES for part in parts)
        and all(part in _WORK_NAMES or part in _WORK_QUALIFIERS for part in parts)
    )


# Headings that are also ordinary content lines: they need a heading's looks.
_WEAK = frozenset(
    " ".join(name.split())
    for name in """languages; leadership; tools; technologies; training; trainings; courses; activities; contact;
    about; work; career; expertise; strengths; software; frameworks; bio; highlights; studies; schooling;
    portfolio; introduction; overview; certificate; internship; volunteer; placements; practicum; fieldwork;
    clinicals; community work; jobs; positions""".split(";")
)

_LEADING_DECORATION = re.compile(r"^(?:[^\w(]+|\d{1,2}[.)]\s+|[^\x00-\x7f]\s+|[IVX]{1,4}\.\s+)+")
_TRAILING_DECORATION = re.compile(r"[\s:：\-–—_|.•*#=~]+$")
_SPACED_LETTERS = re.compile(r"^(?:\w ){3,}\w(?:\s{2,}(?:\w ){2,}\w)*$")
_UNDERLINE = re.compile(r"^\s*[-=_~*─━═]{3,}\s*$")
_INLINE = re.compile(r"^(?P<head>[^\W\d][\w &/,'’-]{1,40}?)\s*(?:[:：]|\s[-–—*•|]\s)\s*(?P<rest>\S.*)$")


def is_underline(line: str) -> bool:
    """A line of dashes or equals signs drawn under a heading."""
    return bool(_UNDERLINE.match(line))


def heading_words(line: str) -> str:
    """The words of a heading line without icons, numbering and trailing punctuation, lower-cased."""
    text = line.strip()
    if _SPACED_LETTERS.match(text):
        text = re.sub(r"\s{2,}", "\0", text).replace(" ", "").replace("\0", " ")
    text = _TRAILING_DECORATION.sub("", _LEADING_DECORATION.sub("", text))
    text = text.replace("&", " and ").replace("/", " and ").replace("+", " and ")
    return " ".join(re.sub(r"[^\w' -]", " ", text.lower()).split())


def heading_kind(line: str, *, underlined: bool = False) -> SectionKind | None:
    """The kind of section `line` opens, or None when it is not a heading."""
    stripped = line.strip()
    if not stripped or len(stripped) > 60 or re.search(r"\d{3,}|@", stripped):
        return None
    words = heading_words(stripped)
    kind = _EXACT.get(words) or ("experience" if _names_work_history(words) else None)
    if kind is None and re.match(r"^\S\s+\S", stripped):
        # An icon font's glyph extracted as a letter: "H Experience", "ð Skills".
        stripped = stripped[1:].strip()
        words = heading_words(stripped)
        kind = _EXACT.get(words)
        decorated = True
    else:
        decorated = False
    if kind is None:
        return None
    core = _TRAILING_DECORATION.sub("", _LEADING_DECORATION.sub("", stripped))
    if not core or not (core[0].isupper() or underlined):
        return None
    if words in _WEAK and not (underlined or decorated or _looks_like_a_heading(stripped, core)):
        return None
    return kind


def _looks_like_a_heading(line: str, core: str) -> bool:
    letters = [char for char in core if char.isalpha()]
    capitals = len(letters) > 2 and all(char.isupper() for char in letters)
    decorated = core != line.strip() and not line.strip().startswith(("-", "*", "•"))
    return capitals or line.rstrip().endswith((":", "：")) or decorated


def inline_heading(line: str, *, capitals_only: bool) -> tuple[SectionKind, str] | None:
    """A heading followed by content on the same line ("SKILLS: Python, Go"): its kind and the content.

    With `capitals_only`, the heading must be in capitals: inside a section a label such as
    "Technologies: React" is content, not a new section.
    """
    match = _INLINE.match(line.strip())
    if match is None:
        return None
    head = match.group("head").strip()
    kind = _EXACT.get(heading_words(head))
    if kind is None or heading_words(head) in _WEAK and not head.isupper():
        return None
    letters = [char for char in head if char.isalpha()]
    if capitals_only and not all(char.isupper() for char in letters):
        return None
    if not head[0].isupper():
        return None
    return kind, match.group("rest").strip()
