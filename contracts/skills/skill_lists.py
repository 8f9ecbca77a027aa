"""The items of the skill lists in a resume: what a person listed as skills, word for word.

Only text that is plainly a list of skills counts: the lines under a skills heading ("Technical
Skills", "Skill Set", "Core Competencies") up to the next heading or the first lines that read as
prose, and the rest of a line after a label such as "Skills:", "Tools:", "Technologies used:" or
"Environment:". An item is what sits between commas, semicolons, pipes, brackets or bullets. Lines
that read as sentences are skipped, and so are items that are too long, numbers or dates, spoken
languages, personal traits, places and institutions, job titles, generic words and filler ("etc.").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Bullets and other list glyphs, also as UTF-8 read as Latin-1 or Windows-1252 ("â€¢", "â\x80¢"),
# and the Symbol-font private-use glyphs Word exports for bullets.
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_GLYPHS = re.compile(
    "[\u2022\u2023\u2043\u2219\u00b7\u25a0-\u25ff\u2190-\u21ff\u2600-\u27bf\u2b00-\u2bff\uf000-\uf0ff]"
    f"|â[\u0080-\u00bf{_CP1252_HIGH}]{{2}}|ï[\u0080-\u00bf{_CP1252_HIGH}]{{2}}|Ã±|(?:^|(?<=\\s))[*>~]+(?=\\s)"
)
_MOJIBAKE = re.compile(f"[ÃÂ\u0080-\u009f{_CP1252_HIGH}]")
_ENUMERATOR = re.compile(r"^\(?(?:\d{1,2}|[a-zA-Z])[.)](?=\s|[^\W\d_])\s*")
# "Python- Experience - 24 months": the form exported by some job boards.
_EXPERIENCE_SUFFIX = re.compile(r"\s*-\s*Experience\s*-.*$", re.IGNORECASE)
_LABEL = re.compile(r"^(?P<label>[^\W\d_][^:：]{0,48}?)\s*[:：]\s*(?P<rest>.*)$")
_DASH_LABEL = re.compile(r"^(?P<label>[^\W\d_][\w ]{0,30}?)\s+[-–—]\s+(?P<rest>.*)$")
_SEPARATORS = re.compile(r"[,;|(){}\[\]]|\.(?:\s+|$)|\s[-–—]\s")
_QUALIFIERS = re.compile(
    r"^(?:(?:basics?|good|strong|excellent|advanced?|working|hands[- ]on|sound|fair|deep|solid|expert|"
    r"expertise|proficient|proficiency|familiar|familiarity|knowledge|understanding|experience|experienced|"
    r"exposure|skilled|intermediate|beginner|introductory|thorough|in[- ]depth|complete|knows?|upto)\b[\s-]*"
    r"(?:(?:in|of|with|on|at|to)\b\s*)?)+",
    re.IGNORECASE,
)
_LINKISH = re.compile(r"://|www\.|\.(?:com|org|net|io|in|co|edu|gov)\b", re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,/]\d+)*%?$")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A label naming a skill list ("Programming Languages:", "Tools used:") has one of these words.
_SKILL_LABEL_WORDS = _words(
    """
    skill skills skillset skillsets technologies technology tools tool languages frameworks framework
    libraries library databases database software platforms platform competencies competency expertise
    proficiency proficiencies stack environment environments packages ide ides methodologies computer
    programming scripting utilities devops cloud os operating
    """
)
# A heading standing alone on its line is made of these words only, and has one of the strong ones,
# so "Computer Engineering" or a "Software" item is not taken for a heading.
_STRONG_SKILL_WORDS = _words(
    "skill skills skillset skillsets technologies tools competencies expertise proficiency proficiencies stack"
)
_HEADING_WORDS = _words(
    """
    technical key core it professional areas area of and & my other additional soft hard primary secondary
    relevant details set summary matrix profile highlights top functional domain specific special general
    main personal
    """
)
# Headings of the other parts of a resume: they end a skills section.
_OTHER_HEADING_WORDS = _words(
    """
    education experience employment projects project summary profile objective achievements awards
    certifications certification publications interests hobbies references personal declaration strengths
    strength responsibilities duties contact internship internships courses activities extracurricular
    volunteering accomplishments company description address career qualification qualifications academic
    academics details work professional key information info history extra curricular co and & of relevant
    additional other my recent selected major minor mini final year industrial exposure training trainings
    seminars workshops roles role client clients title duration team location organization organisation
    employer designation position period
    """
)
# Words that make an item a sentence rather than a name.
_PROSE_WORDS = _words(
    """
    a an the i me my we our you your he she his her they their it its is are was were be been being am
    will shall would should could can may might must have has had do does did not no very also such
    this that these those which who whom whose what when where how why than then there here able
    ability using used use like etc etc. please upto
    """
)
# A label with one of these is a sentence ("I have worked on these tools:"), not a label.
_LABEL_PROSE_WORDS = _PROSE_WORDS - _words("using used use")
_EDGE_WORDS = _words("and or & with for of in on to at by from as")
_FILLER_WORDS = _words(
    """
    skills skill tools tool software softwares hardware technologies technology others other etc languages
    language knowledge basic basics advanced computer computers internet email e-mail applications
    application concepts fundamentals various many multiple related including good strong excellent
    familiar working proficient and & of in on with environment platforms systems system packages
    programming operating key core technical soft
    """
)
# Words that show an item is about something else: a section, a period, a place, a school, a firm.
_NOT_SKILL_WORDS = _words(
    """
    details education declaration objective summary responsibilities achievements hobbies interests
    references personal experience months month years year strengths company description present till
    date university college school institute institution board academy polytechnic hsc ssc sslc cbse
    icse diploma bachelor bachelors master masters degree pvt ltd limited inc llp llc corp corporation
    consultancy india indian maharashtra pune mumbai delhi bangalore bengaluru hyderabad chennai kolkata
    noida gurgaon gurugram nagpur ahmedabad version versions playing reading books cricket football
    music travelling traveling singing dancing cooking chess swimming movies gardening
    """
)
# Personal traits belong to a strengths list, not a skills list.
_TRAIT_WORDS = _words(
    """
    honest honesty sincere sincerity dedication dedicated positive attitude hardworking hard-working
    punctual punctuality loyal loyalty optimistic confident confidence self-confidence responsibility
    responsible disciplined discipline integrity commitment committed enthusiastic enthusiasm motivated
    energetic energy patience patient friendly polite calm willingness eager eagerness passionate
    """
)
# The last word of a job title.
_TITLE_WORDS = _words(
    """
    engineer engineers manager managers developer developers consultant consultants architect analyst
    scientist administrator lead officer executive assistant intern trainee specialist director head
    president designer advocate teacher lecturer professor associate coordinator supervisor technician
    operator programmer tester worker
    """
)
# One common word alone says too little to be a skill anyone could review ("database", "security").
_GENERIC_WORDS = _words(
    """
    database databases word documentation net integration operations security maintenance contracts
    apache retail performance solutions solution research finance legal administration admin automation
    deployment installation upgrade upgrades migration backup backups restore governance clients client
    tech series studio star facts dimensions multi emails self college window windows civil mechanical
    electrical commerce mathematics maths science frontend backend development design designing testing
    management analytics analysis reporting reports report planning coordination programming coding
    scripting servers server hardware software internet computer computers scheduling teaching business
    accounts support services service projects project quality production purchase stores store inventory
    automotive construction manufacturing engineering technology systems system network networks web
    mobile cloud data application applications programs program modules module dashboards monitoring
    troubleshooting configuration implementation communication presentation strategy office extract
    transform load profiles names places dates emails tools achievement series visualization performance
    deployment freshers fresher platform platforms version versions
    """
)
_SPOKEN_WORDS = _words(
    """
    english hindi marathi tamil telugu kannada malayalam bengali bangla gujarati punjabi urdu odia oriya
    assamese konkani sanskrit nepali french german spanish italian portuguese arabic chinese mandarin
    cantonese japanese korean russian dutch turkish persian farsi swahili polish greek hebrew thai
    vietnamese indonesian malay tagalog native fluent speaker speak read write mother tongue language
    languages and & bilingual proficiency proficient
    """
)
_MONTHS = _words(
    """
    jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august
    september october november december
    """
)

_REJECTED_WORDS = _PROSE_WORDS | _NOT_SKILL_WORDS | _MONTHS | _TRAIT_WORDS

_MAX_TOKENS = 4
_MAX_CHARS = 40
_MAX_SECTION_LINES = 40
# After "Skills: A, B," the list may go on over a few more lines.
_MAX_LABEL_SECTION_LINES = 5
# A skills section ends after this many lines in a row that read as prose (the next part began).
_MAX_PROSE_LINES = 2


def listed_terms(text: str, *, skills_section: bool = False) -> Iterator[str]:
    """Every item of a skill list in `text` (the whole text is one when `skills_section`), as written."""
    in_section = skills_section
    section_lines = prose_lines = 0
    section_limit = _MAX_SECTION_LINES
    for raw_line in _GLYPHS.sub("\n", text).splitlines():
        line = raw_line.strip()
        if not line:
            continue
        kind, rest = _classify(line)
        if kind == "skills":
            if rest:
                # "Tools: X, Y" lists its items here and may go on over the next lines; inside a
                # skills section it is a sub-list of that section.
                yield from _items(rest) or ()
                if not in_section:
                    in_section, section_limit = True, _MAX_LABEL_SECTION_LINES
            else:
                in_section, section_limit = True, _MAX_SECTION_LINES
            section_lines = prose_lines = 0
            continue
        if kind == "other":
            in_section = skills_section
            continue
        if not in_section:
            continue
        section_lines += 1
        items = _items(rest if kind == "label" and rest is not None else line)
        prose_lines = prose_lines + 1 if items is None else 0
        if not skills_section and (section_lines > section_limit or prose_lines >= _MAX_PROSE_LINES):
            in_section = False
        yield from items or ()


def _classify(line: str) -> tuple[str | None, str | None]:
    """What a line is: a skills heading or label ("skills", the rest of the line), another heading
    ("other"), a "Label: items" line ("label", the items), or anything else (None)."""
    if _EXPERIENCE_SUFFIX.search(line):
        return None, None
    label_match = _LABEL.match(line)
    if label_match is not None:
        label = label_match.group("label")
        rest = label_match.group("rest").strip()
        if _is_skill_label(label):
            return "skills", rest
        if _is_other_heading(label):
            return "other", None
        return "label", rest
    dash_match = _DASH_LABEL.match(line)
    if dash_match is not None and _is_other_heading(dash_match.group("label")):
        return "other", None
    bare = line.rstrip(" -–—.")
    if len(bare.split()) <= 5 and not _SEPARATORS.search(bare):
        if _is_skill_heading(bare):
            return "skills", None
        if _is_other_heading(bare):
            return "other", None
    return None, None


def _label_words(label: str) -> list[str]:
    return re.findall(r"[a-z]+|&", label.lower())


def _is_skill_label(label: str) -> bool:
    words = _label_words(label)
    if not 0 < len(words) <= 4 or any(word in _LABEL_PROSE_WORDS for word in words):
        return False
    return any(word in _SKILL_LABEL_WORDS for word in words)


def _is_skill_heading(line: str) -> bool:
    words = _label_words(line)
    return (
        0 < len(words) <= 5
        and all(word in _SKILL_LABEL_WORDS or word in _HEADING_WORDS for word in words)
        and any(word in _STRONG_SKILL_WORDS for word in words)
    )


def _is_other_heading(label: str) -> bool:
    words = _label_words(label)
    if not 0 < len(words) <= 4:
        return False
    # "DBMS KEY STRENGTHS:" (a heading glued to the list before it) ends the list too.
    return all(word in _OTHER_HEADING_WORDS for word in words) or words[-1] in {"strengths", "strength"}


def _items(line: str) -> list[str] | None:
    """The terms a list line holds; None when the line reads as prose rather than a list."""
    line = _EXPERIENCE_SUFFIX.sub("", _ENUMERATOR.sub("", line.strip()))
    pieces = [piece.strip() for piece in _SEPARATORS.split(line)]
    pieces = [piece for piece in pieces if piece]
    if not pieces:
        return []
    sizes = sorted(len(piece.split()) for piece in pieces)
    # A sentence, even one with a comma in it, is not a list: list items are mostly short.
    if sizes[len(sizes) // 2] > (3 if len(sizes) > 1 else _MAX_TOKENS):
        return None
    return [term for term in map(_clean, pieces) if term is not None]


def _clean(piece: str) -> str | None:
    """The item as a term, or None when it is not one."""
    # "Report tool: iReport": the label inside an item is not part of the term.
    term = piece.rsplit(":", 1)[-1]
    term = _QUALIFIERS.sub("", _ENUMERATOR.sub("", term.strip()))
    term = " ".join(term.strip(" \t'\"*-–—.:!?/\\").split())
    tokens = term.split()
    if not 1 <= len(tokens) <= _MAX_TOKENS or not 2 <= len(term) <= _MAX_CHARS:
        return None
    if sum(char.isalpha() for char in term) < 2 or "@" in term or _LINKISH.search(term) or _MOJIBAKE.search(term):
        return None
    lowered = [token.lower().strip(".,'’\"") for token in tokens]
    if lowered[0] in _EDGE_WORDS or lowered[-1] in _EDGE_WORDS or lowered[-1] in _TITLE_WORDS:
        return None
    if any(word in _REJECTED_WORDS or _NUMBER.match(word) or _YEAR.match(word) for word in lowered):
        return None
    if all(word in _FILLER_WORDS for word in lowered) or all(word in _SPOKEN_WORDS for word in lowered):
        return None
    if len(lowered) == 1 and (len(term) < 3 or lowered[0] in _GENERIC_WORDS or _is_activity_or_trait(lowered[0])):
        # A lone common word is a field ("database"), a long "-ing", "-ed" or "-ly" word an activity or
        # a trait ("Implementing", "Dedicated"); "Spring" or "Embedded C" are not that.
        return None
    return term


def _is_activity_or_trait(word: str) -> bool:
    return len(word) > 6 and word.endswith(("ing", "ed", "ly"))
