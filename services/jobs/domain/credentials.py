"""Licences and certifications a job asks for, kept apart from its skills.

A credential is a skill of the vocabulary's `licences` or `certifications` category
(`Taxonomy.credential_kind`). It is required where a skill would be (not in a preferred span), unless:

- "CPA or CPA candidate", "CPA eligible", "working towards ACCA": a candidate on the way counts, so
  holding it is a preference, not a hard requirement.
- "BLS required within 30 days of hire", "forklift certification provided": it can be obtained after
  the offer, so lacking it must not rule anyone out; holding it already is a plus. These become
  preferred certifications. "BLS required upon hire" stays required: it is needed on the first day.
- "SHRM-CP or SHRM-SCP": credentials offered as alternatives are each preferred. The contract cannot
  say "one of these", and requiring each would fail everyone who holds the other.

The contract has no list of preferred licences: a licence the job only prefers is listed with the
preferred certifications (both are credentials the matcher credits as a bonus).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from contracts.skills import CredentialKind, SkillMention, Taxonomy
from services.jobs.domain.spans import PostingText

_FLAGS = re.IGNORECASE

# Around the whole clause: a deadline after hiring, or the employer providing the credential.
_OBTAINABLE_LATER = re.compile(
    r"\bwithin\s+(?:the\s+first\s+)?(?:\d{1,3}|a|one|two|three|four|six|nine|twelve|thirty|sixty|ninety)[\s-]*"
    r"(?:days?|weeks?|months?|years?)\b"
    r"|\b(?:after|following)\s+(?:hire|hiring|joining|employment|start(?:ing)?)\b"
    r"|\b(?:by|before)\s+the\s+end\s+of\s+(?:the\s+)?(?:probation|first)\b"
    r"|\b(?:we|the\s+company|the\s+employer)\s+(?:will\s+)?(?:provides?|pays?\s+for|sponsors?|trains?|certif(?:y|ies))\b"
    r"|\b(?:training|certification)\s+(?:is\s+|will\s+be\s+)?provided\b|\bpaid\s+(?:training|certification)\b"
    r"|\b(?:willing(?:ness)?|able|ability|expected)\s+to\s+(?:obtain|acquire|get|earn|achieve|complete)\b",
    _FLAGS,
)
# Right after the credential: "CPA or CPA candidate", "CPA eligible", "PMP (in progress)".
_ON_THE_WAY_AFTER = re.compile(
    r"\s*(?:licen[cs]e|licensure|certification|certified|designation|qualification)?\s*\(?\s*"
    r"(?:(?:and/)?or\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}?)?"
    r"(?:candidates?|eligible|eligibility|in\s+progress|(?:actively\s+)?(?:pursuing|working\s+towards?|studying\s+for))\b",
    _FLAGS,
)
# Right before it: "eligible for RN licensure", "working towards the ACCA".
_ON_THE_WAY_BEFORE = re.compile(
    r"(?:eligib(?:le|ility)\s+(?:for|to\s+(?:sit|obtain|apply))|pursuing|working\s+towards?|studying\s+(?:for|towards?)"
    r"|progress(?:ing)?\s+towards?|part[- ]qualified)\s+(?:[\w-]+\s+){0,3}$",
    _FLAGS,
)
_NEAR_CHARS = 40
# What may stand between two credentials of one list: "BLS/ACLS", "SHRM-CP or SHRM-SCP", "A+, Network+ or".
_JOINER = re.compile(
    r"\s*(?:licen[cs]e|licensure|certification|certificate|certified|credential)?\s*"
    r"(?:,|/|&|\band\b|\bor\b|\band/or\b|,\s*(?:and|or)\b)\s*(?:an?\s+|the\s+)?",
    _FLAGS,
)
_OR = re.compile(r"\bor\b", _FLAGS)
_CONTEXT_CHARS = 150


@dataclass(frozen=True)
class Credentials:
    """A job's credentials: licences and certifications it requires, and the ones it would welcome."""

    required_licences: tuple[str, ...] = ()
    required_certifications: tuple[str, ...] = ()
    preferred_certifications: tuple[str, ...] = ()

    @property
    def names(self) -> frozenset[str]:
        """Every credential named, required or preferred."""
        return frozenset((*self.required_licences, *self.required_certifications, *self.preferred_certifications))


def read_credentials(posting: PostingText, mentions: Sequence[SkillMention], *, taxonomy: Taxonomy) -> Credentials:
    """Sort the credentials among `mentions` into required licences, required and preferred certifications."""
    required: dict[str, CredentialKind] = {}
    preferred: dict[str, None] = {}
    credentials = [mention for mention in mentions if taxonomy.credential_kind(mention.skill) is not None]
    alternatives = _alternatives(posting.text, credentials)
    for index, mention in enumerate(credentials):
        kind = taxonomy.credential_kind(mention.skill)
        span = posting.kind_at(mention.start)
        if kind is None or span == "ignored":
            continue
        if span == "preferred" or index in alternatives or _obtainable_later(posting, mention):
            preferred[mention.skill] = None
        else:
            required[mention.skill] = kind
    return Credentials(
        required_licences=tuple(name for name, kind in required.items() if kind == "licence"),
        required_certifications=tuple(name for name, kind in required.items() if kind == "certification"),
        preferred_certifications=tuple(name for name in preferred if name not in required),
    )


def _alternatives(text: str, credentials: Sequence[SkillMention]) -> set[int]:
    """The indexes of credentials offered as alternatives: "SHRM-CP or SHRM-SCP", "A+, Network+ or Security+"."""
    found: set[int] = set()
    run = [0]
    for index in range(1, len(credentials) + 1):
        joiner = (
            _JOINER.fullmatch(text, credentials[index - 1].end, credentials[index].start)
            if index < len(credentials)
            else None
        )
        if joiner is not None:
            run.append(index)
            continue
        joiners = [text[credentials[i - 1].end : credentials[i].start] for i in run[1:]]
        # "A teaching licence or QTS" names one credential twice: no alternative there.
        distinct = {credentials[i].skill for i in run}
        if len(distinct) > 1 and any(_OR.search(between) for between in joiners):
            found.update(run)
        run = [index]
    return found


def _obtainable_later(posting: PostingText, mention: SkillMention) -> bool:
    """Whether the posting lets a hire get this credential after the offer, or accepts one on the way to it."""
    text = posting.text
    start, end = posting.clause(mention.start)
    # A run-on clause is read near the mention only: the scan stays linear in the text's length.
    start, end = max(start, mention.start - _CONTEXT_CHARS), min(end, mention.end + _CONTEXT_CHARS)
    # A parenthesis right after the clause still speaks of it: "BLS (within 30 days of hire)".
    if text.startswith("(", end):
        closing = text.find(")", end)
        end = closing if 0 <= closing - end <= 120 else end
    if _OBTAINABLE_LATER.search(text, start, end):
        return True
    if _ON_THE_WAY_AFTER.match(text, mention.end, min(len(text), mention.end + _NEAR_CHARS)):
        return True
    return bool(_ON_THE_WAY_BEFORE.search(text, max(0, mention.start - _NEAR_CHARS), mention.start))
