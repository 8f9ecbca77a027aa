"""Decide the occupational field of a resume role or a job from its title, description and skills.

The title decides when it is telling: the longest catalogue phrase in its main part wins, and between
equally long phrases the rightmost, the head noun ("Nurse Recruiter" recruits). A generic title
("Engineer", "Manager", "Software Engineer") is narrowed by the title's other words ("Manager,
Nursing", "Software Engineer - Frontend"), then by evidence: skills written in the title count triple
("Java Developer"), then the skills given and those and the telling words found in the description.
Evidence only chooses among the fields the generic title can mean and must reach a minimum, else the
title's default stands: "Software Engineer" without clues is backend (the most common meaning of the
bare title; full-stack, the next most likely, is adjacent to it at 0.8). A title naming no field at
all leaves the evidence to choose among every field, with a higher bar. No evidence: None.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from contracts.occupations.catalogue import Catalogue, GenericTitle, Phrase, default_catalogue
from contracts.occupations.phrases import text_words, title_segments
from contracts.skills import default_taxonomy

# Evidence weights. A skill named in the title is nearly as telling as the title itself.
TITLE_SKILL_WEIGHT = 3.0
TITLE_MODIFIER_WEIGHT = 2.0
TITLE_HINT_WEIGHT = 0.5  # a modifier beside a title that can mean anything ("Manager, Payments")
SKILL_WEIGHT = 1.0
CATEGORY_SKILL_WEIGHT = 0.5  # a skill known only by its vocabulary category
DESCRIBED_TITLE_WEIGHT = 1.0  # "worked as a registered nurse" in a description
DESCRIBED_WORD_TITLE_WEIGHT = 0.5  # a one-word title in prose ("nurse") is weaker
CUE_WEIGHT = 0.5
# A one-word title shorter than this says little in prose ("it", "pa", "cook").
MIN_PROSE_TITLE_LENGTH = 5
# The evidence needed to pick a field for a generic title with a family, and for any other title.
MIN_EVIDENCE = 1.5
MIN_EVIDENCE_WITHOUT_FAMILY = 2.0
# Longer "titles" are sentences: "Responsible for the sales team and marketing campaigns in the region".
MAX_TITLE_WORDS = 12
# Front and back end evidence this balanced makes a full-stack role.
FULLSTACK_BALANCE = 0.4

_FULLSTACK, _FRONTEND, _BACKEND = "software_fullstack", "software_frontend", "software_backend"


@dataclass(frozen=True)
class _Clues:
    """What is known of a role or job besides its title's phrases."""

    title: str
    description: str
    skills: Sequence[str]


@dataclass(frozen=True)
class _Span:
    phrase: Phrase
    segment: int
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.phrase)

    def overlaps(self, other: _Span) -> bool:
        return self.segment == other.segment and self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class _Title(_Span):
    meaning: str | GenericTitle  # the field it decides, or the generic title it is


@dataclass(frozen=True)
class _Modifier(_Span):
    fields: frozenset[str]


def _read_title(segments: Sequence[Phrase], catalogue: Catalogue) -> tuple[list[_Title], list[_Modifier]]:
    """Every title phrase and every modifier in the title's segments."""
    titles: list[_Title] = []
    modifiers: list[_Modifier] = []
    for index, words in enumerate(segments):
        for start, phrase in catalogue.phrases_in(words):
            meaning = catalogue.titles.get(phrase)
            if meaning is not None:
                titles.append(_Title(phrase, index, start, meaning))
            fields = catalogue.modifiers.get(phrase)
            if fields is not None:
                modifiers.append(_Modifier(phrase, index, start, fields))
    return titles, modifiers


def _strongest(matches: Iterable[_Title]) -> _Title | None:
    """The longest match, then the rightmost (the head noun of an English title)."""
    return max(matches, key=lambda match: (len(match.phrase), match.end), default=None)


def _add(scores: dict[str, float], fields: Iterable[str], weight: float) -> None:
    for field in fields:
        scores[field] += weight


def _skill_evidence(scores: dict[str, float], skills: Iterable[str], weight: float, catalogue: Catalogue) -> None:
    taxonomy = default_taxonomy()
    for skill in dict.fromkeys(skills):
        name = skill if skill in taxonomy.skills else (taxonomy.canonical(skill) or skill)
        if name in catalogue.neutral_skills:
            continue
        fields = catalogue.skill_fields.get(name)
        if fields:
            _add(scores, fields, weight)
            continue
        category = taxonomy.category_of(name)
        field = catalogue.category_fields.get(category) if category else None
        if field:
            _add(scores, [field], weight * CATEGORY_SKILL_WEIGHT)


def _evidence(clues: _Clues, catalogue: Catalogue) -> dict[str, float]:
    """Field -> how strongly the title's skills, the description and the skills point to it."""
    taxonomy = default_taxonomy()
    scores: dict[str, float] = defaultdict(float)
    if clues.title:
        _skill_evidence(scores, taxonomy.extract(clues.title), TITLE_SKILL_WEIGHT, catalogue)
    described = taxonomy.extract(clues.description) if clues.description else []
    _skill_evidence(scores, [*clues.skills, *described], SKILL_WEIGHT, catalogue)
    if clues.description:
        # Each distinct phrase counts once: a long description is not more telling for repeating a word.
        phrases = {phrase for _, phrase in catalogue.phrases_in(text_words(clues.description))}
        for phrase in phrases:
            _add(scores, catalogue.cues.get(phrase, ()), CUE_WEIGHT)
            meaning = catalogue.titles.get(phrase)
            if not isinstance(meaning, str):
                continue
            if len(phrase) > 1:
                scores[meaning] += DESCRIBED_TITLE_WEIGHT
            elif len(phrase[0]) >= MIN_PROSE_TITLE_LENGTH:
                scores[meaning] += DESCRIBED_WORD_TITLE_WEIGHT
    return scores


def _choose(scores: dict[str, float], generic: GenericTitle | None, catalogue: Catalogue) -> str | None:
    """The best-supported allowed field, or the generic title's default when evidence is thin or tied."""
    allowed = {field: score for field, score in scores.items() if generic is None or generic.allows(field)}
    frontend, backend = allowed.get(_FRONTEND, 0.0), allowed.get(_BACKEND, 0.0)
    balanced = min(frontend, backend) >= max(1.0, FULLSTACK_BALANCE * max(frontend, backend))
    if balanced and (generic is None or generic.allows(_FULLSTACK)):
        allowed[_FULLSTACK] = max(allowed.get(_FULLSTACK, 0.0), frontend + backend)
    default = generic.default if generic else None
    # A title that can mean anything ("Manager") needs as much evidence as no title at all.
    floor = MIN_EVIDENCE if generic and generic.family else MIN_EVIDENCE_WITHOUT_FAMILY
    order = {field: index for index, field in enumerate(catalogue.fields)}
    ranked = sorted(allowed.items(), key=lambda item: (-item[1], order.get(item[0], len(order))))
    if not ranked or ranked[0][1] < floor:
        return default
    (best, best_score), runner_up = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0.0)
    if default is not None and allowed.get(default, 0.0) >= best_score:
        return default
    # Two fields equally supported: the title's default if it has one, else unknown.
    return default if best_score == runner_up else best


def _narrowest(head: _Title, titles: Sequence[_Title]) -> tuple[_Title, GenericTitle]:
    """Of the title's generic parts, the one that says most: the fewest possible fields, then a default.

    "Manager, Engineering" is an engineer and "Manager - Operations" is in operations; a part of the
    head itself ("Architect" in "Technical Architect") does not count, and on a tie the head stays.
    """
    candidates = [head, *(match for match in titles if not match.overlaps(head))]
    generics = [(match, match.meaning) for match in candidates if isinstance(match.meaning, GenericTitle)]
    return min(generics, key=lambda pair: (len(pair[1].family) or float("inf"), pair[1].default is None))


def _resolve_generic(
    head: _Title, titles: list[_Title], modifiers: list[_Modifier], clues: _Clues, catalogue: Catalogue
) -> str | None:
    head, generic = _narrowest(head, titles)
    # A telling word elsewhere in the title narrows it: "Manager, Nursing", "Engineer (Backend)".
    narrowing = _strongest(
        match
        for match in titles
        if isinstance(match.meaning, str) and generic.allows(match.meaning) and not match.overlaps(head)
    )
    if narrowing is not None and isinstance(narrowing.meaning, str):
        return narrowing.meaning
    scores = _evidence(clues, catalogue)
    for modifier in modifiers:
        if modifier.overlaps(head):
            continue
        fields = [field for field in modifier.fields if generic.allows(field)]
        # Within a family a modifier settles it ("Software Engineer, Mobile"); beside a title that can
        # mean anything ("Manager, Payments") it is only a hint.
        if generic.family and len(fields) == 1:
            return fields[0]
        _add(scores, fields, TITLE_MODIFIER_WEIGHT if generic.family else TITLE_HINT_WEIGHT)
    return _choose(scores, generic, catalogue)


def _names_both_ends(titles: list[_Title], modifiers: list[_Modifier]) -> bool:
    """Whether the title names front-end and back-end work together ("React/Node Developer")."""
    named = {match.meaning for match in titles if isinstance(match.meaning, str)}
    for modifier in modifiers:
        named |= modifier.fields
    return {_FRONTEND, _BACKEND} <= named


def _classify(clues: _Clues) -> str | None:
    catalogue = default_catalogue()
    segments = title_segments(clues.title)
    if sum(len(words) for words in segments) > MAX_TITLE_WORDS:
        # A sentence in the title slot (a parser's slip) is read as description, not as a title.
        clues = _Clues("", f"{clues.title}\n{clues.description}", clues.skills)
        segments = []
    titles, modifiers = _read_title(segments, catalogue)
    if not titles:
        scores = _evidence(clues, catalogue)
        for modifier in modifiers:
            _add(scores, modifier.fields, TITLE_HINT_WEIGHT)
        return _choose(scores, None, catalogue)
    main_segment = min(match.segment for match in titles)
    head = _strongest(match for match in titles if match.segment == main_segment)
    assert head is not None
    if isinstance(head.meaning, str):
        field: str | None = head.meaning
    else:
        field = _resolve_generic(head, titles, modifiers, clues, catalogue)
    if field in (_FRONTEND, _BACKEND) and _names_both_ends(titles, modifiers):
        return _FULLSTACK
    return field


def classify_role(title: str | None, description: str = "", skills: Sequence[str] = ()) -> str | None:
    """The field of a resume role from its title, else its description and skills; None when unknown."""
    return _classify(_Clues(title or "", description, skills))


def classify_job(title: str, description: str = "", skills: Sequence[str] = ()) -> str | None:
    """The field of a job posting from its title first, then its description and required skills."""
    return _classify(_Clues(title, description, skills))
