"""Reading the heading of an experience entry: which part is the role, the employer, the place.

"Full Stack Java Developer, ABC Company, Inc., Anywhere, USA, June 2018 - Present",
"Data Engineer at Spotify (Stockholm)", "ACME CORP | Berlin" and "Senior Engineer" on a line of
its own all split into parts at commas, bars, dashes, tabs and wide gaps; the place is the tail
of known place names; a part with a job word is the role; the rest is the organisation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from services.ingest.domain.dates import strip_dates
from services.ingest.domain.places import is_country_or_region, is_place

_ROLE_WORDS = re.compile(
    r"\b(?:engineer|developer|programmer|manager|analyst|consultant|designer|scientist|architect|intern"
    r"|internship|trainee|apprentice|lead|head|director|officer|specialist|administrator|admin|coordinator"
    r"|associate|assistant|executive|representative|rep|advisor|adviser|accountant|auditor|nurse|teacher"
    r"|lecturer|professor|researcher|technician|supervisor|founder|co-founder|cofounder|cto|ceo|cfo|coo|cio"
    r"|vp|vice president|president|owner|freelancer|freelance|contractor|tester|qa|sre|devops|student"
    r"|fellow|volunteer|clerk|agent|operator|writer|editor|strategist|marketer|recruiter|partner|principal"
    r"|sde|sdet|mts|member of technical staff|scrum master|product owner|mechanic|electrician|pharmacist"
    r"|physician|doctor|therapist|instructor|tutor|trainer|chef|cashier|salesperson|paralegal|attorney"
    r"|lawyer|advocate|counsel|banker|underwriter|controller|bookkeeper|receptionist|secretary|buyer"
    r"|planner|estimator|surveyor|draftsman|foreman|superintendent|inspector"
    r"|generalist|merchandiser|photographer|artist|illustrator|animator|copywriter|journalist|librarian"
    r"|caregiver|paramedic|dentist|hygienist|midwife|radiographer|dietitian|nutritionist|coach"
    r"|programme manager|dba|webmaster|technologist|expert|investigator|examiner|chemist|biologist"
    r"|economist|statistician|mathematician|physicist|geologist|pilot|steward|senior|junior"
    # Service, care and trade work: "Barista — Java Junction Café" names the barista first.
    r"|barista|bartender|server|waiter|waitress|host|hostess|cook|line cook|sous chef|dishwasher|baker|butcher"
    r"|housekeeper|cleaner|janitor|custodian|caretaker|driver|courier|picker|packer|loader|stocker|warehouse"
    r"|crew member|team member|crew|nanny|carer|aide|cna|lpn|rn|lvn|np|emt|phlebotomist|sonographer|optician"
    r"|teller|barber|stylist|hairdresser|beautician|esthetician|cosmetologist|welder|plumber|carpenter"
    r"|machinist|fitter|installer|laborer|labourer|painter|roofer|mason|bricklayer|landscaper|gardener"
    r"|groundskeeper|guard|firefighter|dispatcher|scheduler|actuary|broker|realtor|counselor|counsellor"
    r"|worker|caseworker|paraprofessional|substitute|attendant|concierge|valet|usher|porter|handyman"
    r"|journeyman|lineman|tradesperson|millwright|storekeeper|sales associate|associate"
    # Professions named by their ending: physiotherapist, psychologist, psychiatrist, clinician, sonographer.
    r"|\w+(?:therapist|ologist|iatrist|ician|ographer))\b",
    re.IGNORECASE,
)
# A legal form makes a part an organisation whatever else it says ("Engineering Services Ltd").
_LEGAL = re.compile(
    r"\b(?:inc|incorporated|ltd|limited|llc|llp|gmbh|ag|plc|pvt|pte|pty|corp|corporation|s\.a|b\.v|n\.v)\b\.?",
    re.IGNORECASE,
)
# Words that end an organisation's name ("Acme Technologies"), when the part has no job word.
_ORG_END = re.compile(
    r"\b(?:company|group|holdings|technologies|technology|tech|solutions|systems|labs|lab|software|consulting"
    r"|consultancy|services|bank|hospital|clinic|university|college|institute|school|academy|agency|studio"
    r"|studios|partners|associates|industries|enterprises|networks|media|foundation|capital|ventures"
    r"|international|global|interactive|pharma|pharmaceuticals|motors|airlines|energy|foods|logistics|retail"
    r"|insurance|bancorp|financial|securities|markets|telecom|communications|entertainment|games|robotics"
    r"|council|ministry|authority|association|society|trust|infotech|infosystems|exports|traders|builders"
    r"|constructions|construction|automation|electronics|electricals|steel|textiles|chemicals|gmbh|inc|ltd"
    r"|caf[eé]|coffee|roasters|restaurant|bistro|grill|bakery|diner|pub|hotel|hotels|inn|resort|realty|properties"
    r"|plaza|mall|market|supermarket|store|stores|shop|boutique|salon|spa|gym|pharmacy|church|museum|theatre"
    r"|theater|brewery|winery|farms?|kitchen|catering|cleaning|transport|trucking|movers|hospitality"
    r"|center|centre|healthcare|health system|infirmary|hospice|nursing home|care home|nhs trust|laboratories"
    r"|llc|llp|plc|corp|corporation|limited|co)\.?$",
    re.IGNORECASE,
)
_ORG_START = re.compile(r"^(?:bank|university|institute|college|school|ministry|department|government) of\b", re.I)
# Working for oneself is where the work was done: the "employer" of a freelancer.
_SELF_EMPLOYED = re.compile(r"^(?:self[- ]employed|freelance|independent(?: contractor| consultant)?)$", re.IGNORECASE)
# A legal form alone ("Inc.") belongs to the part before it: "ABC Company, Inc.".
_LEGAL_FORM = re.compile(
    r"^(?:inc|ltd|llc|llp|l\.l\.c|gmbh|ag|plc|corp|co|pvt\.? ltd|private limited|limited|s\.a|b\.v|sa|bv)\.?$",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s*(?:\||•|·|\t|\s{2,}|\s[-–—]\s|[–—]|,|;|\s/\s)\s*")
_BRACKETED = re.compile(r"\(([^()]*)\)")
_AT = re.compile(r"^(?P<role>.+?)\s+(?:at|@)\s+(?P<org>\S.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class EntryHeading:
    """What an entry's heading says: role, organisation and place (each may be missing)."""

    role: str | None = None
    organisation: str | None = None
    location: str | None = None


def is_role(part: str) -> bool:
    """Whether a heading part names a job ("Senior Data Engineer", "Intern")."""
    return bool(_ROLE_WORDS.search(part)) and not _LEGAL.search(part) and not _ORG_START.search(part)


def is_organisation(part: str) -> bool:
    """Whether a heading part reads as an organisation's name ("Initech Ltd", "Acme Labs", "Bank of X")."""
    if _LEGAL.search(part) or _ORG_START.search(part) or _SELF_EMPLOYED.match(part):
        return True
    return bool(_ORG_END.search(part)) and not _ROLE_WORDS.search(part)


def split_parts(text: str) -> list[str]:
    """The parts of a heading line: split at separators, bracketed bits apart, legal forms re-attached."""
    pieces: list[str] = []
    # "(Berlin)" is a part of its own; "(Front-End)" belongs to the words before it.
    text = _BRACKETED.sub(lambda m: f" | {m.group(1)} | " if is_place(m.group(1)) else m.group(0), text)
    for chunk in _SEPARATORS.split(text):
        chunk = chunk.strip(" .:-–—|")
        if not chunk:
            continue
        if pieces and _LEGAL_FORM.match(chunk):
            pieces[-1] = f"{pieces[-1]}, {chunk}{'' if chunk.endswith('.') else '.'}"
        else:
            pieces.append(chunk)
    return pieces


def location_tail(parts: Sequence[str], *, keep: int = 1) -> tuple[list[str], str | None]:
    """The parts before the place, and the place ("San Francisco, CA, USA"); leaves at least `keep` parts."""
    rest = list(parts)
    place: list[str] = []
    while len(rest) > keep and is_place(rest[-1]):
        place.insert(0, rest.pop())
    # "Smallville, KS": an unknown town before a state or country is part of the place.
    if place and all(is_country_or_region(part) for part in place) and len(rest) > keep and _could_be_town(rest[-1]):
        place.insert(0, rest.pop())
    return rest, ", ".join(place) or None


def _could_be_town(part: str) -> bool:
    words = part.split()
    return (
        1 <= len(words) <= 3
        and all(word[:1].isupper() for word in words)
        and not is_role(part)
        and not is_organisation(part)
        and not re.search(r"\d", part)
    )


def read_entry_heading(lines: Sequence[str]) -> EntryHeading:
    """Role, organisation and place from the heading lines of one entry (dates are ignored)."""
    rest: list[str] = []
    places: list[str] = []
    explicit_role: str | None = None
    for line in lines:
        text = strip_dates(line)
        at = _AT.match(text)
        if at and is_role(at.group("role")) and explicit_role is None:
            explicit_role = at.group("role").strip()
            text = at.group("org")
        parts = split_parts(text)
        if parts and len(lines) > 1 and all(is_place(part) for part in parts):
            places.append(", ".join(parts))  # a line of its own: "Berlin, Germany"
            continue
        line_rest, line_place = location_tail(parts, keep=1)
        rest.extend(line_rest)
        if line_place:
            places.append(line_place)
    location = places[0] if places else None
    if explicit_role is not None:
        return EntryHeading(role=explicit_role, organisation=rest[0] if rest else None, location=location)
    roles = [part for part in rest if is_role(part)]
    others = [part for part in rest if part not in roles]
    role = roles[0] if roles else None
    organisations = [part for part in others if is_organisation(part)]
    organisation = organisations[0] if organisations else (others[0] if others else None)
    if role is None:
        leftovers = [part for part in others if part != organisation]
        role = leftovers[0] if leftovers else None
    if organisation is None and len(roles) > 1:
        organisation = roles[1]
    return EntryHeading(role=role, organisation=organisation, location=location)


def heading_signal(text: str) -> bool:
    """Whether a line reads like an entry heading (a role, an organisation, a place or a separator)."""
    stripped = strip_dates(text)
    if not stripped:
        return False
    parts = split_parts(stripped)
    return (
        len(parts) > 1
        or is_role(stripped)
        or is_organisation(stripped)
        or any(is_place(part) for part in parts)
        or bool(_AT.match(stripped))
    )
