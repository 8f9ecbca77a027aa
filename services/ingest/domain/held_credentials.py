"""The licences and certifications a resume asserts as the person's own, and those they imply.

A credential is held only where the resume states it of the person:

- an entry of a certifications or licences section that does not say it is not held ("BLS (expired
  2019)", "ACLS - in progress", "CPA candidate", "NCLEX-RN exam booked");
- a listing: the skills section, or the summary or headline, unless the mention there is about other
  people or not held yet ("supported CPA partners", "preparing for the CPA exam");
- a role title that names the holder: "Registered Nurse", "Senior RN – ICU", "Licensed Electrician",
  "Class A CDL Driver", but not "Nursing Assistant to the Registered Nurse team" nor "RN Recruiter".

Bullets under a role never make one: "Reported to the CPA partner", "assisted the ACLS team during
codes" and "loaded vans for drivers holding a CDL" name other people's credentials. What a held
credential implies is held too ("ACLS" implies BLS); nothing is implied by one that is not held.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol

from services.ingest.domain.incidental_mentions import is_incidental, states_not_held
from services.ingest.domain.schema import Certification, ParsedProfile
from services.ingest.domain.skills_evidence import Mention


class CredentialVocabulary(Protocol):
    """What this module needs of the taxonomy."""

    def credential_kind(self, name: str) -> str | None: ...

    def canonical(self, term: str) -> str | None: ...

    def implied(self, skills: Sequence[str]) -> dict[str, str]: ...

    def find(self, text: str) -> Sequence[Mention]: ...


_LISTINGS = frozenset({"skills-section"})
# Before a credential, words that make it someone else's or a goal: "for", "under", "assisting", "towards"
# ("to" and "of" are no sign: "promoted to Registered Nurse", "member of the State Bar").
_OTHERS_BEFORE = re.compile(
    r"\b(?:for|under|beside|alongside|supporting|support(?:ed|s)?|assist(?:ed|ing|s)?|assistant|aide|helper"
    r"|student|trainee|apprentice|intern|recruit(?:er|ing|ed|ment)?|hiring|reporting|reported|serving|served"
    r"|towards?|preparing|studying|pursuing)\b",
    re.IGNORECASE,
)
# After a credential, words that make it a group, a person over the holder, or a course: "CPA partner",
# "Registered Nurse team", "ACLS team", "RN recruiter", "CPA exam", "CDL training school".
_OTHERS_AFTER = re.compile(
    r"\s*(?:teams?|units?|departments?|staff|supervisors?|supervision|partners?|firms?|clients?|colleagues"
    r"|holders?|drivers\b(?!\s*licen)|students?|candidates?|trainees?|apprentices?|assistants?|aides?|support"
    r"|helpers?|recruit(?:er|ers|ing|ment)|pool|cohort|programs?|programmes?|courses?|classes|training|school"
    r"|exams?|examinations?|tests?|prep(?:aration)?|review|tutor(?:ing)?|instructor|educator\s+for)\b",
    re.IGNORECASE,
)
# A title's pieces: "Senior RN – ICU, St Mary's" is "Senior RN", "ICU" and "St Mary's".
_TITLE_PIECES = re.compile(r"\s*(?:,|/|\||–|—|\s-\s|\(|\)|\[|\]|;)\s*")
_SUMMARY_CLAUSE = re.compile(r"[.;!?•\n]")
_NEARBY_WORDS = 3


def held_credentials(profile: ParsedProfile, vocabulary: CredentialVocabulary) -> list[str]:
    """The canonical credentials the resume asserts as the person's own, then those they imply."""
    held: dict[str, None] = {}
    entries = {entry.name: entry for entry in profile.certifications}
    own_summary = _own_in_text(profile.summary or "", vocabulary)
    own_headline = _own_in_text(profile.headline or "", vocabulary)
    for skill in profile.skills:
        if vocabulary.credential_kind(skill.name) is None:
            continue
        for label in skill.evidence:
            prefix, _, rest = label.partition(":")
            entry = entries.get(rest) if prefix == "certification" else None
            if (
                label in _LISTINGS
                or (label == "summary" and skill.name in own_summary)
                or (label == "headline" and skill.name in own_headline)
                or (prefix == "certification" and (entry is None or is_held(entry)))
            ):
                held.setdefault(skill.name)
    for entry in profile.certifications:
        name = vocabulary.canonical(entry.name)
        if name is not None and vocabulary.credential_kind(name) is not None and is_held(entry):
            held.setdefault(name)
    for role in profile.experience:
        held.update(dict.fromkeys(title_credentials(role.role or "", vocabulary)))
    names = list(held)
    names += [name for name in vocabulary.implied(names) if name not in held]
    return names


def is_held(entry: Certification) -> bool:
    """Whether a certifications entry is a credential held now, not expired nor pending."""
    return not states_not_held(f"{entry.name} {entry.issuer or ''}")


def title_credentials(title: str, vocabulary: CredentialVocabulary) -> list[str]:
    """The credentials a role title says its holder has: "Registered Nurse", not "Assistant to the RN team"."""
    found: dict[str, None] = {}
    mentions = vocabulary.find(title)
    for mention in mentions:
        if vocabulary.credential_kind(mention.skill) is None:
            continue
        piece_start, piece_end = _piece(title, mention.start, mention.end)
        before = title[piece_start : mention.start]
        after = title[mention.end : piece_end]
        if _OTHERS_BEFORE.search(before) or _OTHERS_AFTER.match(after) or states_not_held(title[piece_start:piece_end]):
            continue
        found.setdefault(mention.skill)
    return list(found)


def _piece(title: str, start: int, end: int) -> tuple[int, int]:
    """The span of the title's piece that holds `title[start:end]` (pieces split at commas, dashes, brackets)."""
    piece_start, piece_end = 0, len(title)
    for match in _TITLE_PIECES.finditer(title):
        if match.end() <= start:
            piece_start = match.end()
        elif match.start() >= end:
            piece_end = match.start()
            break
    return piece_start, piece_end


def _own_in_text(text: str, vocabulary: CredentialVocabulary) -> set[str]:
    """The credentials a summary or headline states of the person, not of others nor as a goal."""
    if not text:
        return set()
    mentions = [mention for mention in vocabulary.find(text) if vocabulary.credential_kind(mention.skill)]
    spans = [(mention.start, mention.end) for mention in mentions]
    return {mention.skill for mention in mentions if _is_own(text, mention, spans)}


def _is_own(text: str, mention: Mention, spans: Iterable[tuple[int, int]]) -> bool:
    clause_start = max((match.end() for match in _SUMMARY_CLAUSE.finditer(text, 0, mention.start)), default=0)
    nearby = " ".join(text[clause_start : mention.start].split()[-_NEARBY_WORDS:])
    return not (
        is_incidental(text, mention.start, mention.end, list(spans))
        or _OTHERS_BEFORE.search(nearby)
        or _OTHERS_AFTER.match(text, mention.end)
    )
