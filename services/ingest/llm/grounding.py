"""The hallucination check: what an LLM claims about a resume is kept only where the resume says it.

Every name, employer, school, certification, contact detail, link and skill in the model's answer
is looked up in the source text (with instruction-like passages blanked out, see `injection`);
what is not there is dropped and recorded as a review flag (`llm_dropped_skill:Kubernetes`).
Comparison ignores case, accents, punctuation and spacing, and legal suffixes of company names.
Pure functions: no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from contracts.skills import Taxonomy
from services.ingest.domain.injection import blank_spans, instruction_spans, redact_spans
from services.ingest.domain.schema import (
    Certification,
    EducationEntry,
    ExperienceEntry,
    ParsedProfile,
    ProjectEntry,
    SkillEntry,
)

EntryT = TypeVar("EntryT")

_NOT_WORD = re.compile(r"[^\w+#]+")
_LEGAL_SUFFIX = re.compile(
    r"(?:\s+(?:inc|incorporated|llc|ltd|limited|plc|gmbh|ag|sa|sas|srl|bv|nv|corp|corporation|co|company|pvt|pty))+$"
)
_PHONE_GLUE = re.compile(r"(?<=\d)[\s().\-/]+(?=\d)")
_DIGIT_RUN = re.compile(r"\d+")
_YEAR_IN_TEXT = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_URL_SCHEME = re.compile(r"^(?:https?://)?(?:www\.)?", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})")
_SENTENCE = re.compile(r"(?<=[.;!?])\s+|\n+")
_EVIDENCE_KINDS = ("job", "project", "course")
_EVIDENCE_PLAIN = ("skills-section", "summary")
_FLAG_VALUE_CHARS = 60
_MAX_UNKNOWN_SKILL_CHARS = 60


def normalise_phrase(text: str) -> str:
    """`text` folded for comparison: no accents, lower case, punctuation as spaces, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NOT_WORD.sub(" ", plain.casefold()).split())


def flag_value(text: str) -> str:
    """A claim made safe to put in a review flag: one short line of printable characters."""
    printable = "".join(char if char.isprintable() else " " for char in text)
    return " ".join(printable.split())[:_FLAG_VALUE_CHARS]


@dataclass(frozen=True)
class SourceText:
    """The resume text prepared for lookups: folded, and with instruction-like passages blanked out."""

    original: str
    text: str
    folded: str
    digit_runs: frozenset[str]
    years: frozenset[str]
    skills: frozenset[str]
    all_skills: frozenset[str]
    injection_spans: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, text: str, taxonomy: Taxonomy) -> SourceText:
        """Prepare `text`; skills are the taxonomy's canonical names mentioned outside instructions."""
        spans = tuple(instruction_spans(text))
        clean = blank_spans(text, list(spans))
        glued = _PHONE_GLUE.sub("", clean)
        return cls(
            original=text,
            text=clean,
            folded=f" {normalise_phrase(clean)} ",
            digit_runs=frozenset(_DIGIT_RUN.findall(glued)),
            years=frozenset(_YEAR_IN_TEXT.findall(clean)),
            skills=frozenset(taxonomy.extract(clean)),
            all_skills=frozenset(taxonomy.extract(text)),
            injection_spans=spans,
        )

    @property
    def has_injection(self) -> bool:
        """Whether some passage reads as instructions to an AI."""
        return bool(self.injection_spans)

    def for_model(self) -> str:
        """The text a model is shown: instructions to an AI replaced by a marker (it cannot obey what it never sees)."""
        return redact_spans(self.original, list(self.injection_spans))

    def mentions(self, phrase: str) -> bool:
        """Whether `phrase` occurs as whole words (folded) outside instruction-like passages."""
        folded = normalise_phrase(phrase)
        return bool(folded) and f" {folded} " in self.folded

    def mentions_organisation(self, name: str) -> bool:
        """Like `mentions`, also accepting the name without a legal suffix ("Acme Ltd" for "Acme")."""
        if self.mentions(name):
            return True
        bare = _LEGAL_SUFFIX.sub("", normalise_phrase(name))
        return bool(bare) and f" {bare} " in self.folded

    def mentions_email(self, email: str) -> bool:
        """Whether the address occurs (case-insensitively)."""
        return bool(email) and email.casefold() in self.text.casefold()

    def mentions_phone(self, phone: str) -> bool:
        """Whether the number's digits occur as one number, whatever its spacing and punctuation."""
        # Leading zeros are a national trunk prefix ("020 ..." is "+44 20 ..."): compare without them.
        digits = "".join(char for char in phone if char.isdigit()).lstrip("0")
        if len(digits) < 6:
            return False
        return any(
            run.endswith(digits) or (len(run.lstrip("0")) >= 7 and digits.endswith(run.lstrip("0")))
            for run in self.digit_runs
        )

    def mentions_url(self, url: str) -> bool:
        """Whether the address occurs, with or without scheme, `www.` and a trailing slash."""
        return self.mentions(_URL_SCHEME.sub("", url.strip()).rstrip("/"))

    def mentions_year(self, value: str | int | None) -> bool:
        """Whether the year of a date (`2021-03`, `2021`, 2021) occurs in the text."""
        match = _YEAR.match(str(value)) if value is not None else None
        return match is not None and match.group(1) in self.years


@dataclass(frozen=True)
class GroundedProfile:
    """An LLM answer with every unsupported claim removed, and the flags saying what was removed."""

    profile: ParsedProfile
    dropped: tuple[str, ...]
    unknown_skills: tuple[str, ...]

    @property
    def hallucinated(self) -> bool:
        """Whether anything was dropped."""
        return bool(self.dropped)


class _Grounder:
    def __init__(self, source: SourceText, taxonomy: Taxonomy) -> None:
        self.source = source
        self.taxonomy = taxonomy
        self.dropped: list[str] = []

    def drop(self, kind: str, value: str | None = None) -> None:
        flag = f"llm_dropped_{kind}" if value is None else f"llm_dropped_{kind}:{flag_value(value)}"
        if flag not in self.dropped:
            self.dropped.append(flag)

    def kept(self, value: str | None, *, kind: str | None = None, organisation: bool = False) -> str | None:
        """`value` if the text supports it, else None (flagged when `kind` is given)."""
        if value is None or not value.strip():
            return None
        found = self.source.mentions_organisation(value) if organisation else self.source.mentions(value)
        if found:
            return value
        if kind is not None:
            self.drop(kind, value)
        return None

    def year(self, value: int | None) -> int | None:
        return value if value is not None and self.source.mentions_year(value) else None

    def date(self, value: str | None) -> str | None:
        return value if value is not None and self.source.mentions_year(value) else None

    def description(self, text: str) -> str:
        """The sentences of a description that the resume contains (a paraphrase is not evidence)."""
        return " ".join(part for part in _SENTENCE.split(text) if part.strip() and self.source.mentions(part))

    def skill_name(self, name: str) -> str | None:
        """The canonical skill `name` stands for, when the resume mentions it outside instructions."""
        canonical = self.taxonomy.canonical(name)
        return canonical if canonical is not None and canonical in self.source.skills else None

    def skill_names(self, names: Iterable[str]) -> list[str]:
        return list(dict.fromkeys(found for name in names if (found := self.skill_name(name)) is not None))

    def evidence(self, items: Iterable[str]) -> list[str]:
        kept: list[str] = []
        for item in items:
            kind, _, ref = item.partition(":")
            if item in _EVIDENCE_PLAIN or (kind in _EVIDENCE_KINDS and self.source.mentions_organisation(ref)):
                kept.append(item)
        return list(dict.fromkeys(kept))


def ground_profile(candidate: ParsedProfile, source: SourceText, taxonomy: Taxonomy) -> GroundedProfile:
    """Keep only what `source` supports of `candidate` (an LLM's answer, already schema-valid)."""
    g = _Grounder(source, taxonomy)
    skills, unknown = _ground_skills(g, candidate.skills)
    name = candidate.name if candidate.name and source.mentions(candidate.name) else None
    if candidate.name and name is None:
        g.drop("name")
    email = candidate.email if candidate.email and source.mentions_email(candidate.email) else None
    if candidate.email and email is None:
        g.drop("email")
    phone = candidate.phone if candidate.phone and source.mentions_phone(candidate.phone) else None
    if candidate.phone and phone is None:
        g.drop("phone")
    links = [link for link in candidate.links if source.mentions_url(link.url)]
    if len(links) < len(candidate.links):
        g.drop("link")
    summary = candidate.summary and g.description(candidate.summary)
    profile = candidate.model_copy(
        update={
            "name": name,
            "email": email,
            "phone": phone,
            "links": links,
            "headline": g.kept(candidate.headline),
            "summary": summary or None,
            "skills": skills,
            "experience": _each(candidate.experience, lambda item: _experience(g, item)),
            "projects": _each(candidate.projects, lambda item: _project(g, item)),
            "education": _each(candidate.education, lambda item: _education(g, item)),
            "certifications": _each(candidate.certifications, lambda item: _certification(g, item)),
        }
    )
    return GroundedProfile(profile=profile, dropped=tuple(g.dropped), unknown_skills=tuple(unknown))


def _each(items: Iterable[EntryT], ground: Callable[[EntryT], EntryT | None]) -> list[EntryT]:
    return [kept for item in items if (kept := ground(item)) is not None]


def _ground_skills(g: _Grounder, claimed: list[SkillEntry]) -> tuple[list[SkillEntry], list[str]]:
    by_name: dict[str, SkillEntry] = {}
    unknown: list[str] = []
    for entry in claimed:
        canonical = g.taxonomy.canonical(entry.name)
        if canonical is None:
            # Not in the vocabulary: kept for review only when the resume writes it (outside instructions).
            if len(entry.name) <= _MAX_UNKNOWN_SKILL_CHARS and g.source.mentions(entry.name):
                unknown.append(entry.name)
            else:
                g.drop("skill", entry.name)
            continue
        if canonical not in g.source.skills:
            g.drop("skill", canonical)
            continue
        evidence = g.evidence(entry.evidence)
        known = by_name.get(canonical)
        if known is not None:
            evidence = list(dict.fromkeys([*known.evidence, *evidence]))
        by_name[canonical] = SkillEntry(
            name=canonical,
            category=g.taxonomy.category_of(canonical) or "",
            evidence=evidence,
            months_experience=entry.months_experience if known is None else known.months_experience,
        )
    return list(by_name.values()), list(dict.fromkeys(unknown))


def _experience(g: _Grounder, entry: ExperienceEntry) -> ExperienceEntry | None:
    if entry.company and not g.source.mentions_organisation(entry.company):
        g.drop("employer", entry.company)
        return None
    role = g.kept(entry.role, kind="role")
    if not entry.company and role is None:
        return None
    return entry.model_copy(
        update={
            "role": role,
            "location": g.kept(entry.location),
            "start_date": g.date(entry.start_date),
            "end_date": g.date(entry.end_date),
            "description": g.description(entry.description),
            "skills": g.skill_names(entry.skills),
        }
    )


def _project(g: _Grounder, entry: ProjectEntry) -> ProjectEntry | None:
    if not g.source.mentions(entry.title):
        g.drop("project", entry.title)
        return None
    return entry.model_copy(
        update={
            "skills_used": g.skill_names(entry.skills_used),
            "description": g.description(entry.description),
            "start_date": g.date(entry.start_date),
            "end_date": g.date(entry.end_date),
        }
    )


def _education(g: _Grounder, entry: EducationEntry) -> EducationEntry | None:
    if entry.institution and not g.source.mentions_organisation(entry.institution):
        g.drop("school", entry.institution)
        return None
    degree = g.kept(entry.degree, kind="degree")
    if not entry.institution and degree is None:
        return None
    return entry.model_copy(
        update={
            "degree": degree,
            # The level is read from the degree: without a supported degree it is a guess.
            "level": entry.level if degree is not None else None,
            "year": g.year(entry.year),
            "major": g.kept(entry.major),
        }
    )


def _certification(g: _Grounder, entry: Certification) -> Certification | None:
    if not g.source.mentions_organisation(entry.name):
        g.drop("certification", entry.name)
        return None
    return entry.model_copy(update={"issuer": g.kept(entry.issuer, organisation=True), "year": g.year(entry.year)})
