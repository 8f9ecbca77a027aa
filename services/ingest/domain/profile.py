"""Reading a `ParsedProfile` out of resume text: the deterministic extractor.

Everything here is a pure function of the text, the links the document carried and `today` (what
"Present" means), so the same file always gives the same profile. The steps: logical lines
(`lines`), sections (`sections`), personal lines left out (`personal`), entries per section
(`experience`, `education`, `projects`, `certifications`), skills with evidence (`skills_evidence`),
and a confidence (`confidence`).

What counts as experience: every role written under an experience heading is a position held (a
"Student Nurse (placement)" listed there included), and only those roles add to the total months.
Clinical rotations or placements in a section of their own or under a degree, and volunteering in
a section of its own, show skills used (with their months: evidence `placement:` and `volunteer:`)
but are neither positions held nor employment months: a recruiter reads "5 years of experience" as
paid work, and a volunteer's or student's practice as evidence of skill.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from contracts.skills import Taxonomy
from services.ingest.domain.certifications import read_certifications
from services.ingest.domain.confidence import Findings, assess
from services.ingest.domain.contact import (
    email_in,
    find_links,
    guess_name,
    is_contact_line,
    name_beside_email,
    name_in_line,
    phone_in,
)
from services.ingest.domain.dates import Interval, total_months
from services.ingest.domain.education import read_education
from services.ingest.domain.entry_headings import is_role, split_parts
from services.ingest.domain.experience import Job, read_experience
from services.ingest.domain.lines import Line, logical_lines
from services.ingest.domain.personal import (
    deidentify,
    is_personal_line,
    is_place_line,
    name_words,
    without_photo_captions,
)
from services.ingest.domain.placements import read_placements
from services.ingest.domain.projects import read_projects
from services.ingest.domain.schema import (
    Certification,
    EducationEntry,
    ExperienceEntry,
    ParsedProfile,
    ProjectEntry,
)
from services.ingest.domain.sections import Section, split_sections
from services.ingest.domain.skills_evidence import (
    Region,
    collect_skills,
    disciplines_of,
    skills_in,
    unknown_skill_terms,
)

# Raised whenever a parse of the same file would announce something new (3: evidence per skill, roles,
# licences and certifications; 4: credentials only where held as one's own; 5: wider dates and role
# lines), so parses an older parser
# made are not reused (see `uploads`).
PARSER_VERSION = 5
_HEADLINE_SCAN = 4
_MAX_SUMMARY = 3000


def parse_profile(
    text: str,
    *,
    taxonomy: Taxonomy,
    today: date,
    document_links: Sequence[str] = (),
) -> ParsedProfile:
    """The structured profile in a resume's (normalised) text; `today` is what "Present" means."""
    sections = split_sections(logical_lines(text))
    header = sections[0]
    # The name opens the resume, before any heading; a sidebar template may put it beside the e-mail instead.
    name = guess_name([line.text for line in header.lines]) or name_beside_email(text.splitlines())
    headline = _headline(header.lines, name)
    # Address, birth date, photo captions and the like say nothing of the work: no part reads them.
    sections = [_without_personal_lines(section) for section in sections]
    read = _Reading()
    for section in sections:
        _read_section(read, section, name=name, headline=headline, taxonomy=taxonomy, today=today)
    regions = _without_names(read.regions, read.experience, read.education, read.certifications, person=name)
    found = [skills_in(region, taxonomy) for region in regions]
    # Each entry's skills are those of its own region, read like every other region (names blanked).
    experience = [
        entry.model_copy(update={"skills": found[index][:100]})
        for entry, index in zip(read.experience, read.job_regions, strict=True)
    ]
    projects = [
        entry.model_copy(update={"skills_used": found[index][:100]})
        for entry, index in zip(read.projects, read.project_regions, strict=True)
    ]
    skills = collect_skills(regions, taxonomy, found=found)
    email = email_in(text, document_links)
    phone = phone_in(text, document_links)
    confidence, flags = assess(
        Findings(
            has_name=name is not None,
            has_email=email is not None,
            has_phone=phone is not None,
            sections=sum(1 for section in sections if section.kind != "header"),
            jobs=len(experience),
            dated_jobs=sum(1 for entry in experience if entry.start_date),
            skills=len(skills),
            education=len(read.education),
            text_chars=len(text),
        )
    )
    summary = "\n".join(part for part in read.summary_parts if part).strip()
    return ParsedProfile(
        name=name,
        email=email,
        phone=phone,
        links=list(find_links(text, document_links)),
        headline=headline,
        summary=summary[:_MAX_SUMMARY] or None,
        skills=skills,
        experience=experience[:50],
        projects=projects[:50],
        education=read.education[:20],
        certifications=read.certifications[:50],
        total_experience_months=min(total_months(read.intervals), 720) if read.intervals else None,
        unknown_skills=unknown_skill_terms(regions, getattr(taxonomy, "unknown_terms", None)),
        confidence=confidence,
        review_flags=flags,
        text_chars=len(text),
    )


@dataclass
class _Reading:
    """What the sections gave so far: regions to read skills from, and the entries they belong to."""

    regions: list[Region] = field(default_factory=list)
    experience: list[ExperienceEntry] = field(default_factory=list)
    job_regions: list[int] = field(default_factory=list)  # the region of each experience entry
    projects: list[ProjectEntry] = field(default_factory=list)
    project_regions: list[int] = field(default_factory=list)
    education: list[EducationEntry] = field(default_factory=list)
    certifications: list[Certification] = field(default_factory=list)
    intervals: list[Interval] = field(default_factory=list)  # employment only: what total experience sums
    summary_parts: list[str] = field(default_factory=list)

    def add(self, region: Region) -> int:
        self.regions.append(region)
        return len(self.regions) - 1


def _read_section(
    read: _Reading, section: Section, *, name: str | None, headline: str | None, taxonomy: Taxonomy, today: date
) -> None:
    """Add one section's regions and entries to `read`."""
    if section.kind == "header":
        # Contact lines name no skills, but their links would ("github.com/jane" is not Git), nor
        # does the name line (Jordan Swift knows no Swift by name) or where the person lives.
        headline_text = "\n".join(line.text for line in section.lines if _is_header_content(line.text, name))
        implied = disciplines_of(headline, taxonomy) if headline else ()
        read.add(Region("headline", "headline", headline_text, implied=implied))
    elif section.kind == "summary":
        read.summary_parts.append(section.text())
        read.add(Region("summary", "summary", section.text()))
    elif section.kind == "skills":
        read.add(Region("skills", "skills-section", section.text()))
    elif section.kind in ("experience", "placements", "volunteer"):
        for job in read_experience([section], today=today):
            _read_job(read, job, kind=_WORK_KINDS[section.kind], taxonomy=taxonomy)
    elif section.kind == "projects":
        for project in read_projects([section], today=today):
            region = Region("project", f"project:{project.entry.title}", project.text, project.interval)
            read.project_regions.append(read.add(region))
            read.projects.append(project.entry)
    elif section.kind == "education":
        placements = read_placements(section, today=today)
        taken = {index for placement in placements for index in placement.lines}
        degrees = replace(section, lines=[line for index, line in enumerate(section.lines) if index not in taken])
        for schooling in read_education([degrees]):
            label = schooling.entry.degree or schooling.entry.institution or "unnamed"
            read.add(Region("course", f"course:{label}", schooling.text))
            read.education.append(schooling.entry)
        for placement in placements:
            read.add(Region("course", f"placement:{placement.label}", placement.text, placement.interval))
    elif section.kind == "certifications":
        for credential in read_certifications([section]):
            read.add(Region("certification", f"certification:{credential.entry.name}", credential.text))
            read.certifications.append(credential.entry)
    else:
        read.add(Region("other", "mentioned", section.text()))


WorkKind = Literal["employment", "placement", "volunteer"]
# The section says what kind of work its entries were: a role the person lists under experience is one
# they held ("Student Nurse (placement)" included), while a "Clinical Rotations" or "Volunteering"
# section sets its entries apart.
_WORK_KINDS: dict[str, WorkKind] = {"experience": "employment", "placements": "placement", "volunteer": "volunteer"}


def _read_job(read: _Reading, job: Job, *, kind: WorkKind, taxonomy: Taxonomy) -> None:
    label = job.entry.company or job.entry.role or "unnamed"
    # An employer's name is no skill: "SAP SE" or "Canva" as employers say nothing of the person.
    job_text = job.text.replace(job.entry.company, " ") if job.entry.company else job.text
    implied = disciplines_of(job.entry.role, taxonomy) if job.entry.role else ()
    if kind == "placement":
        # Practice under supervision while studying: the skills were used, but it was no employment.
        read.add(Region("course", f"placement:{label}", job_text, job.interval, implied))
    elif kind == "volunteer":
        # Unpaid work is real use of a skill; it is not a position held, nor employment months.
        read.add(Region("project", f"volunteer:{label}", job_text, job.interval, implied))
    else:
        read.job_regions.append(read.add(Region("job", f"job:{label}", job_text, job.interval, implied)))
        read.experience.append(job.entry)
        if job.interval is not None:
            read.intervals.append(job.interval)


def _without_personal_lines(section: Section) -> Section:
    lines = [replace(line, text=without_photo_captions(line.text)) for line in section.lines]
    return replace(section, lines=[line for line in lines if line.text.strip() and not is_personal_line(line.text)])


def _is_header_content(text: str, name: str | None) -> bool:
    """Whether a header line may say something about the work (not contact details, the name or a place)."""
    if is_contact_line(text) or is_place_line(text):
        return False
    return name is None or name_in_line(text) != name


def _without_names(
    regions: Sequence[Region],
    experience: Sequence[ExperienceEntry],
    education: Sequence[EducationEntry],
    certifications: Sequence[Certification],
    *,
    person: str | None,
) -> list[Region]:
    """The regions with the names of organisations and of the person blanked: "at OpenAI", "Oracle Certified",
    "Java Junction Café" or "Python Plaza Academy" name an organisation, and "Jordan Swift" a person, not a
    skill. Skills sections keep them: there a name is a claim."""
    names = {entry.company for entry in experience if entry.company}
    names |= {stem for name in list(names) if (stem := _short_name(name))}
    names |= {entry.institution for entry in education if entry.institution}
    names |= {entry.issuer for entry in certifications if entry.issuer}
    names |= name_words(person) if person else set()
    pattern = _names_pattern(names)
    if pattern is None:
        return list(regions)
    return [
        region if region.kind == "skills" else replace(region, text=pattern.sub(" ", region.text)) for region in regions
    ]


# What a firm's name may end with and still be the same firm without it: "Java Junction Café" is "Java Junction".
_NAME_ENDING = re.compile(
    r"(?:,?\s+(?:caf[eé]|coffee|restaurant|bar|grill|bakery|hotel|realty|plaza|store|shop|salon|agency|clinic"
    r"|inc|ltd|llc|llp|plc|gmbh|corp|co|company|corporation|limited|group|holdings|pvt|private))+\.?$",
    re.IGNORECASE,
)


def _short_name(name: str) -> str | None:
    """A firm's name without its last, generic word, when two words or more are left (one could be a skill)."""
    short = _NAME_ENDING.sub("", name).strip()
    return short if short != name and len(short.split()) >= 2 else None


def _names_pattern(names: set[str]) -> re.Pattern[str] | None:
    usable = sorted((name for name in names if len(name) > 2), key=len, reverse=True)
    if not usable:
        return None
    return re.compile("|".join(rf"(?<!\w){re.escape(name)}(?!\w)" for name in usable))


def _headline(header: Sequence[Line], name: str | None) -> str | None:
    """The title under (or beside) the name: "Machine Learning Engineer", "Jane Doe | Data Engineer"."""
    start = 0
    for index, line in enumerate(header):
        if name is not None and name_in_line(line.text) == name:
            parts = split_parts(line.text)
            beside = [part for part in parts[1:] if is_role(part)]
            if beside:
                return beside[0][:300]
            start = index + 1
            break
    for line in header[start : start + _HEADLINE_SCAN]:
        text = line.text.strip()
        if is_contact_line(text) or is_personal_line(text) or len(text.split()) > 10 or re.search(r"\d{3}", text):
            continue
        if is_role(text):
            return text[:300]
    return None


def embedding_text(text: str, *, profile: ParsedProfile, limit: int) -> str:
    """What the matcher embeds: the profile's headline and skills, then the text without personal data.

    Names, contact details, addresses, ages, photos and gendered words say nothing about fit and would
    only let the matcher tell people apart by who they are: two resumes that differ only in them give
    the same text. The headline and skills come first so the model's short window sees them.
    """
    head = [profile.headline or "", _skills_line(profile)]
    body = deidentify(_body_text(text, name=profile.name), name=profile.name)
    lines = [" ".join(line.split()) for line in [*head, *body.splitlines()]]
    # Lines left with no word of two letters or more were contact lines or icon glyphs.
    kept = [line for line in lines if re.search(r"[^\W\d_]{2}", line) and not _LABELS_ONLY.fullmatch(line)]
    return _cut("\n".join(dict.fromkeys(kept)), limit)


_LABELS_ONLY = re.compile(
    r"(?:\W*(?:e-?mail|phone|mobile|cell|tel|telephone|linkedin|github|website|web|portfolio|contact|address)\W*)+",
    re.IGNORECASE,
)
_EMBEDDED_SKILLS = 40


def _skills_line(profile: ParsedProfile) -> str:
    """The canonical skills, those used longest first: the same words whatever the resume's wording."""
    ranked = sorted(profile.skills, key=lambda skill: -(skill.months_experience or 0))
    names = [skill.name for skill in ranked[:_EMBEDDED_SKILLS]]
    return f"Skills: {', '.join(names)}" if names else ""


def _body_text(text: str, *, name: str | None) -> str:
    """The resume's lines without its header's contact block (the headline is given apart)."""
    sections = split_sections(logical_lines(text))
    lines = [line.text for line in sections[0].lines if _is_header_content(line.text, name)]
    for section in sections[1:]:
        lines.append(section.heading)
        lines.extend(line.text for line in section.lines)
    return "\n".join(lines)


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    boundary = max(cut.rfind(" "), cut.rfind("\n"))
    return (cut[:boundary] if boundary > limit * 0.8 else cut).rstrip()
